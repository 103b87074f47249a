/**
 * The operator's file: the example is complete and valid, the addresses both halves use are
 * derived from the domain once, and every wrong or missing value stops with a message naming
 * the setting (several at once, so one run shows them all).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadOperatorConfig,
  OperatorConfigError,
  parseOperatorConfig,
} from '../../infra/operator-config';
import { root } from '../../scripts/local/edge';

const example = JSON.parse(readFileSync(join(root, 'nbhd.config.example.json'), 'utf8'));
const minimal = { domain: 'oak.example', aws: { region: 'eu-west-1' } };

function problems(value: unknown): string {
  try {
    parseOperatorConfig(value, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(OperatorConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('the operator configuration', () => {
  it('accepts the example and derives the app and sites addresses from the domain', () => {
    const config = parseOperatorConfig(example);
    expect(config.publicUrl).toBe(`https://${example.domain}`);
    expect(config.sitesUrl).toBe(`https://${example.domain}`);
    expect(config.sitesAlias).toBe(`*.${example.domain}`);
    expect(config.aws.region).toBe(example.aws.region);
  });

  it('fills in defaults for everything optional', () => {
    const config = parseOperatorConfig(minimal);
    expect(config.aws.stackName).toBe('Nbhd');
    expect(config.admins).toEqual([]);
    expect(config.cloudflare.workerName).toBe('nbhd');
    expect(config.atproto).toEqual({
      handleResolver: 'https://bsky.social',
      plcUrl: 'https://plc.directory',
    });
    expect(config.aws.certificateArn).toBeUndefined();
  });

  it('serves sites under a domain of their own when sitesDomain says so', () => {
    const config = parseOperatorConfig({ ...minimal, sitesDomain: 'sites.oak.example' });
    expect(config.publicUrl).toBe('https://oak.example');
    expect(config.sitesUrl).toBe('https://sites.oak.example');
    expect(config.sitesAlias).toBe('*.sites.oak.example');
  });

  it('names every wrong value at once', () => {
    const message = problems({
      domain: 'Oak Example',
      admins: ['not a handle'],
      aws: { region: 'europe', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x' },
    });
    expect(message).toMatch(/^test\.json: /);
    expect(message).toContain('domain must be a lower-case domain name');
    expect(message).toContain('admins: "not a handle" is neither a DID nor a handle');
    expect(message).toContain('aws.region must be a region');
    expect(message).toContain('aws.certificateArn must be an ACM certificate ARN in us-east-1');
  });

  it('names what is missing, and settings it does not know (a typo would be ignored otherwise)', () => {
    expect(problems({})).toMatch(/domain is not set.*aws is not set/);
    expect(
      problems({ ...minimal, aws: { region: 'eu-west-1', alarmEmial: 'a@b.example' } }),
    ).toContain('unknown setting aws.alarmEmial');
    expect(
      problems({ ...minimal, aws: { region: 'eu-west-1', builderConcurrency: 'x' } }),
    ).toContain('aws.builderConcurrency must be a whole number from 1');
    expect(problems({ ...minimal, atproto: { plcUrl: 'http://plc.example' } })).toContain(
      'must be https',
    );
  });

  it('reads nbhd.config.json, or the file NBHD_CONFIG names, and says how to make a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nbhd-config-'));
    expect(() => loadOperatorConfig(dir, {})).toThrow(
      /nbhd\.config\.json is missing: copy nbhd\.config\.example\.json/,
    );
    writeFileSync(join(dir, 'nbhd.config.json'), JSON.stringify(minimal));
    expect(loadOperatorConfig(dir, {}).domain).toBe('oak.example');
    writeFileSync(join(dir, 'other.json'), '{ "domain": ');
    expect(() => loadOperatorConfig(dir, { NBHD_CONFIG: 'other.json' })).toThrow(
      /other\.json is not JSON/,
    );
  });
});
