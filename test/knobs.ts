/**
 * A positive integer from the environment for the heavier suites (`CRASH_ROUNDS`, `FUZZ_RUNS`…),
 * or the fallback the suite runs with in CI.
 */
export function knob(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}
