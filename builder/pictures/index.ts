/**
 * The builder's picture requests: processing uploads and deleting their files.
 */
import type { ForgetPicturesRequest, PicturesRequest } from '../../core/builder-protocol';
import type { BuilderAnswer } from '../../core/builder-protocol';
import type { PublishingServices } from '../publish';

export async function processPictures(
  _services: PublishingServices,
  _request: PicturesRequest,
): Promise<BuilderAnswer<'pictures'>> {
  throw new Error('processing pictures is not built yet');
}

export async function forgetPictures(
  _services: PublishingServices,
  _request: ForgetPicturesRequest,
): Promise<BuilderAnswer<'forget-pictures'>> {
  throw new Error('forgetting pictures is not built yet');
}
