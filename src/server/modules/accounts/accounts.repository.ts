import { compiledOnce } from '../../db/compiled-once.ts';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AccountsTable, Database } from '../../db/database-types.ts';

export type AccountRow = Selectable<AccountsTable>;
export type AccountChanges = Updateable<AccountsTable>;

// Read by most requests (settings, time zone, rounding): compiled once.
const accountById = compiledOnce((db, args: { id: number }) =>
  db.selectFrom('accounts').selectAll().where('id', '=', args.id),
);

export async function findAccountById(
  db: Kysely<Database>,
  id: number,
): Promise<AccountRow | undefined> {
  return (await accountById(db, { id }))[0];
}

export async function insertAccount(
  db: Kysely<Database>,
  values: { name: string; timezone: string; created_at: number },
): Promise<AccountRow> {
  return db
    .insertInto('accounts')
    .values({
      ...defaultAccountSettings(),
      name: values.name,
      timezone: values.timezone,
      created_at: values.created_at,
      updated_at: values.created_at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAccount(
  db: Kysely<Database>,
  id: number,
  changes: AccountChanges,
): Promise<AccountRow> {
  return db
    .updateTable('accounts')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Explicit so an account reads the same whatever the column defaults of the day. */
function defaultAccountSettings() {
  return {
    week_start_day: 'Monday',
    currency: 'USD',
    clock: '12h',
    wants_timestamp_timers: 0,
    time_format: 'hours_minutes',
    date_format: '%Y-%m-%d',
    decimal_symbol: '.',
    thousands_separator: ',',
    currency_code_display: 'iso_code_none',
    currency_symbol_display: 'symbol_before',
    color_scheme: 'orange',
    weekly_capacity: 126000,
    time_rounding_mode: 'none',
    time_rounding_minutes: 15,
    approval_feature: 1,
    expense_feature: 0,
    invoice_feature: 1,
    estimate_feature: 0,
    team_feature: 1,
    plan_type: 'self-hosted',
    is_active: 1,
  } as const;
}
