/**
 * A neighborhood's operator files in a directory of their own: an operator file, the recorded
 * stack outputs and the repository's wrangler.toml without its generated section, as on a fork
 * before the first `npm run configure`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperatorConfigInput } from '../../../infra/operator-config';
import { currentSection } from '../../../scripts/operator/wrangler-section';
import { recordedOutputs } from './recorded';

export { recordedOutputs, recordedOutputsFile, recordedStack } from './recorded';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The committed wrangler.toml with the generated section taken out. */
export function wranglerWithoutSection(): string {
  const toml = readFileSync(join(repoRoot, 'wrangler.toml'), 'utf8');
  const section = currentSection(toml);
  return section ? toml.replace(`\n${section}`, '') : toml;
}

/** An operator with sites on a domain of their own, two first admins and a Worker name. */
export const operatorInput = {
  domain: 'elm.example',
  sitesDomain: 'homes.elm.example',
  admins: ['did:plc:ewvi7nxzyoun6zhxrhs64oiz', 'did:web:maple.example'],
  aws: { region: 'eu-west-1', stackName: 'Nbhd' },
  cloudflare: { workerName: 'elm-street' },
  atproto: { handleResolver: 'https://pds.elm.example' },
} satisfies OperatorConfigInput;

export interface Workspace {
  dir: string;
  file(name: string): string;
  read(name: string): string;
  write(name: string, text: string): void;
  remove(): void;
}

/** A directory holding nbhd.config.json, cdk-outputs.json and wrangler.toml. */
export function workspace(
  config: OperatorConfigInput = operatorInput,
  outputs: Record<string, unknown> = recordedOutputs(),
): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'nbhd-operator-'));
  const ws: Workspace = {
    dir,
    file: (name) => join(dir, name),
    read: (name) => readFileSync(join(dir, name), 'utf8'),
    write: (name, text) => writeFileSync(join(dir, name), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  ws.write('nbhd.config.json', JSON.stringify(config));
  ws.write('cdk-outputs.json', JSON.stringify(outputs));
  ws.write('wrangler.toml', wranglerWithoutSection());
  return ws;
}
