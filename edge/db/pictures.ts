/**
 * A site's pictures in the table (`core/records/pictures.ts`): one record
 * per picture in the site's partition, read in one Query.
 */
import { PICTURE_PREFIX, pictureKey, toPicture, type Picture } from '../../core/records/pictures';
import { sitePartition } from '../../core/records/sites';
import type { Dynamo } from './dynamo';

/** Every picture of the site, newest first. */
export async function listPictures(db: Dynamo, site: string): Promise<Picture[]> {
  const pictures: Picture[] = [];
  let cursor: string | undefined;
  do {
    const page = await db.page<Record<string, unknown>>(sitePartition(site), {
      prefix: PICTURE_PREFIX,
      cursor,
    });
    for (const record of page.items) {
      const picture = toPicture(record);
      if (picture) pictures.push(picture);
    }
    cursor = page.next;
  } while (cursor);
  return pictures.sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
  );
}

/** One picture of the site, or undefined if the site has none by that id. */
export async function getPicture(
  db: Dynamo,
  site: string,
  id: string,
): Promise<Picture | undefined> {
  return toPicture(await db.get(pictureKey(site, id)));
}
