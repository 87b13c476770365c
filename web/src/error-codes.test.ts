import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './locales/en.ts';
import uk from './locales/uk.ts';
import zh from './locales/zh.ts';

const MODULES = fileURLToPath(new URL('../../src/server/modules', import.meta.url));
const SHARED = fileURLToPath(new URL('../../src/server/shared', import.meta.url));

/** Every stable code the server declares (its modules' and shared helpers' `*.errors.ts`). */
function serverCodes(): string[] {
  const codes = new Set<string>();
  const dirs = [SHARED, ...readdirSync(MODULES).map((module) => join(MODULES, module))];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.errors.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const match of text.matchAll(/^\s+\w+: '([a-z_]+)',?$/gm)) codes.add(match[1] as string);
    }
  }
  return [...codes].sort();
}

/**
 * Codes whose API message names what is wrong in the case at hand (a file's column, the
 * source's address and answer): a fixed sentence would hide it, so the page shows the API's.
 */
const SAID_BY_THE_API = ['invalid_import', 'import_source_unreachable'];

describe('stable error codes', () => {
  it('each has its own message in English, Ukrainian and Chinese', () => {
    const codes = serverCodes();
    expect(codes.length).toBeGreaterThan(30);
    for (const [language, messages] of Object.entries({ en, uk, zh })) {
      const missing = codes.filter(
        (code) => !SAID_BY_THE_API.includes(code) && !(code in messages.errors),
      );
      expect(missing, language).toEqual([]);
    }
  });
});
