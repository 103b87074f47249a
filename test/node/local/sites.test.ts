/**
 * The local site host as `npm start` runs it: files uploaded to the local S3
 * and a live pointer written to the local KeyValueStore by the builder's own
 * clients are what `http://<name>.localhost:PORT` serves, through the
 * CloudFront Function's source. Real s3rver, the signed KVS stand-in, real
 * sockets.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearLivePointer,
  kvsClient,
  setLivePointer,
  type LivePointers,
} from '../../../builder/storage/live-pointer';
import { s3Client, uploadSiteFiles, type SiteBucket } from '../../../builder/storage/site-files';
import { demoSite } from '../../../scripts/local/demo';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../scripts/local/dynamo';
import { freeStackPorts, startLocalStack, type LocalStack } from '../../../scripts/local/stack';
import { sample } from '../../../templates/newsletter/sample';

let stack: LocalStack;
let port: number;
let bucket: SiteBucket;
let pointers: LivePointers;

/** GET `path` on the site host as the browser of `http://<host>` would ask it. */
function visit(host: string, path = '/') {
  return new Promise<{ status: number; type?: string; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, type: res.headers['content-type'], body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const page = (text: string) => new TextEncoder().encode(`<!doctype html><p>${text}</p>`);

beforeAll(async () => {
  const ports = await freeStackPorts();
  port = ports.sites;
  stack = await startLocalStack(ports, { edge: false });
  const options = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  bucket = {
    client: s3Client({ ...options, endpoint: stack.s3.endpoint }),
    bucket: stack.s3.bucket,
  };
  pointers = {
    client: kvsClient({ ...options, endpoint: stack.kvs.endpoint }),
    arn: stack.kvs.arn,
  };
  await uploadSiteFiles(bucket, 'hives', 'first', [
    { path: 'index.html', body: page('The first hives') },
    { path: 'posts/swarm/index.html', body: page('A swarm in May') },
    { path: '404.html', body: page('No such page on Hives') },
  ]);
  await uploadSiteFiles(bucket, 'hives', 'second', [
    { path: 'index.html', body: page('The second hives') },
    { path: '404.html', body: page('No such page on Hives') },
  ]);
}, 60_000);

afterAll(() => stack?.close());

describe('the local site host', () => {
  it('names its address in the stack', () => {
    expect(stack.sitesUrl).toBe(`http://localhost:${port}`);
  });

  it('serves the demo site, published as the stack starts', async () => {
    const res = await visit(`${demoSite.name}.localhost:${port}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(sample.settings.title as string);
  });

  it('answers the friendly not-found page for a site that was never published', async () => {
    const res = await visit(`hives.localhost:${port}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toMatch(/first hives/);
  });

  it('serves the live deploy the pointer names, and the next one once it moves', async () => {
    await setLivePointer(pointers, 'hives', 'first');
    const first = await visit(`hives.localhost:${port}`);
    expect(first).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(first.body).toMatch(/The first hives/);
    expect((await visit(`hives.localhost:${port}`, '/posts/swarm/')).body).toMatch(/swarm in May/);

    await setLivePointer(pointers, 'hives', 'second');
    expect((await visit(`hives.localhost:${port}`)).body).toMatch(/The second hives/);
  });

  it('answers a missing page with the site’s own 404 page', async () => {
    await setLivePointer(pointers, 'hives', 'second');
    const res = await visit(`hives.localhost:${port}`, '/posts/swarm/');
    expect(res.status).toBe(404);
    expect(res.body).toMatch(/No such page on Hives/);
  });

  it('stops serving a site whose pointer is taken away', async () => {
    await setLivePointer(pointers, 'hives', 'first');
    await clearLivePointer(pointers, 'hives');
    const res = await visit(`hives.localhost:${port}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toMatch(/hives/i);
  });

  it('never serves another site’s files, or any under the bare domain', async () => {
    await setLivePointer(pointers, 'hives', 'first');
    expect((await visit(`wasps.localhost:${port}`)).status).toBe(404);
    const apex = await visit(`localhost:${port}`);
    expect(apex.status).toBe(404);
    expect(apex.body).not.toMatch(/first hives/);
  });
});
