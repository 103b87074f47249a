/**
 * The calibrated floor: a trivial Worker that, for each page, makes the same
 * DynamoDB requests the page made (same number, same bodies, same answers,
 * in the same order, through the same counting proxy) and answers a body
 * of the page's size, and does nothing else. What the runtime spends on a
 * page's subrequests and on its response is then in the floor too, so the
 * page's CPU minus the floor's is our code (routing, sessions, signing,
 * validation, rendering) and nothing of workerd's HTTP work.
 *
 * `PUT /<page>` with `{ calls, answerBytes }` stores a page's recipe (once,
 * before measuring); `GET /<page>` replays it. The requests keep the
 * Worker's own signature: the local DynamoDB does not check it, and signing
 * is our code's cost, not the runtime's.
 */
import type { DynamoCall } from './dynamo-counter';

export interface FloorRecipe {
  calls: DynamoCall[];
  answerBytes: number;
}

/** The floor Worker's module source; `endpoint` is where it sends the requests. */
export function floorWorkerSource(endpoint: string): string {
  return `
const recipes = new Map();
export default {
  async fetch(request) {
    const page = new URL(request.url).pathname;
    if (request.method === 'PUT') {
      const recipe = await request.json();
      recipes.set(page, { calls: recipe.calls, body: 'x'.repeat(recipe.answerBytes) });
      return new Response(null, { status: 204 });
    }
    const recipe = recipes.get(page);
    if (!recipe) return new Response('no recipe', { status: 404 });
    for (const call of recipe.calls) {
      const res = await fetch(${JSON.stringify(endpoint)} + '/', {
        method: 'POST',
        headers: call.headers,
        body: call.body,
      });
      await res.arrayBuffer();
    }
    return new Response(recipe.body, { headers: { 'content-type': 'text/html; charset=UTF-8' } });
  },
};`;
}
