/**
 * The end-of-run audit, read straight from the table (dynalite) with the
 * app's own data functions: every write the app acknowledged (303 after a
 * POST) is there with the value sent, and no losing save of a conflicting
 * pair overwrote the winner. A write that got no clear answer (a 5xx, a
 * reset connection) may or may not have landed, so either value passes for
 * it; the report lists such answers anyway. The audit alone decides the
 * load test's exit code.
 */
import type { Dynamo } from '../../edge/db/dynamo';
import { getItem } from '../../edge/db/items';
import { findMember } from '../../edge/db/members';
import { getSite } from '../../edge/db/sites';

/** Marks every text a hostile request sends: none may ever be stored. */
export const INTRUSION = 'Sent by an intruder';

/** The site a signed-out stranger tries to make: it must never exist. */
export const INTRUDER_SITE = 'intruded';

/** What one value should be: the last acknowledged write, or one that may have landed since. */
interface Expected {
  value: string;
  /** Values sent after it whose answer did not say (5xx or no answer). */
  maybe: string[];
}

/** One item's deliberately conflicting pairs of saves. */
interface Contest {
  /** The version the first pair read; every pair must add exactly one. */
  startVersion?: number;
  pairs: number;
  /** Pairs in which exactly one save won and the other got the conflict answer. */
  decided: number;
  /** The body the last deciding pair's winner sent. */
  winner?: string;
  /** Pairs that ended otherwise (both won, none won, an answer that was neither). */
  undecided: string[];
}

export class Ledger {
  readonly items = new Map<string, { title: Expected; body: Expected }>();
  readonly bios = new Map<string, Expected>();
  readonly sites = new Map<string, string>();
  readonly contests = new Map<string, Contest>();
  /** Every neighbor's handle and posts, attackers' too, where no intruder's text may land. */
  readonly watched = new Map<string, { site: string; posts: string[] }>();
  /** Every acknowledged write, counted for the report. */
  acknowledged = 0;

  site(name: string, handle: string): void {
    this.sites.set(name, handle);
    this.acknowledged++;
  }

  /** An item written with `title` and `body`: `ok` if the app acknowledged it. */
  item(site: string, id: string, title: string, body: string, ok: boolean): void {
    const key = `${site}/${id}`;
    const current = this.items.get(key);
    if (ok) {
      this.acknowledged++;
      this.items.set(key, { title: { value: title, maybe: [] }, body: { value: body, maybe: [] } });
    } else if (current) {
      current.title.maybe.push(title);
      current.body.maybe.push(body);
    }
  }

  bio(handle: string, bio: string, ok: boolean): void {
    if (ok) {
      this.acknowledged++;
      this.bios.set(handle, { value: bio, maybe: [] });
    } else this.bios.get(handle)?.maybe.push(bio);
  }

  watch(handle: string, site: string, posts: string[]): void {
    this.watched.set(handle, { site, posts });
  }

  contest(site: string, id: string): Contest {
    const key = `${site}/${id}`;
    const contest = this.contests.get(key) ?? { pairs: 0, decided: 0, undecided: [] };
    this.contests.set(key, contest);
    return contest;
  }
}

const matches = (stored: string | undefined, e: Expected) =>
  stored === e.value || e.maybe.includes(stored ?? '');

/** Every problem found, in words; none means the audit passed. */
export async function audit(db: Dynamo, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, handle] of ledger.sites) {
    const site = await getSite(db, name);
    const owner = await findMember(db, handle);
    if (!site || !owner || site.ownerDid !== owner.did)
      problems.push(
        `site ${name}: acknowledged for ${handle}, stored ${site ? `for ${site.ownerDid}` : 'nowhere'}`,
      );
  }
  for (const [key, e] of ledger.items) {
    const [site = '', id = ''] = key.split('/');
    const item = await getItem(db, site, id);
    if (!item) problems.push(`item ${key}: acknowledged, not stored`);
    else if (!matches(item.title, e.title) || !matches(item.body, e.body))
      problems.push(
        `item ${key}: last acknowledged “${e.title.value}” / “${e.body.value}”, stored “${item.title}” / “${item.body}”`,
      );
  }
  for (const [handle, e] of ledger.bios) {
    const member = await findMember(db, handle);
    if (!matches(member?.bio, e))
      problems.push(
        `profile ${handle}: last acknowledged bio “${e.value}”, stored “${member?.bio}”`,
      );
  }
  for (const [key, contest] of ledger.contests) {
    const [site = '', id = ''] = key.split('/');
    const item = await getItem(db, site, id);
    for (const pair of contest.undecided) problems.push(`conflicting saves of ${key}: ${pair}`);
    // An undecided pair is already a problem, and leaves the version uncounted.
    if (!item || contest.startVersion === undefined || contest.undecided.length) continue;
    if (item.version !== contest.startVersion + contest.decided)
      problems.push(
        `conflicting saves of ${key}: ${contest.decided} pairs each let one save through from version ${contest.startVersion}, but the item is at version ${item.version}`,
      );
    if (contest.winner !== undefined && item.body !== contest.winner)
      problems.push(
        `conflicting saves of ${key}: the last winner sent “${contest.winner}”, stored “${item.body}”`,
      );
  }
  if (await getSite(db, INTRUDER_SITE))
    problems.push(`a signed-out stranger made the site ${INTRUDER_SITE}`);
  for (const [handle, { site, posts }] of ledger.watched) {
    if ((await findMember(db, handle))?.bio?.includes(INTRUSION))
      problems.push(`profile ${handle}: an intruder's text is stored`);
    for (const id of posts) {
      const item = await getItem(db, site, id);
      if (item && `${item.title} ${item.body}`.includes(INTRUSION))
        problems.push(`item ${site}/${id}: an intruder's text is stored`);
    }
  }
  return problems;
}
