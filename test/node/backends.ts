/**
 * Runs a data-layer suite on every local DynamoDB: dynalite always, and
 * Amazon's DynamoDB Local whenever Java is available (CI requires it), each
 * with a fresh table built from the one definition.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Dynamo } from '../../edge/db/dynamo';
import { localDynamo } from '../../scripts/local/demo';
import {
  createTable,
  startDynalite,
  startDynamoDbLocal,
  type LocalDynamo,
} from '../../scripts/local/dynamo';
import { freePort } from '../../scripts/local/ports';

export const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasJava && process.env.NBHD_REQUIRE_DYNAMODB_LOCAL) {
  throw new Error('DynamoDB Local needs Java 17+ on PATH (CI sets NBHD_REQUIRE_DYNAMODB_LOCAL).');
}

const backends: [string, (port: number) => Promise<LocalDynamo>, boolean][] = [
  ['dynalite', startDynalite, true],
  ['DynamoDB Local', startDynamoDbLocal, hasJava],
];

/**
 * `suite(db)` declares its tests; `db()` returns the backend's client once
 * it has started. On a machine without Java the DynamoDB Local run is
 * skipped with a warning.
 */
export function onEveryBackend(title: string, suite: (db: () => Dynamo) => void): void {
  describe.each(backends)(`${title} on %s`, (name, start, enabled) => {
    let server: LocalDynamo | undefined;
    let client: Dynamo | undefined;
    beforeAll(async () => {
      if (!enabled) return;
      server = await start(await freePort());
      await createTable(server.endpoint, 'nbhd-test');
      client = localDynamo(server.endpoint, 'nbhd-test');
    }, 60_000);
    afterAll(() => server?.close());
    if (!enabled) {
      console.warn(`Java not found: skipping "${title}" on ${name}.`);
      describe.skip('needs Java', () => suite(() => client!));
      return;
    }
    suite(() => client!);
  });
}
