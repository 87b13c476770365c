import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { scopedPostgres } from './postgres-schema.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { createCatalog, createHarvestCaller } from './factories.ts';

/**
 * One running timer per person must hold across server processes sharing one PostgreSQL:
 * the partial unique index makes a racing start fail, and the service retries it as a switch.
 * Needs a real server (PGlite lives inside this process), so it runs when TEST_DATABASE_URL is set.
 */
describe.runIf(process.env.TEST_DATABASE_URL)(
  'PostgreSQL: concurrent timer starts from two processes',
  () => {
    let db: Awaited<ReturnType<typeof scopedPostgres>>;
    let handle: DatabaseHandle;

    beforeAll(async () => {
      db = await scopedPostgres('punch_race');
      ({ handle } = db);
    });

    afterAll(() => db.drop());

    it('leaves exactly one running timer after 40 simultaneous starts across both', async () => {
      const caller = await createHarvestCaller(handle.db, systemClock);
      const { project, task } = await createCatalog(handle.db, systemClock, caller.accountId);
      const at = Date.now();
      await handle.db
        .insertInto('user_assignments')
        .values({
          account_id: caller.accountId,
          project_id: project.id,
          user_id: caller.user.id,
          is_active: 1,
          is_project_manager: 1,
          use_default_rates: 1,
          hourly_rate_cents: null,
          budget_hundredths: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await handle.db
        .insertInto('task_assignments')
        .values({
          account_id: caller.accountId,
          project_id: project.id,
          task_id: task.id,
          is_active: 1,
          billable: 1,
          hourly_rate_cents: null,
          budget_hundredths: null,
          created_at: at,
          updated_at: at,
        })
        .execute();

      const servers = [await db.serve(), await db.serve()];

      const starts = Array.from({ length: 40 }, (_, i) =>
        fetch(`${servers[i % 2]}/v2/time_entries`, {
          method: 'POST',
          headers: { ...caller.headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            project_id: project.id,
            task_id: task.id,
            spent_date: '2026-03-04',
            notes: `start ${i}`,
          }),
        }),
      );
      const statuses = (await Promise.all(starts)).map((res) => res.status);
      expect(
        statuses.every((s) => s === 201),
        statuses.join(','),
      ).toBe(true);

      const entries = await handle.db
        .selectFrom('time_entries')
        .select(['id', 'timer_started_at'])
        .where('user_id', '=', caller.user.id)
        .execute();
      expect(entries).toHaveLength(40);
      expect(entries.filter((e) => e.timer_started_at !== null)).toHaveLength(1);
    });
  },
);
