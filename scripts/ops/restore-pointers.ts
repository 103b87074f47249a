/**
 * The live pointers of a restored neighborhood: for each site record the
 * table now holds, the KeyValueStore is made to say what the record says
 * (`desiredPointer`, the rule the builder converges on), through the
 * builder's own store writer. A pointer that already says it is not
 * written again (the store charges per write), so a fresh store gets one
 * write per published site, and a second run none. An unpublished,
 * offline or closing site, and a bare name hold, get no key. The store is
 * read a few sites at once but written one site at a time: every write
 * names the store's ETag, so writers side by side would mostly spend their
 * tries on each other's conflicts.
 */
import { desiredPointer } from '../../core/records/deploys';
import { unmarshalItem, type AttributeValue } from '../../core/records/marshal';
import { sitePartition, toSite } from '../../core/records/sites';
import {
  clearLivePointer,
  readLivePointer,
  setLivePointer,
  type LivePointers,
} from '../../builder/storage/live-pointer';
import type { StoredItem } from './backup-format';
import { inPool } from './pool';

export interface PointersReport {
  /** Sites whose pointer now names a deploy. */
  live: number;
  set: number;
  cleared: number;
  unchanged: number;
}

/** Makes the store agree with every `SITE` record among `items`. */
export async function restorePointers(
  pointers: LivePointers,
  items: Iterable<StoredItem>,
  { parallel = 8 } = {},
): Promise<PointersReport> {
  const report: PointersReport = { live: 0, set: 0, cleared: 0, unchanged: 0 };
  const sites = [...items]
    .filter((item) => item.sk?.S === 'SITE')
    .map((item) => ({
      name: item.pk!.S!.slice(sitePartition('').length),
      want: desiredPointer(toSite(unmarshalItem(item as Record<string, AttributeValue>))),
    }));
  const wrong: typeof sites = [];
  await inPool(sites, parallel, async (site) => {
    if (site.want) report.live++;
    if ((await readLivePointer(pointers, site.name)) === site.want) report.unchanged++;
    else wrong.push(site);
  });
  for (const { name, want } of wrong) {
    if (want) {
      await setLivePointer(pointers, name, want);
      report.set++;
    } else {
      await clearLivePointer(pointers, name);
      report.cleared++;
    }
  }
  return report;
}
