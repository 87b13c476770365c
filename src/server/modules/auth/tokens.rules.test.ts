import { describe, expect, it } from 'vitest';
import {
  generateToken,
  hashToken,
  LAST_USED_RESOLUTION_MS,
  shouldTouchLastUsed,
} from './tokens.rules.ts';

describe('generateToken', () => {
  it('makes distinct, prefixed tokens whose hash is what we store', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).toMatch(/^punch_pat_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hint).toBe(a.token.slice(-4));
  });
});

describe('shouldTouchLastUsed', () => {
  it.each([
    [null, 0, true],
    [0, LAST_USED_RESOLUTION_MS - 1, false],
    [0, LAST_USED_RESOLUTION_MS, true],
  ])('last used %j, now %j -> %j', (last, now, expected) => {
    expect(shouldTouchLastUsed(last, now)).toBe(expected);
  });
});
