/**
 * Work a request starts that its answer need not wait for. In a Worker it
 * runs on after the response under `waitUntil`; where there is no execution
 * context (Hono's `app.request` in a script), the request waits for it.
 */
import type { Context } from 'hono';

export async function afterResponse(c: Context, work: Promise<unknown>): Promise<void> {
  let ctx: Context['executionCtx'] | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    // Hono throws when the runtime gave it no execution context.
  }
  if (ctx) ctx.waitUntil(work);
  else await work;
}
