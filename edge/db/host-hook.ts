/**
 * How the data layer reaches the site host without knowing the builder:
 * removal, lifting and deletion take a hook the route passes in (the edge
 * queues a builder request), the way they take `RevokeGrant`.
 */

/**
 * Has the site host follow what the table now says of `sites`: the edge
 * queues the builder's `sync` (the live pointer then matches
 * `desiredPointer`) or `purge` (pointer and files deleted). Called once the
 * change is stored, and never undoes it: a hook that throws is logged and
 * the removal or deletion stands, since the table is the truth the host is
 * brought back to (the next `sync` of the site, which every publish and
 * restore also runs, or the next deletion attempt's `purge`).
 */
export type HostHook = (sites: readonly string[]) => void | Promise<void>;

/** Runs `hook` for `sites`, if there are any, logging rather than throwing its failure. */
export async function tellHost(hook: HostHook | undefined, sites: readonly string[]) {
  if (!hook || sites.length === 0) return;
  try {
    await hook(sites);
  } catch (error) {
    console.error('site host not told', sites.join(' '), error instanceof Error ? error.name : '');
  }
}
