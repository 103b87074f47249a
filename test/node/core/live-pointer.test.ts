/** The live pointer's value: what the builder writes is what the function reads, and nothing else reads as a deploy. */
import { describe, expect, it } from 'vitest';
import { livePointerValue, parseLivePointer } from '../../../core/live-pointer';

describe('the live pointer', () => {
  it('reads back the deploy it was written for', () => {
    expect(livePointerValue('d-2026_1')).toBe('{"deploy":"d-2026_1"}');
    expect(parseLivePointer(livePointerValue('d-2026_1'))).toBe('d-2026_1');
  });

  it('names no deploy for a value it did not write', () => {
    for (const value of [
      '',
      'd1',
      '"d1"',
      'null',
      '{}',
      '{"deploy":1}',
      '{"deploy":"../x"}',
      '{"deploy":""}',
    ]) {
      expect(parseLivePointer(value), value).toBeUndefined();
    }
  });

  it('refuses to write an id that is not one path segment', () => {
    expect(() => livePointerValue('a/b')).toThrow(/deploy id/);
    expect(() => livePointerValue('x'.repeat(65))).toThrow(/deploy id/);
  });
});
