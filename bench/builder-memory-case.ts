/**
 * One case of the builder's memory benchmark, in a Node process of its own
 * (as a cold Lambda is): it makes the builder's services from its
 * environment exactly as the Lambda handler does, answers one request, and
 * prints one JSON line: peak resident memory (the kernel's high-water mark,
 * what Lambda reports as "Max Memory Used"), peak JavaScript heap (sampled),
 * the memory after loading and before the request, the request's wall and
 * CPU time, and its DynamoDB, S3 and KeyValueStore requests with the
 * DynamoDB capacity they consumed.
 *
 * Run by `bench/builder-memory.ts`; the request comes as JSON in argv[2].
 */
import { builderServices, createHandler } from '../builder/handler';
import { parseBuilderConfig } from '../builder/config';

const MIB = 1024 * 1024;

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as unknown;
  const services = builderServices(parseBuilderConfig(process.env));
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const counted = (name: string) => ({
    applyToStack: (stack: { add: (m: unknown, o: unknown) => void }) =>
      stack.add(
        (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) =>
          async (args: unknown) => {
            count(`${name} ${context.commandName?.replace(/Command$/, '')}`);
            return next(args);
          },
        { step: 'initialize' },
      ),
  });
  services.publishing?.bucket.client.middlewareStack.use(counted('S3') as never);
  services.publishing?.pointers.client.middlewareStack.use(counted('KVS') as never);
  const capacity = { read: 0, write: 0, requests: 0 };
  services.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      capacity.requests++;
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const units = ([] as { CapacityUnits?: number }[])
        .concat((consumed ?? []) as never)
        .reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      const name = context.commandName ?? '';
      if (/^(Get|BatchGet|Query|Scan)/.test(name)) capacity.read += units;
      else capacity.write += units;
      count(`DynamoDB ${name.replace(/Command$/, '')}`);
      return result;
    },
    { step: 'initialize' },
  );
  const handler = createHandler(() => services);
  // The baseline: the builder and Eleventy loaded (imports above), the request not yet made.
  global.gc?.();
  const loaded = process.memoryUsage();
  let heapPeak = loaded.heapUsed;
  const sample = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 2);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const answer = (await handler(request)) as { kind: string; state?: string };
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(sample);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  console.log(
    JSON.stringify({
      answer: answer.state ?? answer.kind,
      peakRssMiB: (process.resourceUsage().maxRSS * 1024) / MIB,
      loadedRssMiB: loaded.rss / MIB,
      heapPeakMiB: heapPeak / MIB,
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      dynamo: capacity,
      counts: Object.fromEntries(counts),
    }),
  );
  services.dynamo.destroy();
  services.publishing?.bucket.client.destroy();
  services.publishing?.pointers.client.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
