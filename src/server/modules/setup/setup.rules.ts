import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { refusal, type Refusal } from '../../shared/domain-error.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';
import { AUTH_ERRORS } from '../auth/auth.errors.ts';
import { SETUP_ERRORS } from './setup.errors.ts';

// Deliberately loose: the only reliable email check is delivering to it.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validateSetupInput(input: {
  account: string;
  email: string;
  password: string;
}): Refusal[] {
  const errors: Refusal[] = [];
  if (input.account.trim() === '')
    errors.push(refusal(COMMON_ERRORS.blank, { field: 'accountName' }));
  if (input.email.trim() === '') errors.push(refusal(COMMON_ERRORS.blank, { field: 'email' }));
  else if (!EMAIL.test(input.email.trim())) errors.push(refusal(SETUP_ERRORS.invalidEmail));
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    errors.push(refusal(AUTH_ERRORS.passwordTooShort, { min: MIN_PASSWORD_LENGTH }));
  }
  return errors;
}

/** "jane.doe@example.com" -> Jane / Doe, so a first run needs no name flags. */
export function namesFromEmail(email: string): { firstName: string; lastName: string } {
  const local = email.split('@')[0] ?? email;
  const [first, ...rest] = local.split(/[._-]+/).filter(Boolean);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (first !== undefined && rest.length > 0) {
    return { firstName: cap(first), lastName: rest.map(cap).join(' ') };
  }
  return { firstName: cap(local), lastName: '' };
}

// Crockford's base32: no I, L, O or U, so a code read off a terminal is typed back right.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Twelve symbols (60 bits) from `random` bytes, shown in groups of four: `7K2D-QX9M-4TPA`. */
export function formatSetupCode(random: Uint8Array): string {
  if (random.length < 12) throw new Error('a setup code needs 12 random bytes');
  const symbols = Array.from(random.subarray(0, 12), (b) => CODE_ALPHABET[b % 32]).join('');
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/**
 * A typed code as the printed one: case, spaces and dashes do not matter, and the letters a
 * person confuses with digits (O, I, L) are read as those digits.
 */
export function normalizeSetupCode(typed: string): string {
  const symbols = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== 12) return symbols;
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/** A printed code stays usable for a day; a restart prints a fresh one. */
export const SETUP_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;
