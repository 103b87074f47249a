/**
 * The edge's side of the data layer's `HostHook`: it queues one builder
 * request per site (`sync` after a removal or its lifting, `purge` after a
 * site is closed) as Event invocations, after the response, so the page
 * never waits on the builder. A request Lambda would not take is logged
 * with the site and kind; the change it follows is already stored, and the
 * table stays the truth the host is brought back to (the builder's next
 * `sync` of that site, or the next deletion attempt's `purge`).
 */
import type { AppContext, AppEnv } from './context';
import { afterResponse } from './after-response';
import { queueBuilderRequest } from './builder';
import type { HostHook } from './db/host-hook';

/** A hook that queues `{ kind, site }` for each site it is told of. */
export function hostHook<E extends AppEnv>(c: AppContext<E>, kind: 'sync' | 'purge'): HostHook {
  return (sites) =>
    afterResponse(
      c,
      Promise.all(
        sites.map((site) =>
          queueBuilderRequest(c.get('config'), { kind, site }).catch(() => {
            // queueBuilderRequest has logged why; this names what was not queued.
            console.error('site host request not queued', kind, site);
          }),
        ),
      ),
    );
}
