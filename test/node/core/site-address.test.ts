/**
 * The site address rules every part shares: which names a member may claim,
 * a site's URL, and which site a Host header names (what the site host and
 * the CloudFront Function route by).
 */
import { describe, expect, it } from 'vitest';
import {
  isSiteName,
  nameProblem,
  reservedNames,
  siteNameFromHost,
  siteUrl,
} from '../../../core/site-address';

describe('site names', () => {
  it('accepts every name a member may claim, and the shape check agrees', () => {
    for (const name of ['abc', 'alice', 'a-b', 'x9-y9-z9', 'a'.repeat(30)]) {
      expect(nameProblem(name), name).toBeUndefined();
      expect(isSiteName(name), name).toBe(true);
    }
  });

  it('refuses each broken rule with its own message, and the shape check refuses it too', () => {
    const cases: Record<string, RegExp> = {
      '': /Choose a name/,
      ab: /at least 3/,
      ['a'.repeat(31)]: /at most 30/,
      '-abc': /Start and end/,
      'abc-': /Start and end/,
      'xn--abc': /single hyphens/,
      'a.b.c': /only the letters/,
      ALICE: /only the letters/,
      café: /only the letters/,
    };
    for (const [name, message] of Object.entries(cases)) {
      expect(nameProblem(name), name).toMatch(message);
      expect(isSiteName(name), name).toBe(false);
    }
  });

  it('keeps reserved names back although they have a name’s shape', () => {
    expect(reservedNames.has('www')).toBe(true);
    expect(nameProblem('www')).toMatch(/kept for the neighborhood/);
    expect(isSiteName('www')).toBe(true);
  });
});

describe('siteUrl', () => {
  it('puts the name before the sites host, keeping scheme and port', () => {
    expect(siteUrl('https://oak.example', 'alice')).toBe('https://alice.oak.example');
    expect(siteUrl('http://localhost:8788', 'alice')).toBe('http://alice.localhost:8788');
  });
});

describe('siteNameFromHost', () => {
  it('finds the site in a host one level below the sites host, ignoring case, port and a final dot', () => {
    expect(siteNameFromHost('alice.oak.example', 'oak.example')).toBe('alice');
    expect(siteNameFromHost('Alice.Oak.Example.', 'oak.example')).toBe('alice');
    expect(siteNameFromHost('alice.localhost:8788', 'localhost:8788')).toBe('alice');
    expect(siteNameFromHost('alice.oak.example:443', 'oak.example')).toBe('alice');
  });

  it('names no site for the apex, deeper hosts, other domains or impossible names', () => {
    for (const host of [
      'oak.example',
      'a.b.oak.example',
      'alice.evil.example',
      'aliceoak.example',
      'x.oak.example',
      'a--b.oak.example',
      '',
    ]) {
      expect(siteNameFromHost(host, 'oak.example'), host).toBeUndefined();
    }
  });
});
