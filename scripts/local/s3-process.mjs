// The local S3's own process (see s3.ts): s3rver needs OpenSSL's legacy provider on Node 20,
// which must not leak into anything else. Started with IPC; it says `{ ready: port }` once
// the bucket exists, and exits when its parent goes, however the parent went.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';

const [port, directory, bucket] = process.argv.slice(2);
// s3rver checks every signature against the keys it knows: teach it the local ones.
DUMMY_ACCOUNT.createKeyPair(process.env.S3_ACCESS_KEY_ID, process.env.S3_SECRET_ACCESS_KEY);

/**
 * Drops objects a killed predecessor left half-written, as S3 never shows
 * a PUT that did not finish. s3rver writes an object's bytes, then its
 * checksum, then its metadata last: an object counts once that parses.
 */
function dropUnfinished(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      dropUnfinished(path);
      continue;
    }
    if (!entry.name.endsWith('._S3rver_object')) continue;
    let finished = false;
    try {
      JSON.parse(readFileSync(path.replace(/object$/, 'metadata.json'), 'utf8'));
      finished = true;
    } catch {
      // Missing or cut short: the PUT never completed.
    }
    if (!finished) {
      for (const suffix of ['object', 'object.md5', 'metadata.json']) {
        rmSync(path.replace(/object$/, suffix), { force: true });
      }
    }
  }
}
dropUnfinished(directory);

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  resetOnClose: false,
  configureBuckets: [{ name: bucket }],
});

const stop = () => server.close().finally(() => process.exit(0));
process.on('disconnect', stop);
process.on('SIGTERM', stop);

server.run().then(
  () => process.send?.({ ready: Number(port) }),
  (error) => {
    process.send?.({ failed: String(error?.message ?? error) });
    process.exit(1);
  },
);
