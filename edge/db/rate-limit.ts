/**
 * Per-person rate limits (join requests, invitation links): a counter item
 * per person, action and time window, incremented with a conditional write
 * so concurrent requests cannot slip past the limit. Counters expire.
 */
import { conditionally } from './conditional';
import type { Dynamo } from './dynamo';
import { nowSeconds } from '../../core/records/time';

export interface Limit {
  /** What is limited, e.g. `join`. */
  action: string;
  max: number;
  windowSeconds: number;
}

export const limits = {
  join: { action: 'join', max: 5, windowSeconds: 60 * 60 },
  invitation: { action: 'invitation', max: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

/** Seconds until the current window of `limit` ends (for `Retry-After`). */
export const secondsUntilReset = (limit: Limit, now = nowSeconds()) =>
  (Math.floor(now / limit.windowSeconds) + 1) * limit.windowSeconds - now;

/** Counts one use; `false` if the person has used up this window. */
export async function allow(db: Dynamo, limit: Limit, who: string): Promise<boolean> {
  const window = Math.floor(nowSeconds() / limit.windowSeconds);
  const counted = await conditionally(
    db.update(
      { pk: `RATE#${limit.action}#${who}`, sk: String(window) },
      'ADD #hits :one SET expiresAt = :expires',
      {
        condition: 'attribute_not_exists(#hits) OR #hits < :max',
        names: { '#hits': 'hits' },
        values: {
          ':one': 1,
          ':max': limit.max,
          ':expires': (window + 1) * limit.windowSeconds + 60,
        },
      },
    ),
  );
  return counted.written;
}
