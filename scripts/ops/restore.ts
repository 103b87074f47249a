/**
 * `npm run restore -- --from <folder>`: puts a backup made by `npm run
 * backup` into a fresh stack (its items, its sites' files, then each
 * published site's live pointer), refusing a table that holds another
 * neighborhood. Safe to run again: what is in place is not written twice.
 */
import { resolve } from 'node:path';
import { sizeText } from '../../core/site-limits';
import { commandFlags, run, seconds } from './cli';
import { restoreBackup } from './run-restore';
import { opsClients, resolveTarget } from './target';

const usage = `Usage: npm run restore -- --from <folder>
  --from <folder>   a folder written by npm run backup
  --table, --bucket, --kvs-arn, --region, --outputs <cdk-outputs.json>
                    where to restore, if not in cdk-outputs.json and nbhd.config.json`;

run(async () => {
  const flags = commandFlags({ from: { type: 'string' } }, usage);
  if (typeof flags.from !== 'string') {
    throw Object.assign(new Error(usage), { name: 'TargetError' });
  }
  const root = process.cwd();
  const target = resolveTarget(flags, process.env, root, { kvs: true });
  const { dynamo, s3, pointers } = opsClients(target, process.env);
  const start = performance.now();
  const r = await restoreBackup(
    { dynamo, table: target.table, s3, bucket: target.bucket, pointers: pointers! },
    resolve(root, flags.from),
  );
  const { manifest: m, items, files } = r;
  console.log(
    [
      `Restored the backup of ${m.source.table} made ${m.createdAt} into ${target.table} and ${target.bucket} in ${seconds(start)}:`,
      `  items: ${items.written} written, ${items.present} already there (${items.retries} retries)`,
      `  files: ${files.uploaded} uploaded (${sizeText(files.bytes)}), ${files.present} already there`,
      `  live pointers: ${r.pointers.live} sites published; ${r.pointers.set} set, ${r.pointers.cleared} cleared, ${r.pointers.unchanged} already right`,
      ...(r.markedPruned
        ? [
            `  ${r.markedPruned} earlier builds were not in the backup and are marked as no longer restorable`,
          ]
        : []),
      '',
      'Next:',
      '  1. Write the Worker settings for this stack and deploy it: npm run configure, then npx wrangler deploy.',
      '  2. Point DNS at the new stack (the apex at the Worker, * at its CloudFront distribution).',
      '  3. Everyone signs in again, admins too: sessions are never in a backup.',
    ].join('\n'),
  );
  return 0;
});
