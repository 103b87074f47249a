/**
 * After writing wrangler.toml, `npm run configure` prints the commands that follow, in order,
 * with the stack's real names in them, and the DNS records to add.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configure } from '../../../scripts/operator/configure-step';
import { operatorInput, recordedStack, repoRoot, workspace, type Workspace } from './support';

let ws: Workspace;
afterEach(() => ws?.remove());

const outputs = recordedStack();

/** Where each of `lines` starts in `text`, failing on any that is not there. */
function positions(text: string, lines: string[]): number[] {
  return lines.map((line) => {
    const at = text.indexOf(line);
    expect(at, `printed: ${line}`).toBeGreaterThan(-1);
    return at;
  });
}

describe('the steps npm run configure prints', () => {
  it("name the Worker's IAM user, each secret, the deploy and the records, in that order", () => {
    ws = workspace();
    const { report } = configure({ root: ws.dir });
    const order = positions(report, [
      `aws iam create-access-key --user-name ${outputs.EdgeUserName}\n`,
      'npx wrangler secret put AWS_ACCESS_KEY_ID --env production\n',
      'npx wrangler secret put AWS_SECRET_ACCESS_KEY --env production\n',
      'openssl rand -base64 32 | npx wrangler secret put SESSION_SECRET --env production\n',
      'npm run --silent oauth-key | npx wrangler secret put OAUTH_PRIVATE_KEY --env production\n',
      'npx wrangler deploy --env production\n',
      `${operatorInput.domain}  `,
      `*.${operatorInput.sitesDomain}  CNAME ${outputs.DistributionDomainName}`,
    ]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(report).toContain(
      `Worker ${operatorInput.cloudflare.workerName} to https://elm.example`,
    );
  });

  it('leave the sites record to cdk deploy when Route 53 holds the zone', () => {
    ws = workspace({
      ...operatorInput,
      aws: { ...operatorInput.aws, hostedZoneId: 'Z0123456789ABC' },
    });
    const { report } = configure({ root: ws.dir });
    expect(report).not.toContain('CNAME');
    expect(report).toMatch(
      new RegExp(
        `\\*\\.homes\\.elm\\.example +made by cdk deploy in Route 53 \\(hosted zone Z0123456789ABC\\)`,
      ),
    );
  });
});

describe('scripts/configure.ts', () => {
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const script = join(repoRoot, 'scripts', 'configure.ts');

  it('prints the steps after writing, and with --check exits 1 on a stale section', () => {
    ws = workspace();
    const args = [
      script,
      '--outputs',
      ws.file('cdk-outputs.json'),
      '--wrangler',
      ws.file('wrangler.toml'),
    ];
    const env = { ...process.env, NBHD_CONFIG: ws.file('nbhd.config.json') };
    const written = execFileSync(tsx, args, { env, encoding: 'utf8' });
    expect(written).toContain(`--user-name ${outputs.EdgeUserName}`);
    expect(spawnSync(tsx, [...args, '--check'], { env }).status).toBe(0);

    ws.write(
      'wrangler.toml',
      ws.read('wrangler.toml').replace(outputs.BuilderFunction, 'old-builder'),
    );
    const stale = spawnSync(tsx, [...args, '--check'], { env, encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('env.production.vars.BUILDER_FUNCTION is "old-builder"');
  });
});
