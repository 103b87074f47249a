/**
 * A publish when DynamoDB fails under it, with the faults served by a
 * proxy in front of the real dynalite: the build is recorded failed as far
 * as the table lets it, the error still reaches Lambda (so its retry and
 * failure handling see it), a retried event is skipped, and what visitors
 * see does not change. And an answer lost after DynamoDB applied the
 * build's switch (the SDK's retry then fails its condition) still ends live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBuilderConfig } from '../../../builder/config';
import { builderServices, createHandler } from '../../../builder/handler';
import { createItem } from '../../../edge/db/items';
import { LOCAL_CREDENTIALS } from '../../../scripts/local/dynamo';
import { itemContent } from '../../support/item-content';
import { startFaultProxy, type FaultProxy } from '../fault-proxy';
import {
  deployOf,
  pointerOf,
  publish,
  queue,
  siteState,
  startPublishFixture,
  visit,
  type PublishFixture,
} from './support';

let f: PublishFixture;
let proxy: FaultProxy;
let handler: (event: unknown) => Promise<unknown>;
let services: ReturnType<typeof builderServices>;
let live: string;

beforeAll(async () => {
  f = await startPublishFixture();
  proxy = await startFaultProxy(f.fixture.dynamo.endpoint);
  services = {
    ...builderServices(
      parseBuilderConfig({ ...f.env, DYNAMODB_ENDPOINT: proxy.endpoint }),
      LOCAL_CREDENTIALS,
    ),
    // The same bucket and store clients as the fixture's.
    publishing: f.services.publishing,
  };
  handler = createHandler(() => services);
  await createItem(f.db, 'bees', itemContent({ title: 'Steady honey', slug: 'honey' }));
  live = (await publish(f)).id;
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await f?.close();
});

describe('a publish when DynamoDB fails', () => {
  it('records the failure, throws for Lambda, and skips the retried event', async () => {
    const id = await queue(f.db, 'bees');
    // Reading the site's items fails every time the SDK tries.
    proxy.inject({ operation: 'Query', times: 3, kind: 'refused' });
    await expect(handler({ kind: 'publish', site: 'bees', deploy: id })).rejects.toThrow();
    expect(proxy.unserved()).toEqual([]);

    const deploy = await deployOf(f.db, 'bees', id);
    expect(deploy).toMatchObject({ state: 'failed', failedStage: 'rendering' });
    expect(deploy?.log.at(-1)).toMatch(/went wrong on our side/);
    expect((await siteState(f.db))?.building).toBeUndefined();

    expect(await handler({ kind: 'publish', site: 'bees', deploy: id })).toEqual({
      kind: 'deploy',
      state: 'skipped',
    });
    expect(await pointerOf(f)).toBe(live);
    expect((await visit(f, 'bees', '/posts/honey/')).body).toContain('Steady honey');
  });

  it('ends live when the answer to its switch was lost after DynamoDB applied it', async () => {
    const id = await queue(f.db, 'bees');
    // Just before the switch (the SITE update taking the build live) is sent, plan its fault.
    services.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { sk?: { S?: string } }; UpdateExpression?: string };
        if (
          context.commandName === 'UpdateItemCommand' &&
          input.Key?.sk?.S === 'SITE' &&
          input.UpdateExpression?.startsWith('SET liveDeploy')
        ) {
          proxy.inject({ operation: 'UpdateItem', times: 1, kind: 'lost' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'lose-switch' },
    );
    try {
      expect(await handler({ kind: 'publish', site: 'bees', deploy: id })).toEqual({
        kind: 'deploy',
        state: 'live',
      });
    } finally {
      services.dynamo.middlewareStack.remove('lose-switch');
    }
    expect(proxy.unserved()).toEqual([]);
    expect((await deployOf(f.db, 'bees', id))?.state).toBe('live');
    expect((await siteState(f.db))?.liveDeploy).toBe(id);
    expect(await pointerOf(f)).toBe(id);
  });
});
