/**
 * Making the live pointer (what visitors get) say what the `SITE` record
 * (the history's truth) says. Every change of `liveDeploy` is written to
 * DynamoDB first; then this writes `desiredPointer(record)` to the
 * KeyValueStore, re-reads the record, and writes again until what it
 * wrote is what the record says. So when two writers race (a restore and
 * a build going live at once) each ends by writing DynamoDB's answer, and
 * the last write to the store is the right one, whatever order they ran
 * in. When the store cannot be written the caller puts DynamoDB back, and
 * a later `sync` converges again if even that failed.
 */
import { desiredPointer } from '../../core/records/deploys';
import {
  clearLivePointer,
  LivePointerError,
  readLivePointer,
  setLivePointer,
} from '../storage/live-pointer';
import type { PublishingServices } from '.';
import { readSite } from './site-record';

/** Rounds of write-then-re-read before giving up on a record that keeps changing. */
export const CONVERGE_ROUNDS = 5;

/** What the pointer of `site` must say now, by its record. */
export async function wantedPointer(s: PublishingServices, site: string) {
  return desiredPointer(await readSite(s, site));
}

/**
 * Writes the pointer of `site` until it matches the record; returns the
 * deploy id it now names (undefined: none). A store that already says the
 * right thing is not written (writes are what the store charges for).
 * `unwritten` names a deploy the store cannot hold yet (a build going live
 * for the first time): while it is what the record wants, the read that
 * would only confirm it is missing is skipped, one call of three saved on
 * every publish (and were it there after all, writing it again is harmless).
 * Throws when the store cannot be written.
 */
export async function convergePointer(
  s: PublishingServices,
  site: string,
  { unwritten }: { unwritten?: string } = {},
) {
  const { pointers } = s.publishing;
  let want = await wantedPointer(s, site);
  for (let round = 0; round < CONVERGE_ROUNDS; round++) {
    const known = round === 0 && want !== undefined && want === unwritten;
    if (known || (await readLivePointer(pointers, site)) !== want) {
      if (want) await setLivePointer(pointers, site, want);
      else await clearLivePointer(pointers, site);
    }
    const now = await wantedPointer(s, site);
    if (now === want) return want;
    want = now;
  }
  throw new LivePointerError(`the record of ${site} kept changing while its pointer was written`);
}

/** What the store names for `site`, or null when it cannot be read. */
export async function pointerNow(s: PublishingServices, site: string) {
  return readLivePointer(s.publishing.pointers, site).catch(() => null);
}
