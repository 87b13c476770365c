/**
 * Browser sessions (ADR 0015). A session ends after two weeks without use or thirty days after
 * sign-in, whichever comes first: long enough that a daily user is never asked again within a
 * month, short enough that a forgotten laptop's session does not live for ever.
 */
export const SESSION_IDLE_MS = 14 * 24 * 3600_000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600_000;
/** Writing last-seen on every request would turn each read into a write; once a minute is enough. */
export const SESSION_TOUCH_MS = 60_000;

export const SESSION_COOKIE = 'punch_session';
export const CSRF_HEADER = 'x-csrf-token';

export function sessionExpiry(createdAt: number, lastSeenAt: number): number {
  return Math.min(createdAt + SESSION_ABSOLUTE_MS, lastSeenAt + SESSION_IDLE_MS);
}

/** The cookie is sent over plain HTTP only where the server itself is served over it. */
export function cookieIsSecure(publicUrl: string): boolean {
  return publicUrl.startsWith('https:');
}

/**
 * Failed sign-ins allowed per window. One address guessing one login is stopped after a few
 * (`pair`); one address spraying many logins by the wider per-address budget; many addresses
 * on one login by the per-login budget, set high so that a stranger who knows someone's
 * e-mail cannot lock them out with a handful of wrong passwords.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_LIMITS = { pair: 5, login: 50, address: 20 } as const;
export type ThrottleScope = keyof typeof THROTTLE_LIMITS;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Whether another sign-in may be tried, from the failures inside the window (epoch ms, any
 * order) of each scope. Blocked until the failure that filled the budget leaves the window.
 */
export function throttleVerdict(
  failures: Record<ThrottleScope, readonly number[]>,
  now: number,
): ThrottleVerdict {
  let until = 0;
  for (const scope of Object.keys(THROTTLE_LIMITS) as ThrottleScope[]) {
    const limit = THROTTLE_LIMITS[scope];
    const recent = failures[scope]
      .filter((at) => at > now - THROTTLE_WINDOW_MS && at <= now)
      .sort((a, b) => b - a);
    if (recent.length >= limit) {
      const filling = recent[limit - 1] as number;
      until = Math.max(until, filling + THROTTLE_WINDOW_MS);
    }
  }
  return until > now
    ? { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) }
    : { allowed: true };
}

/** The key of one address trying one login. */
export const pairKey = (login: string, address: string) => `${login} ${address}`;

/** Logins are compared case-insensitively everywhere; the throttle keys on the same form. */
export function loginKey(email: string): string {
  return email.trim().toLowerCase();
}
