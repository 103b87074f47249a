// The local S3's own process (see s3.ts): s3rver needs OpenSSL's legacy provider on Node 20,
// which must not leak into anything else. Started with IPC; it says `{ ready: port }` once
// the bucket exists, and exits when its parent goes, however the parent went.
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';

const [port, directory, bucket] = process.argv.slice(2);
// s3rver checks every signature against the keys it knows: teach it the local ones.
DUMMY_ACCOUNT.createKeyPair(process.env.S3_ACCESS_KEY_ID, process.env.S3_SECRET_ACCESS_KEY);

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
