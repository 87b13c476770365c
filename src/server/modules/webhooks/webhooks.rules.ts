import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { EVENT_TYPES, entityTypeOf, type EventType } from '../events/events.rules.ts';

/**
 * Webhook rules: which events a subscription wants, where it may point, how a delivery is
 * signed, and when a failing one is tried again or given up. Pure; the worker applies them.
 */

/** A subscription's events: exact types, `entity.*`, or `*` for everything. */
export function eventPatternProblem(pattern: string): string | null {
  if (pattern === '*') return null;
  if (pattern.endsWith('.*')) {
    const entity = pattern.slice(0, -2);
    return EVENT_TYPES.some((type) => entityTypeOf(type) === entity)
      ? null
      : `${pattern}: no event is about "${entity}"`;
  }
  return (EVENT_TYPES as readonly string[]).includes(pattern)
    ? null
    : `${pattern}: not an event type`;
}

export function wantsEvent(patterns: readonly string[], type: string): boolean {
  return patterns.some(
    (p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))),
  );
}

/** The event types a test ping and the system's own notices use (not in the events table). */
export const PING_EVENT = 'webhook.ping';

export const SECRET_PREFIX = 'whsec_';

export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64url')}`;
}

/**
 * The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. Signing the
 * timestamp with the body lets a receiver refuse replays older than its tolerance.
 */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does (the documented recipe), as a function the tests and docs share. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return (
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given, 'utf8'), Buffer.from(expected, 'utf8'))
  );
}

/** Failing deliveries are tried again for a day, then given up and the subscription paused. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 60 * 60 * 1000;

/**
 * The wait before attempt `attempts + 1`: doubling from 30 s to at most an hour, each drawn
 * between half and all of it ("equal jitter"), so that receivers coming back are not hit by
 * every retry at once. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, random: number): number {
  const ceiling = Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** After a failed attempt: try again at the returned time, or give up (null). */
export function nextAttemptAt(
  firstAttemptedAt: number,
  attempts: number,
  now: number,
  random: number,
): number | null {
  if (now - firstAttemptedAt >= RETRY_FOR_MS) return null;
  return now + retryDelayMs(attempts, random);
}

export function succeeded(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}

/** A URL a subscription may name: http(s), a host, no credentials in it. */
export function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be http or https';
  if (url.username !== '' || url.password !== '')
    return 'must not carry credentials; sign with the secret instead';
  if (url.hostname === '') return 'needs a host';
  return null;
}

/**
 * Addresses a delivery may not reach unless the operator allows them: loopback, private,
 * link-local (cloud metadata lives there), unique-local, carrier-grade NAT, multicast,
 * unspecified and reserved ranges. Only public unicast is reachable by default, so that a
 * subscription cannot be pointed at the server's own network.
 */
export function addressAllowed(address: string, allowed: readonly string[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  for (const entry of allowed) {
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) continue;
      const [range, bits] = ipaddr.parseCIDR(entry);
      if (range.kind() === ip.kind() && ip.match([range, bits] as never)) return true;
    } else if (ipaddr.isValid(entry) && ipaddr.process(entry).toString() === ip.toString()) {
      return true;
    }
  }
  return ip.range() === 'unicast';
}

/** Whether a host name is an address literal, and if so the address (IPv6 without brackets). */
export function addressLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

/** Host names that are loopback whatever DNS says. */
export function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

export const EXCERPT_CHARS = 1000;

export function excerpt(text: string): string {
  return text.length <= EXCERPT_CHARS ? text : `${text.slice(0, EXCERPT_CHARS)}…`;
}

export type WebhookEventType = EventType | typeof PING_EVENT;
