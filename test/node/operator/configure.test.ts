/**
 * `npm run configure` writes wrangler.toml's `[env.production]` from the operator file and the
 * recorded stack outputs, as wrangler itself reads it, leaves the rest of the file as it was,
 * and changes nothing when run again.
 */
import { unstable_readConfig } from 'wrangler';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, type Env } from '../../../edge/env';
import { configure } from '../../../scripts/operator/configure-step';
import { currentSection } from '../../../scripts/operator/wrangler-section';
import {
  operatorInput,
  recordedOutputsFile,
  recordedStack,
  repoRoot,
  workspace,
  wranglerWithoutSection,
  type Workspace,
} from './support';

let ws: Workspace;
afterEach(() => ws?.remove());

const outputs = recordedStack();

/** What `wrangler deploy --env production` reads from the workspace's wrangler.toml. */
function productionAsWranglerReadsIt(w: Workspace) {
  return unstable_readConfig(
    { config: w.file('wrangler.toml'), env: 'production' },
    { hideWarnings: true },
  );
}

describe('npm run configure', () => {
  it('writes the vars, route, placement and version binding of the production Worker', () => {
    ws = workspace();
    expect(configure({ root: ws.dir }).code).toBe(0);
    const production = productionAsWranglerReadsIt(ws);
    expect(production.name).toBe(operatorInput.cloudflare.workerName);
    expect(production.routes).toEqual([{ pattern: operatorInput.domain, custom_domain: true }]);
    expect(production.workers_dev).toBe(false);
    expect(production.placement).toEqual({ region: `aws:${outputs.Region}` });
    expect(production.version_metadata).toEqual({ binding: 'CF_VERSION_METADATA' });
    expect(production.vars).toEqual({
      PUBLIC_URL: `https://${operatorInput.domain}`,
      SITES_URL: `https://${operatorInput.sitesDomain}`,
      DYNAMODB_ENDPOINT: `https://dynamodb.${outputs.Region}.amazonaws.com`,
      DYNAMODB_TABLE: outputs.TableName,
      AWS_REGION: outputs.Region,
      BUILDER_URL: outputs.BuilderUrl,
      BUILDER_FUNCTION: outputs.BuilderFunction,
      SITES_BUCKET_URL: `https://s3.${outputs.Region}.amazonaws.com/${outputs.SitesBucket}`,
      ADMIN_HANDLES: operatorInput.admins.join(','),
      ATPROTO_HANDLE_RESOLVER: operatorInput.atproto.handleResolver,
      ATPROTO_PLC_URL: 'https://plc.directory',
      ATPROTO_ALLOW_HTTP: 'false',
    });
    // What the environment inherits from the top level, as `npm start` uses it.
    expect(production.assets).toMatchObject({ directory: 'dist/assets', binding: 'ASSETS' });
    expect(production.observability).toMatchObject({ enabled: true });
  });

  it("gives the Worker's own configuration check everything it needs but the secrets", () => {
    ws = workspace();
    configure({ root: ws.dir });
    const vars = productionAsWranglerReadsIt(ws).vars as Record<string, string>;
    expect(() => parseConfig(vars as Partial<Env>)).toThrow(/AWS_ACCESS_KEY_ID is not set/);
    const config = parseConfig({
      ...vars,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      SESSION_SECRET: 'x'.repeat(44),
      OAUTH_PRIVATE_KEY: '{"kty":"EC","crv":"P-256"}',
    } as Partial<Env>);
    expect(config.secure).toBe(true);
    expect(config.dynamo).toMatchObject({ table: outputs.TableName, region: outputs.Region });
    expect(config.builder).toMatchObject({
      functionName: outputs.BuilderFunction,
      region: outputs.Region,
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    });
    expect(config.admins).toEqual(operatorInput.admins);
    expect(config.atproto.allowHttp).toBe(false);
  });

  it('changes nothing when run again', () => {
    ws = workspace();
    configure({ root: ws.dir });
    const first = ws.read('wrangler.toml');
    const again = configure({ root: ws.dir });
    expect(again.code).toBe(0);
    expect(again.report).toMatch(/already current; nothing changed/);
    expect(ws.read('wrangler.toml')).toBe(first);
  });

  it('keeps everything outside its section byte for byte, and replaces only the section', () => {
    ws = workspace();
    const before = wranglerWithoutSection();
    configure({ root: ws.dir });
    const written = ws.read('wrangler.toml');
    expect(written.startsWith(before)).toBe(true);
    const section = currentSection(written)!;
    expect(written).toBe(`${before}\n${section}`);

    // A stale section with a table after it: the section is replaced where it stands.
    const after = '\n# kept as it is\n[dev]\nport = 8787\n';
    const stale = section.replace(outputs.TableName, 'Nbhd-OldTable-1');
    ws.write('wrangler.toml', `${before}\n${stale}${after}`);
    configure({ root: ws.dir });
    expect(ws.read('wrangler.toml')).toBe(`${before}\n${section}${after}`);
  });

  it('refuses to overwrite an [env.production] it did not write, or one that lost its end', () => {
    ws = workspace();
    const own = `${wranglerWithoutSection()}\n[env.production]\nname = "mine"\n`;
    ws.write('wrangler.toml', own);
    const refused = configure({ root: ws.dir });
    expect(refused.code).toBe(1);
    expect(refused.report).toMatch(
      /has an \[env.production\] that `npm run configure` did not write/,
    );
    expect(ws.read('wrangler.toml')).toBe(own);

    expect(configure({ root: ws.dir, wranglerFile: 'none.toml' }).report).toMatch(
      /none\.toml is missing/,
    );
    ws.write('wrangler.toml', wranglerWithoutSection());
    configure({ root: ws.dir });
    const cut = ws.read('wrangler.toml').replace('# END [env.production]\n', '');
    ws.write('wrangler.toml', cut);
    expect(configure({ root: ws.dir }).report).toMatch(/lost its last line/);
    expect(ws.read('wrangler.toml')).toBe(cut);
  });

  it('writes nothing when the outputs or the operator file are wrong', () => {
    ws = workspace(operatorInput, { Nbhd: { ...outputs, DistributionDomainName: undefined } });
    const missing = configure({ root: ws.dir });
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.report).toMatch(
      /output DistributionDomainName is missing; run `npx cdk deploy --all --outputs-file/,
    );
    expect(ws.read('wrangler.toml')).toBe(wranglerWithoutSection());

    ws.remove();
    ws = workspace({ ...operatorInput, aws: { region: 'us-west-2', stackName: 'Nbhd' } });
    const elsewhere = configure({ root: ws.dir });
    expect(elsewhere.report).toMatch(/stack Nbhd is in eu-west-1, but aws.region is us-west-2/);
    expect(ws.read('wrangler.toml')).toBe(wranglerWithoutSection());

    ws.write('nbhd.config.json', JSON.stringify({ ...operatorInput, domain: 'Elm Street' }));
    expect(configure({ root: ws.dir }).report).toMatch(/domain must be a lower-case domain name/);
  });
});

describe('npm run configure -- --check', () => {
  it('passes when the section is current and names each setting that is not', () => {
    ws = workspace();
    expect(configure({ root: ws.dir, check: true }).report).toMatch(/has no \[env.production\]/);
    configure({ root: ws.dir });
    expect(configure({ root: ws.dir, check: true })).toMatchObject({ code: 0 });

    const current = ws.read('wrangler.toml');
    const section = currentSection(current)!;
    const editedSection = section
      .replace(`DYNAMODB_TABLE = "${outputs.TableName}"`, 'DYNAMODB_TABLE = "nbhd"')
      .replace('ATPROTO_ALLOW_HTTP = "false"\n', '')
      .replace('[env.production.vars]\n', '[env.production.vars]\nDEBUG = "1"\n');
    const edited = current.replace(section, editedSection);
    ws.write('wrangler.toml', edited);
    const check = configure({ root: ws.dir, check: true });
    expect(check.code).toBe(1);
    expect(check.report).toContain(
      `env.production.vars.DYNAMODB_TABLE is "nbhd"; it should be "${outputs.TableName}"`,
    );
    expect(check.report).toContain('env.production.vars.ATPROTO_ALLOW_HTTP is missing');
    expect(check.report).toContain('env.production.vars.DEBUG = "1" should not be there');
    expect(ws.read('wrangler.toml')).toBe(edited);
  });

  it('finds the committed wrangler.toml current for the example operator file', () => {
    const check = configure({
      root: repoRoot,
      check: true,
      outputsFile: recordedOutputsFile,
      env: { NBHD_CONFIG: 'nbhd.config.example.json' },
    });
    expect(check.report).toBe('wrangler.toml [env.production] is current.\n');
  });
});
