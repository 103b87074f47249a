/**
 * `npm run backup -- --out <folder> [--all-deploys]`: copies the whole
 * neighborhood (the table's items, less sessions and other passing state,
 * and the sites' live files) into a new folder that `npm run restore` can
 * put back into a fresh stack. Run it with your own AWS credentials.
 */
import { resolve } from 'node:path';
import { sizeText } from '../../core/site-limits';
import { commandFlags, run, seconds } from './cli';
import { makeBackup } from './make-backup';
import { opsClients, resolveTarget } from './target';

const usage = `Usage: npm run backup -- --out <folder> [--all-deploys]
  --out <folder>    a new or empty folder for the backup
  --all-deploys     also copy every earlier build the sites' histories can restore
  --table, --bucket, --region, --outputs <cdk-outputs.json>
                    where the neighborhood is, if not in cdk-outputs.json and nbhd.config.json`;

run(async () => {
  const flags = commandFlags(
    { out: { type: 'string' }, 'all-deploys': { type: 'boolean' } },
    usage,
  );
  if (typeof flags.out !== 'string') throw Object.assign(new Error(usage), { name: 'TargetError' });
  const root = process.cwd();
  const target = resolveTarget(flags, process.env, root);
  const { dynamo, s3 } = opsClients(target, process.env);
  const out = resolve(root, flags.out);
  const start = performance.now();
  const m = await makeBackup({ ...target, dynamo, s3 }, out, {
    allDeploys: flags['all-deploys'] === true,
  });
  const leftOut = Object.entries(m.leftOut).map(([kind, n]) => `${n} ${kind}`);
  const sites = new Set(m.deploys.map((d) => d.site)).size;
  console.log(
    [
      `Backed up ${target.table} and ${target.bucket} (${target.region}) into ${out} in ${seconds(start)}:`,
      `  ${m.items.count} items (${sizeText(m.items.bytes)})`,
      `  left out: ${leftOut.length ? leftOut.join(', ') : 'nothing'} (sessions, sign-in state and counters are not kept)`,
      `  ${m.files.count} files (${sizeText(m.files.bytes)}) of ${m.deploys.length} deploys of ${sites} sites` +
        (m.allDeploys ? ' (every restorable build)' : ' (the live builds)'),
      ...m.problems.map((p) => `  Problem: ${p}`),
    ].join('\n'),
  );
  return m.problems.length ? 1 : 0;
});
