import { describe, expect, it } from 'vitest';
import {
  addressAllowed,
  eventPatternProblem,
  nextAttemptAt,
  RETRY_FOR_MS,
  retryDelayMs,
  signatureHeader,
  urlProblem,
  verifySignature,
  wantsEvent,
} from './webhooks.rules.ts';
import { literalTargetAllowed } from './webhooks.delivery.ts';

describe('webhook rules', () => {
  it('matches exact types, entity patterns and everything', () => {
    expect(wantsEvent(['time_entry.*'], 'time_entry.created')).toBe(true);
    expect(wantsEvent(['time_entry.*'], 'timer.started')).toBe(false);
    expect(wantsEvent(['client.created'], 'client.updated')).toBe(false);
    expect(wantsEvent(['*'], 'invoice.deleted')).toBe(true);
    expect(eventPatternProblem('time_entry.*')).toBeNull();
    expect(eventPatternProblem('spaceship.*')).toMatch(/no event is about/);
    expect(eventPatternProblem('client.exploded')).toMatch(/not an event type/);
  });

  it('signs timestamp and body; the recipe refuses tampering, other secrets and old replays', () => {
    const header = signatureHeader('whsec_a', 1_700_000_000, '{"a":1}');
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_a', header, '{"a":1}', 1_700_000_100)).toBe(true);
    expect(verifySignature('whsec_a', header, '{"a":2}', 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_b', header, '{"a":1}', 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_a', header, '{"a":1}', 1_700_000_301)).toBe(false);
    expect(verifySignature('whsec_a', 'garbage', '{"a":1}', 1_700_000_000)).toBe(false);
  });

  it('backs off from 15–30 s, doubling to at most an hour, and gives up after a day', () => {
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(retryDelayMs(1, 0.999_999)).toBeLessThanOrEqual(30_000);
    expect(retryDelayMs(2, 0)).toBe(30_000);
    expect(retryDelayMs(20, 0)).toBe(30 * 60_000);
    expect(retryDelayMs(20, 0.999_999)).toBeLessThanOrEqual(60 * 60_000);
    const first = 1_000_000;
    expect(nextAttemptAt(first, 3, first + 60_000, 0)).toBe(first + 60_000 + 60_000);
    expect(nextAttemptAt(first, 30, first + RETRY_FOR_MS - 1, 0)).not.toBeNull();
    expect(nextAttemptAt(first, 30, first + RETRY_FOR_MS, 0)).toBeNull();
  });

  it('refuses URLs it cannot sign for or reach', () => {
    expect(urlProblem('https://hooks.example.com/x')).toBeNull();
    expect(urlProblem('ftp://example.com')).toMatch(/http/);
    expect(urlProblem('https://u:p@example.com')).toMatch(/credentials/);
    expect(urlProblem('/relative')).toMatch(/absolute/);
  });

  it('reaches public unicast only, unless an address or range is allowed', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
    ])
      expect(addressAllowed(address, []), address).toBe(false);
    expect(addressAllowed('93.184.216.34', [])).toBe(true);
    expect(addressAllowed('2606:2800:220:1::1', [])).toBe(true);
    expect(addressAllowed('127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(addressAllowed('127.0.0.2', ['127.0.0.1'])).toBe(false);
    expect(addressAllowed('10.9.8.7', ['10.0.0.0/8'])).toBe(true);
    expect(addressAllowed('::ffff:10.9.8.7', ['10.0.0.0/8'])).toBe(true);
    expect(literalTargetAllowed(new URL('http://localhost:8080/'), [])).toBe(false);
    expect(literalTargetAllowed(new URL('http://app.localhost/'), [])).toBe(false);
    expect(literalTargetAllowed(new URL('http://[::1]/'), [])).toBe(false);
    expect(literalTargetAllowed(new URL('http://[::1]/'), ['::1'])).toBe(true);
    // A name is judged where it is connected to (its resolved addresses).
    expect(literalTargetAllowed(new URL('https://hooks.example.com/'), [])).toBe(true);
  });
});
