import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    // PGlite and argon2 make the first test of a file slow; the default 5 s is too tight on 2 cores.
    testTimeout: 20_000,
    // A browser step (sign-in hashes a password, a page loads its data) can take seconds here.
    expect: { poll: { timeout: 8_000, interval: 50 } },
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // .ci/run asks for a JSON report to print CI's closing line from.
    reporters: process.env.VITEST_JSON_REPORT
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]]
      : ['default'],
  },
});
