/** A site's export: its live files and its source, as one ZIP to download. */
import type { BuilderAnswer } from '../../core/builder-protocol';
import type { PublishingServices } from '../publish';

export async function exportSite(
  _s: PublishingServices,
  _site: string,
): Promise<BuilderAnswer<'export'>> {
  throw new Error('export is not built yet');
}
