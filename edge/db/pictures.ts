/**
 * A site's pictures in the table (`core/records/pictures.ts`): one record
 * per picture in the site's partition, read in one Query.
 */
import {
  PICTURE_PREFIX,
  pictureKey,
  pictureRecord,
  toPicture,
  type Picture,
} from '../../core/records/pictures';
import { pictureRef } from '../../core/pictures';
import { toSiteItem, type SiteItem } from '../../core/records/sites';
import { conditionally, VersionConflict } from './conditional';
import { itemRecords } from './site-usage';
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

/** Pictures by their id. */
export const byId = (pictures: readonly Picture[]) => new Map(pictures.map((p) => [p.id, p]));

/** One picture of the site, or undefined if the site has none by that id. */
export async function getPicture(
  db: Dynamo,
  site: string,
  id: string,
): Promise<Picture | undefined> {
  return toPicture(await db.get(pictureKey(site, id)));
}

/** Someone changed the picture's description since the form was opened. */
export class PictureVersionConflict extends VersionConflict<Picture> {}

/**
 * Stores a new picture unless the site already has one by its id (another
 * upload took it in the meantime); says whether it was stored.
 */
export async function addPicture(db: Dynamo, picture: Picture): Promise<boolean> {
  const put = await conditionally(
    db.put(pictureRecord(picture), { condition: 'attribute_not_exists(pk)' }),
  );
  return put.written;
}

/**
 * Saves a picture's description if nobody saved one since `expectedVersion`;
 * otherwise throws `PictureVersionConflict` with the picture as it is now
 * (undefined once it is deleted).
 */
export async function describePicture(
  db: Dynamo,
  site: string,
  id: string,
  description: string,
  expectedVersion: number,
): Promise<Picture> {
  const update = await conditionally(
    db.update(
      pictureKey(site, id),
      'SET #description = :description, #updatedAt = :now, #version = :next',
      {
        condition: '#version = :version',
        names: { '#description': 'description', '#updatedAt': 'updatedAt', '#version': 'version' },
        values: {
          ':description': description,
          ':now': new Date().toISOString(),
          ':version': expectedVersion,
          ':next': expectedVersion + 1,
        },
      },
    ),
  );
  if (!update.written) throw new PictureVersionConflict(await getPicture(db, site, id));
  return toPicture(update.value as Record<string, unknown>)!;
}

/** Deletes the picture's record (its files are the builder's to delete). */
export async function removePicture(db: Dynamo, site: string, id: string): Promise<void> {
  await db.delete(pictureKey(site, id));
}

/**
 * The site's entries and pages (not those in the trash) whose text, summary
 * or picture field refers to the picture `id` (`picture:<id>`).
 */
export async function itemsUsingPicture(db: Dynamo, site: string, id: string): Promise<SiteItem[]> {
  const reference = new RegExp(`${pictureRef(id).replace(/[-]/g, '\\-')}(?![a-z0-9-])`);
  const records = await itemRecords(db, site, [
    'id',
    'site',
    'title',
    'body',
    'summary',
    'imageUrl',
  ]);
  return records
    .map((record) => toSiteItem(record)!)
    .filter((item) => !item.deletedAt)
    .filter((item) => [item.body, item.summary, item.imageUrl].some((t) => t && reference.test(t)))
    .sort((a, b) => a.title.localeCompare(b.title));
}
