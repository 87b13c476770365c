/**
 * Fills a database with a realistic account for benchmarks:
 *   npm run bench:seed -- --entries 1000000 [--db URL] [--years 3] [--reset]
 * Goes through the project's own migrations; the account, its administrator and login are made
 * by the setup service, everything else is bulk-inserted in batches inside transactions.
 */
import { Command } from 'commander';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/server/db/database-types.ts';
import { createAuthService } from '../src/server/modules/auth/auth.service.ts';
import { createSetupService } from '../src/server/modules/setup/setup.service.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { DEFAULT_BENCH_DB, epochDay, isoDay, openBenchDatabase, random } from './lib.ts';

export interface SeedOptions {
  url: string;
  entries: number;
  years: number;
  reset: boolean;
  /** The last day with time; defaults to today (UTC). */
  today?: string;
  /** Projects in the catalog (half of them budgeted); by default they scale with the people. */
  projects?: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  accountId: number;
  people: number;
  projects: number;
  entries: number;
  seconds: number;
  rowsPerSecond: number;
}

const TABLES_IN_DELETE_ORDER = [
  'report_shares',
  'saved_reports',
  'budget_states',
  'invitations',
  'employee_documents',
  'project_rates',
  'idempotency_keys',
  'time_entries',
  'task_assignments',
  'user_assignments',
  'teammates',
  'role_users',
  'roles',
  'user_rates',
  'personal_access_tokens',
  'projects',
  'tasks',
  'clients',
  'users',
  'identities',
  'accounts',
] as const;

