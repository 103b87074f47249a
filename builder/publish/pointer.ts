/** Moving a site's live pointer: restore, unpublish, reconciliation and purge. */
import type { BuilderAnswer, RestoreRequest, UnpublishRequest } from '../../core/builder-protocol';
import type { PublishingServices } from '.';

const notYet = (what: string) => new Error(`${what} is not built yet`);

export async function restoreBuild(
  _s: PublishingServices,
  _request: RestoreRequest,
): Promise<BuilderAnswer<'restore'>> {
  throw notYet('restore');
}

export async function unpublishSite(
  _s: PublishingServices,
  _request: UnpublishRequest,
): Promise<BuilderAnswer<'unpublish'>> {
  throw notYet('unpublish');
}

export async function syncPointer(
  _s: PublishingServices,
  _site: string,
): Promise<BuilderAnswer<'sync'>> {
  throw notYet('sync');
}

export async function purgeSite(
  _s: PublishingServices,
  _site: string,
): Promise<BuilderAnswer<'purge'>> {
  throw notYet('purge');
}
