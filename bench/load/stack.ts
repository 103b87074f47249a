/**
 * The stack under load: the same local neighborhood `npm start` runs
 * (dynalite, the local PLC and PDS, the builder's local Lambda endpoint and
 * the edge under `wrangler dev`), on free ports on 127.0.0.1, with the
 * neighborhood opened to anyone who presses "Join" so every simulated
 * neighbor can join by the ordinary form. Every address the stack names is
 * checked to be loopback before the run sends anything.
 */
import { getNeighborhood, saveNeighborhood } from '../../edge/db/neighborhood';
import type { Dynamo } from '../../edge/db/dynamo';
import { localDynamo } from '../../scripts/local/demo';
import { freeStackPorts, startLocalStack, type LocalStack } from '../../scripts/local/stack';
import { loopbackUrl } from './http';

export interface LoadStack {
  stack: LocalStack;
  /** The app's origin, `http://127.0.0.1:<port>`. */
  app: string;
  db: Dynamo;
}

export async function startLoadStack(log: (line: string) => void): Promise<LoadStack> {
  const stack = await startLocalStack(await freeStackPorts(), { quiet: true, log });
  try {
    if (!stack.edge) throw new Error('the local stack started without the edge Worker');
    for (const url of [
      stack.edge.url,
      stack.pdsUrl,
      stack.plcUrl,
      stack.dynamoEndpoint,
      stack.vars.BUILDER_URL!,
    ])
      loopbackUrl(url);
    const db = localDynamo(stack.dynamoEndpoint, stack.table);
    const { version, ...settings } = await getNeighborhood(db);
    await saveNeighborhood(db, { ...settings, joinPolicy: 'open' }, version);
    return { stack, app: stack.edge.url, db };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
