/**
 * Helpers for the directory, profile and account tests: setting who may see
 * the directory, making neighbors quickly, reading the names a page lists,
 * and counting the DynamoDB requests a page makes.
 */
import { vi } from 'vitest';
import { getNeighborhood, saveNeighborhood } from '../../edge/db/neighborhood';
import { type DirectoryVisibility, type JoinPolicy } from '../../core/records/neighborhood';
import { db } from './support';

/** Saves the directory setting (reading the current version first, as an admin's form would). */
export async function setVisibility(directoryVisibility: DirectoryVisibility): Promise<void> {
  const { version, ...current } = await getNeighborhood(db);
  await saveNeighborhood(db, { ...current, directoryVisibility }, version);
}

/** Saves the joining rule, the same way. */
export async function setJoinPolicy(joinPolicy: JoinPolicy): Promise<void> {
  const { version, ...current } = await getNeighborhood(db);
  await saveNeighborhood(db, { ...current, joinPolicy }, version);
}

/** The names of the member cards on a page, in order (HTML entities left as they are). */
export const cardNames = (html: string) =>
  [...html.matchAll(/<a href="\/members\/[^"]+" class="name">([^<]*)<\/a>/g)].map((m) => m[1]!);

/** The "Next page" link of a paged list, unescaped, if there is one. */
export const nextLink = (html: string) =>
  /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');

/** Runs `fn` and returns the DynamoDB operations the Worker sent meanwhile, in order. */
export async function dynamoCalls(fn: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(globalThis, 'fetch');
  try {
    await fn();
    return spy.mock.calls
      .map(([input]) => (input instanceof Request ? input.headers.get('x-amz-target') : null))
      .filter((target): target is string => !!target)
      .map((target) => target.replace('DynamoDB_20120810.', ''));
  } finally {
    spy.mockRestore();
  }
}
