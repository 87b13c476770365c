import { describe, expect, it } from 'vitest';
import {
  formatSetupCode,
  namesFromEmail,
  normalizeEmail,
  normalizeSetupCode,
  validateSetupInput,
} from './setup.rules.ts';
import { worded } from '../../../../test/worded.ts';

describe('validateSetupInput', () => {
  const ok = { account: 'Acme', email: 'a@example.com', password: 'long enough' };

  it('accepts a complete input', () => expect(worded(validateSetupInput(ok))).toEqual([]));

  it('names every problem at once', () => {
    expect(worded(validateSetupInput({ account: ' ', email: 'nope', password: 'short' }))).toEqual([
      "Account name can't be blank",
      'Email is invalid',
      'Password is too short (minimum is 8 characters)',
    ]);
  });

  it('says a blank email is blank, not invalid', () => {
    expect(worded(validateSetupInput({ ...ok, email: '' }))).toEqual(["Email can't be blank"]);
  });
});

describe('namesFromEmail', () => {
  it.each([
    ['jane.doe@example.com', { firstName: 'Jane', lastName: 'Doe' }],
    ['mary-ann_van.dyke@x.io', { firstName: 'Mary', lastName: 'Ann Van Dyke' }],
    ['a@example.com', { firstName: 'A', lastName: '' }],
  ])('%s', (email, names) => expect(namesFromEmail(email)).toEqual(names));
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () =>
    expect(normalizeEmail('  A@Example.COM ')).toBe('a@example.com'));
});

describe('setup codes', () => {
  it('prints twelve unambiguous symbols in groups of four', () => {
    const code = formatSetupCode(Uint8Array.from({ length: 12 }, (_, i) => i * 23));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(code).toBe('0QE5-WKA1-RF6X');
  });

  it('reads a code back whatever its case, spacing and look-alike letters', () => {
    expect(normalizeSetupCode(' 0qe5 ma2s-j7yd ')).toBe('0QE5-MA2S-J7YD');
    expect(normalizeSetupCode('OQE5MA2SJ7YD')).toBe('0QE5-MA2S-J7YD');
    expect(normalizeSetupCode('ab1l')).toBe('AB11');
  });
});
