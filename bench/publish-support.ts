/**
 * The publishing benchmark's helpers: counting the builder's S3 and
 * KeyValueStore requests by command (middleware on its own clients),
 * seeding a blog of generated posts, and fetching a published home page
 * from the local site host as a visitor's browser would.
 */
import { request } from 'node:http';
import type { BuilderServices } from '../builder/handler';
import type { Dynamo } from '../edge/db/dynamo';
import { createItem } from '../edge/db/items';
import { createSite } from '../edge/db/sites';
import { findTemplate } from '../templates';
import { defaultSettings } from '../templates/settings';
import { post } from './preview';

export const OWNER = { did: 'did:plc:benchbenchbenchbenchbenc', handle: 'bench.test' };

/** Requests by client and command, counted by middleware on the builder's own clients. */
export type Counts = Map<string, number>;
export function countRequests(services: BuilderServices, counts: Counts) {
  const count = (client: string, command = '?') => {
    const name = `${client} ${command.replace(/Command$/, '')}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  services.publishing!.bucket.client.middlewareStack.add(
    (next, context) => async (args) => {
      count('S3', context.commandName);
      return next(args);
    },
    { step: 'initialize' },
  );
  services.publishing!.pointers.client.middlewareStack.add(
    (next, context) => async (args) => {
      count('KVS', context.commandName);
      return next(args);
    },
    { step: 'initialize' },
  );
}
export const summary = (counts: Counts) =>
  [...counts].map(([name, n]) => `${n} ${name}`).join(', ');
export const total = (counts: Counts, prefix: string) =>
  [...counts].filter(([k]) => k.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);

export async function seed(db: Dynamo, name: string, posts: number) {
  const blog = findTemplate('blog')!;
  const settings = { ...defaultSettings(blog.settings), title: `Notes (${posts} posts)` };
  await createSite(db, { name, ownerDid: OWNER.did, template: 'blog', settings }, 5);
  for (let i = 0; i < posts; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, posts - i) }, (_, k) => createItem(db, name, post(i + k))),
    );
  }
}

/** GET `/` of `<site>.localhost` on the site host; its body. */
export function home(port: number, site: string) {
  return new Promise<Buffer>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', headers: { host: `${site}.localhost:${port}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks))
            : reject(new Error(`${site}.localhost answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
