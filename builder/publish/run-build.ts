/** Running one queued build: render, upload, go live, prune. */
import type { BuilderAnswer, PublishRequest } from '../../core/builder-protocol';
import type { PublishingServices } from '.';

export async function runBuild(
  _s: PublishingServices,
  _request: PublishRequest,
): Promise<BuilderAnswer<'publish'>> {
  throw new Error('publish is not built yet');
}
