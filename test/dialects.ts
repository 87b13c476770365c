import type { Dialect } from '../src/server/db/database.ts';

/** Every SQL-touching test runs once per entry; narrow with TEST_DIALECTS=sqlite or =postgres. */
export const DIALECTS: readonly Dialect[] = (['sqlite', 'postgres'] as const).filter(
  (d) => !process.env.TEST_DIALECTS || process.env.TEST_DIALECTS.split(',').includes(d),
);
