import { describe, expect, it } from 'vitest';
import {
  cookieIsSecure,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionExpiry,
  THROTTLE_WINDOW_MS,
  throttleVerdict,
} from './sessions.rules.ts';

const NOW = Date.parse('2026-03-04T09:30:00Z');
const minutesAgo = (m: number) => NOW - m * 60_000;

describe('throttleVerdict', () => {
  it('allows sign-in under both budgets', () => {
    expect(
      throttleVerdict({ pair: [minutesAgo(1)], login: [minutesAgo(1)], address: [] }, NOW),
    ).toEqual({
      allowed: true,
    });
  });

  it('blocks one address on one login after five failures until the fifth newest leaves the window', () => {
    const pair = [1, 2, 3, 4, 10].map(minutesAgo);
    expect(throttleVerdict({ pair, login: pair, address: pair }, NOW)).toEqual({
      allowed: false,
      retryAfterSeconds: 5 * 60,
    });
  });

  it('forgets failures older than the window', () => {
    const pair = [1, 2, 3, 4].map(minutesAgo).concat(NOW - THROTTLE_WINDOW_MS - 1);
    expect(throttleVerdict({ pair, login: pair, address: [] }, NOW)).toEqual({ allowed: true });
  });

  it('blocks an address after twenty failures over any logins, and takes the later end', () => {
    const address = Array.from({ length: 20 }, (_, i) => minutesAgo(i % 2));
    const pair = [1, 2, 3, 4, 5].map(minutesAgo);
    const verdict = throttleVerdict({ pair, login: pair, address }, NOW);
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 });
  });

  it('lets the owner in from elsewhere while strangers fail on their login, up to fifty', () => {
    const strangers = Array.from({ length: 10 }, (_, i) => minutesAgo(i));
    expect(throttleVerdict({ pair: [], login: strangers, address: [] }, NOW)).toEqual({
      allowed: true,
    });
    const many = Array.from({ length: 50 }, (_, i) => minutesAgo(i % 10));
    expect(throttleVerdict({ pair: [], login: many, address: [] }, NOW).allowed).toBe(false);
  });
});

describe('sessionExpiry', () => {
  it('ends two weeks after last use, and never past thirty days from sign-in', () => {
    expect(sessionExpiry(NOW, NOW)).toBe(NOW + SESSION_IDLE_MS);
    expect(sessionExpiry(NOW, NOW + 20 * 24 * 3600_000)).toBe(NOW + SESSION_ABSOLUTE_MS);
  });
});

describe('cookieIsSecure', () => {
  it('is Secure exactly when Punch is served over https', () => {
    expect(cookieIsSecure('https://punch.example.com')).toBe(true);
    expect(cookieIsSecure('http://127.0.0.1:8080')).toBe(false);
  });
});
