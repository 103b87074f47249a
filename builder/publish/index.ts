/**
 * The builder's publishing requests: builds, restores, unpublishing, the
 * pointer's reconciliation, purging a deleted site's files, export, and
 * pictures (processing uploads, deleting their files).
 * Each needs the sites' bucket and live pointers; a neighborhood without
 * them (no `SITES_BUCKET`) cannot publish, which is a configuration error.
 */
import type {
  BuilderAnswer,
  BuilderRequest,
  BuilderRequestKind,
} from '../../core/builder-protocol';
import { exportSite } from '../export';
import type { BuilderServices } from '../handler';
import { forgetPictures, processPictures } from '../pictures';
import { purgeSite, restoreBuild, syncPointer, unpublishSite } from './pointer';
import { runBuild } from './run-build';

type PublishingKind = Exclude<BuilderRequestKind, 'preview' | 'sample' | 'version'>;
type PublishingRequest = Extract<BuilderRequest, { kind: PublishingKind }>;

export class PublishingNotConfigured extends Error {
  override name = 'PublishingNotConfigured';
  constructor() {
    super('This builder has no SITES_BUCKET and SITES_KVS_ARN, so it cannot publish');
  }
}

/** The services with publishing's parts, which every request here needs. */
export type PublishingServices = BuilderServices & {
  publishing: NonNullable<BuilderServices['publishing']>;
};

/** Answers one publishing request. */
export async function publishingAnswer(
  services: BuilderServices,
  request: PublishingRequest,
): Promise<BuilderAnswer<PublishingKind>> {
  if (!services.publishing) throw new PublishingNotConfigured();
  const s = services as PublishingServices;
  switch (request.kind) {
    case 'publish':
      return runBuild(s, request);
    case 'restore':
      return restoreBuild(s, request);
    case 'unpublish':
      return unpublishSite(s, request);
    case 'sync':
      return syncPointer(s, request.site);
    case 'purge':
      return purgeSite(s, request.site);
    case 'export':
      return exportSite(s, request.site);
    case 'pictures':
      return processPictures(s, request);
    case 'forget-pictures':
      return forgetPictures(s, request);
  }
}
