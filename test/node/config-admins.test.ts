/**
 * `ADMIN_HANDLES`: DIDs and handles are both accepted, and a handle is
 * warned about once, because a handle can change hands and a DID cannot.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig, type Env } from '../../edge/env';
import { defaultLocalVars } from './local-vars';

const local = defaultLocalVars() as unknown as Env;

describe('ADMIN_HANDLES', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('takes DIDs as given and handles in lower case, without the @', () => {
    const config = parseConfig({
      ...local,
      ADMIN_HANDLES: ' did:plc:AbC234, @Carol.Example.com ,,',
    });
    expect(config.admins).toEqual(['did:plc:AbC234', 'carol.example.com']);
  });

  it('warns once that a handle can change hands, naming it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const value = `did:plc:warnonce, ${crypto.randomUUID().slice(0, 8)}.example.com`;
    parseConfig({ ...local, ADMIN_HANDLES: value });
    parseConfig({ ...local, ADMIN_HANDLES: value });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain(value.split(', ')[1]);
    expect(String(warn.mock.calls[0]![0])).toMatch(/DID/);
    expect(String(warn.mock.calls[0]![0])).not.toContain('did:plc:warnonce');
  });

  it('says nothing when every entry is a DID', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    parseConfig({ ...local, ADMIN_HANDLES: 'did:plc:quiet1,did:web:oak.example' });
    expect(warn).not.toHaveBeenCalled();
  });
});
