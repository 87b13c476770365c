import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'punch_pat_';

/**
 * 256 random bits, so a plain SHA-256 of the token is enough to store it: unlike a password it
 * cannot be guessed, and a fast hash keeps per-request authentication to one indexed lookup.
 */
export function generateToken(prefix = TOKEN_PREFIX): {
  token: string;
  hash: string;
  hint: string;
} {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), hint: token.slice(-4) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Writing last-used on every request would turn each read into a write; once a minute is enough. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function shouldTouchLastUsed(lastUsedAt: number | null, now: number): boolean {
  return lastUsedAt === null || now - lastUsedAt >= LAST_USED_RESOLUTION_MS;
}