async function insertBatched(
  db: Kysely<Database>,
  table: keyof Database,
  rows: Record<string, unknown>[],
  batch: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + batch))
      .execute();
  }
}

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const handle = await openBenchDatabase(options.url);
  const { db, dialect } = handle;
  try {
    const existing = await db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (existing.n > 0) {
      if (!options.reset) throw new Error('the database already holds accounts; pass --reset');
      for (const table of TABLES_IN_DELETE_ORDER) await db.deleteFrom(table).execute();
    }

    const started = performance.now();
    const clock = systemClock;
    const setup = createSetupService({ db, clock, auth: createAuthService({ db, clock }) });
    const admin = await setup.setupAccount({
      account: 'Bench Co',
      email: 'bench-admin@example.com',
      password: 'bench-password',
      timezone: 'UTC',
    });
    const accountId = admin.account_id;
    const at = clock.now().getTime();
    const rand = random(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

    // Sizes scale with the entries: ~4 entries per person per working day over the years.
    const workingDays = Math.round(options.years * 52 * 5);
    const people = Math.max(5, Math.round(options.entries / (workingDays * 3.5)));
    const clientsCount = Math.max(3, Math.round(people / 4));
    const projectsCount = options.projects ?? Math.max(6, Math.round(people / 1.5));
    const tasksCount = 12;

    await db.transaction().execute(async (tx) => {
      await insertBatched(
        tx,
        'users',
        Array.from({ length: people }, (_, i) => ({
          account_id: accountId,
          identity_id: null,
          first_name: `Person${i + 1}`,
          last_name: pick(['Nowak', 'Kowalska', 'Smith', 'García', 'Müller', 'Rossi']),
          email: `person${i + 1}@bench.example.com`,
          telephone: '',
          timezone: 'UTC',
          has_access_to_all_future_projects: 0,
          is_contractor: rand() < 0.1 ? 1 : 0,
          is_active: 1,
          weekly_capacity: rand() < 0.8 ? 144000 : 72000,
          access_level: i % 10 === 0 ? 'manager' : 'member',
          manager_permissions: '',
          avatar_url: null,
          created_at: at,
          updated_at: at,
        })),
        500,
      );
      await insertBatched(
        tx,
        'clients',
        Array.from({ length: clientsCount }, (_, i) => ({
          account_id: accountId,
          name: `Client ${i + 1}`,
          is_active: 1,
          address: null,
          statement_key: `bench${i}`,
          currency: pick(['USD', 'EUR', 'GBP']),
          created_at: at,
          updated_at: at,
          deleted_at: null,
        })),
        500,
      );
      await insertBatched(
        tx,
        'tasks',
        Array.from({ length: tasksCount }, (_, i) => ({
          account_id: accountId,
          name: `Task ${i + 1}`,
          billable_by_default: i < 8 ? 1 : 0,
          default_hourly_rate_cents: 10000 + i * 500,
          is_default: i < 4 ? 1 : 0,
          is_active: 1,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        })),
        500,
      );
    });
    const userIds = (
      await db
        .selectFrom('users')
        .select('id')
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
    const personIds = userIds.filter((id) => id !== admin.user_id);
    const clientIds = (
      await db.selectFrom('clients').select('id').where('account_id', '=', accountId).execute()
    ).map((r) => r.id);
    const taskIds = (
      await db.selectFrom('tasks').select('id').where('account_id', '=', accountId).execute()
    ).map((r) => r.id);

    await insertBatched(
      db,
      'projects',
      Array.from({ length: projectsCount }, (_, i) => ({
        account_id: accountId,
        client_id: clientIds[i % clientIds.length] as number,
        name: `Project ${i + 1}`,
        code: `P${String(i + 1).padStart(3, '0')}`,
        is_active: 1,
        is_billable: i % 7 === 6 ? 0 : 1,
        is_fixed_fee: 0,
        bill_by: pick(['Project', 'Tasks', 'People']),
        hourly_rate_cents: 12000,
        // Half the projects budget: hours (a sixth of all monthly) or fees, alerts at 80%.
        budget_hundredths: i % 2 === 0 ? (i % 6 === 0 ? 16_000 : 200_000) : null,
        budget_by: i % 2 === 1 ? 'none' : i % 4 === 2 ? 'project_cost' : 'project',
        budget_is_monthly: i % 6 === 0 ? 1 : 0,
        notify_when_over_budget: i % 2 === 0 ? 1 : 0,
        over_budget_notification_percentage: 80,
        over_budget_notification_date: null,
        show_budget_to_all: 0,
        cost_budget_cents: i % 4 === 2 ? 25_000_000 : null,
        cost_budget_include_expenses: 0,
        fee_cents: null,
        notes: null,
        starts_on: null,
        ends_on: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })),
      500,
    );
    const projectIds = (
      await db.selectFrom('projects').select('id').where('account_id', '=', accountId).execute()
    ).map((r) => r.id);

    // Each person works on 3–6 projects; each project has 5 of the tasks.
    const projectsOf = new Map<number, number[]>();
    const userAssignments: Record<string, unknown>[] = [];
    for (const userId of userIds) {
      const mine = new Set<number>();
      const want = 3 + Math.floor(rand() * 4);
      while (mine.size < Math.min(want, projectIds.length)) mine.add(pick(projectIds));
      projectsOf.set(userId, [...mine]);
      for (const projectId of mine) {
        userAssignments.push({
          account_id: accountId,
          project_id: projectId,
          user_id: userId,
          is_active: 1,
          is_project_manager: 0,
          use_default_rates: rand() < 0.7 ? 1 : 0,
          hourly_rate_cents: 9000 + Math.floor(rand() * 8) * 1000,
          budget_hundredths: null,
          created_at: at,
          updated_at: at,
        });
      }
    }
    const tasksOf = new Map<number, number[]>();
    const taskAssignments: Record<string, unknown>[] = [];
    for (const projectId of projectIds) {
      const mine = new Set<number>();
      while (mine.size < 5) mine.add(pick(taskIds));
      tasksOf.set(projectId, [...mine]);
      for (const taskId of mine) {
        taskAssignments.push({
          account_id: accountId,
          project_id: projectId,
          task_id: taskId,
          is_active: 1,
          billable: 1,
          hourly_rate_cents: 11000,
          budget_hundredths: null,
          created_at: at,
          updated_at: at,
        });
      }
    }
    const rates: Record<string, unknown>[] = [];
    for (const userId of userIds) {
      rates.push(
        {
          user_id: userId,
          kind: 'billable',
          amount_cents: 10000,
          start_date: null,
          created_at: at,
          updated_at: at,
        },
        {
          user_id: userId,
          kind: 'cost',
          amount_cents: 4000,
          start_date: null,
          created_at: at,
          updated_at: at,
        },
        // A raise half-way through the history.
        {
          user_id: userId,
          kind: 'billable',
          amount_cents: 11500,
          start_date: isoDay(
            epochDay(options.today ?? isoDay(Math.floor(at / 86_400_000))) -
              Math.round(options.years * 182),
          ),
          created_at: at,
          updated_at: at,
        },
      );
    }
    await db.transaction().execute(async (tx) => {
      await insertBatched(tx, 'user_assignments', userAssignments, 1000);
      await insertBatched(tx, 'task_assignments', taskAssignments, 1000);
      await insertBatched(tx, 'user_rates', rates, 1000);
    });
    log(
      `catalog: ${people} people, ${clientsCount} clients, ${projectsCount} projects, ${tasksCount} tasks, ${userAssignments.length} assignments`,
    );

    // Time entries: working days back from today, per person 2–6 entries a day, until the target.
    const lastDay = epochDay(options.today ?? isoDay(Math.floor(at / 86_400_000)));
    const perDay = options.entries / (workingDays * people);
    const batchRows = dialect === 'sqlite' ? 1500 : 2500;
    const notes = [
      'Standup',
      'Code review',
      'Client call',
      'Design',
      'Bug fixing',
      'Planning',
      null,
      null,
    ];
    let pending: Record<string, unknown>[] = [];
    let made = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      const rows = pending;
      pending = [];
      await db.transaction().execute(async (tx) => {
        await insertBatched(tx, 'time_entries', rows, batchRows);
      });
    };
    // Goes further back than `years` only if the daily counts fall short of the target.
    // Timers run on the latest working day (today may be a weekend).
    let timersDay: number | null = null;
    outer: for (let day = lastDay; made < options.entries; day--) {
      const weekday = new Date(day * 86_400_000).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      timersDay ??= day;
      const spentDate = isoDay(day);
      const dayMs = day * 86_400_000;
      // Older than a quarter: approved; older than a year: invoiced (locked).
      const age = lastDay - day;
      for (const userId of personIds) {
        const count = Math.max(1, Math.round(perDay * (0.6 + rand() * 0.8)));
        for (let k = 0; k < count; k++) {
          if (made >= options.entries) break outer;
          const projectId = pick(projectsOf.get(userId) ?? projectIds);
          const running = day === timersDay && k === count - 1 && userId % 10 === 0;
          pending.push({
            account_id: accountId,
            user_id: userId,
            project_id: projectId,
            task_id: pick(tasksOf.get(projectId) ?? taskIds),
            spent_date: spentDate,
            // Timers stop at any second: 15 min to 4 h, not whole quarters (rounding has work).
            duration_seconds: running ? 0 : 900 + Math.floor(rand() * 15 * 900),
            timer_started_at: running ? at - 1_800_000 : null,
            started_time: null,
            ended_time: null,
            notes: pick(notes),
            external_reference_id: null,
            external_reference_group_id: null,
            external_reference_account_id: null,
            external_reference_permalink: null,
            approval_status: age > 90 ? 'approved' : 'unsubmitted',
            invoice_id: age > 365 && rand() < 0.8 ? 1000 + Math.floor(age / 30) : null,
            invoice_number: null,
            created_at: dayMs + 17 * 3_600_000,
            updated_at: dayMs + 17 * 3_600_000,
            deleted_at: rand() < 0.005 ? dayMs + 18 * 3_600_000 : null,
          });
          made++;
          if (pending.length >= 50_000) {
            await flush();
            const elapsed = (performance.now() - started) / 1000;
            log(
              `  ${made.toLocaleString('en')} entries, ${Math.round(made / elapsed).toLocaleString('en')} rows/s`,
            );
          }
        }
      }
    }
    await flush();
    // Fresh planner statistics, as a production database would have after autovacuum.
    await sql`analyze`.execute(db);
    const seconds = (performance.now() - started) / 1000;
    return {
      accountId,
      people,
      projects: projectsCount,
      entries: made,
      seconds,
      rowsPerSecond: Math.round(made / seconds),
    };
  } finally {
    await handle.close();
  }
}

// Run from the command line (not when imported by the benchmark runner).
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const program = new Command('bench:seed')
    .option('--entries <n>', 'time entries to create', '100000')
    .option('--db <url>', 'DATABASE_URL to fill', DEFAULT_BENCH_DB)
    .option('--years <n>', 'years of history', '3')
    .option('--reset', 'delete what the database holds first', false)
    .option('--projects <n>', 'projects in the catalog (half budgeted)')
    .parse();
  const opts = program.opts<{
    entries: string;
    db: string;
    years: string;
    reset: boolean;
    projects?: string;
  }>();
  const result = await seed({
    url: opts.db,
    entries: Number(opts.entries),
    years: Number(opts.years),
    reset: opts.reset,
    ...(opts.projects ? { projects: Number(opts.projects) } : {}),
    log: (line) => console.log(line),
  });
  console.log(
    `seeded ${result.entries.toLocaleString('en')} entries for ${result.people} people in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond.toLocaleString('en')} rows/s)`,
  );
}
