import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';

// Deliberately loose: the only reliable email check is delivering to it.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validateSetupInput(input: {
  account: string;
  email: string;
  password: string;
}): string[] {
  const errors: string[] = [];
  if (input.account.trim() === '') errors.push("Account name can't be blank");
  if (input.email.trim() === '') errors.push("Email can't be blank");
  else if (!EMAIL.test(input.email.trim())) errors.push('Email is invalid');
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    errors.push(`Password is too short (minimum is ${MIN_PASSWORD_LENGTH} characters)`);
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
