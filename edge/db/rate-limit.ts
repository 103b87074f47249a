/**
 * Rate limits (join requests, invitation links, publishes, template samples
 * the builder has to render): a counter item per person (or visitor address, or
 * everyone), action and time window, incremented with a conditional write
 * so concurrent requests cannot slip past the limit. Counters expire.
 */
import { conditionally } from './conditional';
import { DynamoUncertainWrite, type Dynamo } from './dynamo';
import { nowSeconds } from '../../core/records/time';
import { PUBLISHES_PER_HOUR } from '../../core/records/deploys';

export interface Limit {
  /** What is limited, e.g. `join`. */
  action: string;
  max: number;
  windowSeconds: number;
}

export const limits = {
  join: { action: 'join', max: 5, windowSeconds: 60 * 60 },
  invitation: { action: 'invitation', max: 20, windowSeconds: 60 * 60 },
  /** Builds a member may start, each a Lambda run and a bucket's worth of uploads. */
  publish: { action: 'publish', max: PUBLISHES_PER_HOUR, windowSeconds: 60 * 60 },
  /** Sample pages not in the cache, per visitor address: far more than anyone clicks. */
  sampleMisses: { action: 'sample', max: 30, windowSeconds: 60 },
  /** Sample pages not in the cache, for everyone: at most about 5 renders a second. */
  sampleMissesOverall: { action: 'sample-all', max: 300, windowSeconds: 60 },
  /** Site ZIPs a member may ask for: each is a builder run and a file in the bucket. */
  siteExport: { action: 'site-export', max: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

/** Seconds until the current window of `limit` ends (for `Retry-After`). */
export const secondsUntilReset = (limit: Limit, now = nowSeconds()) =>
  (Math.floor(now / limit.windowSeconds) + 1) * limit.windowSeconds - now;

const windowOf = (limit: Limit, now: number) => Math.floor(now / limit.windowSeconds);

/** The counter item of `who` for `limit` in the window of `now`. */
export const counterKey = (limit: Limit, who: string, now = nowSeconds()) => ({
  pk: `RATE#${limit.action}#${who}`,
  sk: String(windowOf(limit, now)),
});

/**
 * Counts one use; `false` if the person has used up this window. A count
 * whose answer was lost (`DynamoUncertainWrite`: counted once or not at all,
 * never replayed) lets the use through: a visitor is not turned away for
 * DynamoDB's hiccup, and at most that one use goes uncounted.
 */
export async function allow(db: Dynamo, limit: Limit, who: string): Promise<boolean> {
  const now = nowSeconds();
  const window = windowOf(limit, now);
  const counted = await conditionally(
    db.update(counterKey(limit, who, now), 'ADD #hits :one SET expiresAt = :expires', {
      condition: 'attribute_not_exists(#hits) OR #hits < :max',
      names: { '#hits': 'hits' },
      values: {
        ':one': 1,
        ':max': limit.max,
        ':expires': (window + 1) * limit.windowSeconds + 60,
      },
    }),
  ).catch((error: unknown) => {
    if (error instanceof DynamoUncertainWrite) return { written: true };
    throw error;
  });
  return counted.written;
}
