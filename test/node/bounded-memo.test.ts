/** The per-isolate memo behind remembered session and CSRF tokens stays within its bound. */
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../edge/auth/memo';

describe('BoundedMemo', () => {
  it('drops the oldest entry past its bound and keeps the rest', () => {
    const memo = new BoundedMemo<number>(3);
    ['a', 'b', 'c', 'd'].forEach((key, i) => memo.set(key, i));
    expect(memo.get('a')).toBeUndefined();
    expect([memo.get('b'), memo.get('c'), memo.get('d')]).toEqual([1, 2, 3]);
  });

  it('counts a key set again as the newest', () => {
    const memo = new BoundedMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('a', 3);
    memo.set('c', 4);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe(3);
  });
});
