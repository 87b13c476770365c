import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { Database, TimeEntriesTable, UserRatesTable } from '../../db/database-types.ts';
import { compiledForRows, compiledOnce } from '../../db/compiled-once.ts';
import { supportsRowLocks } from '../../db/dialect.ts';
import type { Page } from '../../db/paginate.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type TimeEntryRow = Selectable<TimeEntriesTable>;

export interface TimeEntryFilters {
  userId?: number;
  clientId?: number;
  projectId?: number;
  taskId?: number;
  externalReferenceId?: string;
  isBilled?: boolean;
  isRunning?: boolean;
  approvalStatus?: string;
  updatedSince?: number;
  from?: string;
  to?: string;
  /** Flowtly filters: any of these people / projects (exact, arrays). */
  userIds?: number[];
  projectIds?: number[];
  /** Flowtly DateFilter bounds on spent_date: after/before inclusive, strictly_ exclusive. */
  dateAfter?: string;
  dateStrictlyAfter?: string;
  dateBefore?: string;
  dateStrictlyBefore?: string;
  /** Flowtly exists[…]: whether notes / the deletion time are set (deleted rows never show). */
  notesExist?: boolean;
  deletedAtExists?: boolean;
  /** Flowtly order[…]; without it, Harvest's order (spent_date desc, id desc). */
  order?: { column: 'spent_date' | 'id' | 'created_at'; direction: 'asc' | 'desc' }[];
  /** Non-administrators: entries of these people or on these projects only. */
  visibleTo?: { userIds: number[]; projectIds: number[] };
}

/**
 * What an entry shows of its person, project, client, task and both assignments: the joined
 * part of `detailed`, also read on its own before an entry exists (findTrackingFacts).
 */
const DETAIL_COLUMNS = [
  'u.first_name as user_first_name',
  'u.last_name as user_last_name',
  'u.is_active as user_is_active',
  'u.timezone as user_timezone',
  'p.name as project_name',
  'p.code as project_code',
  'p.is_active as project_is_active',
  'p.is_billable as project_is_billable',
  'p.bill_by as project_bill_by',
  'p.hourly_rate_cents as project_hourly_rate_cents',
  'p.budget_by as project_budget_by',
  'p.budget_hundredths as project_budget_hundredths',
  'p.cost_budget_cents as project_cost_budget_cents',
  'c.id as client_id',
  'c.name as client_name',
  'c.currency as client_currency',
  'c.is_active as client_is_active',
  'k.name as task_name',
  'k.is_active as task_is_active',
  'ua.id as ua_id',
  'ua.is_project_manager as ua_is_project_manager',
  'ua.is_active as ua_is_active',
  'ua.use_default_rates as ua_use_default_rates',
  'ua.hourly_rate_cents as ua_hourly_rate_cents',
  'ua.budget_hundredths as ua_budget_hundredths',
  'ua.created_at as ua_created_at',
  'ua.updated_at as ua_updated_at',
  'ta.id as ta_id',
  'ta.billable as ta_billable',
  'ta.is_active as ta_is_active',
  'ta.hourly_rate_cents as ta_hourly_rate_cents',
  'ta.budget_hundredths as ta_budget_hundredths',
  'ta.created_at as ta_created_at',
  'ta.updated_at as ta_updated_at',
] as const;

/**
 * Everything the Harvest object shows, in one row: entry, person, project, client, task,
 * assignments. Exported for the benchmark's raw baseline, which runs this very SQL.
 */
export function detailed(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('time_entries as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .innerJoin('clients as c', 'c.id', 'p.client_id')
    .leftJoin('tasks as k', 'k.id', 't.task_id')
    .leftJoin('user_assignments as ua', (join) =>
      join.onRef('ua.project_id', '=', 't.project_id').onRef('ua.user_id', '=', 't.user_id'),
    )
    .leftJoin('task_assignments as ta', (join) =>
      join.onRef('ta.project_id', '=', 't.project_id').onRef('ta.task_id', '=', 't.task_id'),
    )
    .selectAll('t')
    .select(DETAIL_COLUMNS)
    .where('t.account_id', '=', accountId)
    .where('t.deleted_at', 'is', null);
}

export type TimeEntryDetail = Awaited<
  ReturnType<ReturnType<typeof detailed>['executeTakeFirstOrThrow']>
>;

/**
 * Everything the tracking rules check before time is written, in one query: the person, and
 * the live project (with its client), the live task and both assignments, each null when
 * missing. The same columns as `detailed`, so a new entry's row needs no read-back.
 */
const trackingFacts = compiledOnce(
  (db, args: { accountId: number; userId: number; projectId: number; taskId: number }) =>
    db
      .selectFrom('users as u')
      .leftJoin('projects as p', (join) =>
        join
          .on('p.id', '=', args.projectId)
          .on('p.account_id', '=', args.accountId)
          .on('p.deleted_at', 'is', null),
      )
      .leftJoin('clients as c', 'c.id', 'p.client_id')
      .leftJoin('tasks as k', (join) =>
        join
          .on('k.id', '=', args.taskId)
          .on('k.account_id', '=', args.accountId)
          .on('k.deleted_at', 'is', null),
      )
      .leftJoin('user_assignments as ua', (join) =>
        join.onRef('ua.project_id', '=', 'p.id').onRef('ua.user_id', '=', 'u.id'),
      )
      .leftJoin('task_assignments as ta', (join) =>
        join.onRef('ta.project_id', '=', 'p.id').onRef('ta.task_id', '=', 'k.id'),
      )
      .select(DETAIL_COLUMNS)
      .select(['p.id as found_project_id', 'k.id as found_task_id'])
      .where('u.id', '=', args.userId)
      .where('u.account_id', '=', args.accountId),
);

export async function findTrackingFacts(
  db: Kysely<Database>,
  accountId: number,
  userId: number,
  projectId: number,
  taskId: number | null,
) {
  // No task (Flowtly work times): an id no row has, so the query keeps its one shape.
  return (await trackingFacts(db, { accountId, userId, projectId, taskId: taskId ?? -1 }))[0];
}

export type TrackingFacts = NonNullable<Awaited<ReturnType<typeof findTrackingFacts>>>;

const timeEntryById = compiledOnce((db, args: { accountId: number; id: number }) =>
  detailed(db, args.accountId).where('t.id', '=', args.id),
);

export async function findTimeEntry(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<TimeEntryDetail | undefined> {
  return (await timeEntryById(db, { accountId, id }))[0];
}

/**
 * Harvest's order: spent_date descending, newest first within a day. Pages by number or by a
 * keyset cursor on (spent_date, id); the cursor names an entry id and its date is looked up.
 */
/** The detail rows of a page of ids, in the page's order. */
async function detailsOf(
  db: Kysely<Database>,
  accountId: number,
  keys: readonly { id: number }[],
): Promise<TimeEntryDetail[]> {
  if (keys.length === 0) return [];
  const rows = await detailed(db, accountId)
    .where(
      't.id',
      'in',
      keys.map((k) => k.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return keys.flatMap((k) => {
    const row = byId.get(k.id);
    return row ? [row] : [];
  });
}

/** What `where` callbacks over `time_entries as t` receive, alone or joined (`detailed`). */
type EntryExpressions = ExpressionBuilder<Database & { t: TimeEntriesTable }, 't'>;

/** A list's filters as conditions on `t`: for the page, its count and its detail alike. */
function entryConditions(
  eb: EntryExpressions,
  accountId: number,
  filters: TimeEntryFilters,
): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [
    eb('t.account_id', '=', accountId),
    eb('t.deleted_at', 'is', null),
  ];
  const add = (condition: Expression<SqlBool>) => all.push(condition);
  if (filters.userId !== undefined) add(eb('t.user_id', '=', filters.userId));
  if (filters.clientId !== undefined) {
    const clientId = filters.clientId;
    add(
      eb(
        't.project_id',
        'in',
        eb.selectFrom('projects').select('projects.id').where('projects.client_id', '=', clientId),
      ),
    );
  }
  if (filters.projectId !== undefined) add(eb('t.project_id', '=', filters.projectId));
  if (filters.taskId !== undefined) add(eb('t.task_id', '=', filters.taskId));
  if (filters.externalReferenceId !== undefined)
    add(eb('t.external_reference_id', '=', filters.externalReferenceId));
  if (filters.isBilled !== undefined)
    add(eb('t.invoice_id', filters.isBilled ? 'is not' : 'is', null));
  if (filters.isRunning !== undefined)
    add(eb('t.timer_started_at', filters.isRunning ? 'is not' : 'is', null));
  if (filters.approvalStatus !== undefined)
    add(eb('t.approval_status', '=', filters.approvalStatus));
  if (filters.updatedSince !== undefined) add(eb('t.updated_at', '>=', filters.updatedSince));
  if (filters.from !== undefined) add(eb('t.spent_date', '>=', filters.from));
  if (filters.to !== undefined) add(eb('t.spent_date', '<=', filters.to));
  if (filters.userIds !== undefined) add(eb('t.user_id', 'in', [-1, ...filters.userIds]));
  if (filters.projectIds !== undefined) add(eb('t.project_id', 'in', [-1, ...filters.projectIds]));
  if (filters.dateAfter !== undefined) add(eb('t.spent_date', '>=', filters.dateAfter));
  if (filters.dateStrictlyAfter !== undefined)
    add(eb('t.spent_date', '>', filters.dateStrictlyAfter));
  if (filters.dateBefore !== undefined) add(eb('t.spent_date', '<=', filters.dateBefore));
  if (filters.dateStrictlyBefore !== undefined)
    add(eb('t.spent_date', '<', filters.dateStrictlyBefore));
  if (filters.notesExist !== undefined)
    add(eb('t.notes', filters.notesExist ? 'is not' : 'is', null));
  if (filters.deletedAtExists !== undefined)
    add(eb('t.deleted_at', filters.deletedAtExists ? 'is not' : 'is', null));
  if (filters.visibleTo) {
    const { userIds, projectIds } = filters.visibleTo;
    add(
      eb.or([
        eb('t.user_id', 'in', [-1, ...userIds]),
        eb('t.project_id', 'in', [-1, ...projectIds]),
      ]),
    );
  }
  return all;
}

export async function listTimeEntries(
  db: Kysely<Database>,
  accountId: number,
  filters: TimeEntryFilters,
  request: PageRequest,
): Promise<Page<TimeEntryDetail>> {
  // Filter, count and page on time_entries alone (its indexes answer all of it), then fetch
  // the joined detail for the page's ids only: counting through six joins cost seconds at 1M rows.
  const matches = (eb: EntryExpressions) => eb.and(entryConditions(eb, accountId, filters));
  const query = db.selectFrom('time_entries as t').select(['t.id', 't.spent_date']).where(matches);

  const countAll = async () =>
    (
      await query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow()
    ).total;
  const { cursor, perPage } = request;
  if (!cursor) {
    const offset = (request.page - 1) * perPage;
    const order: { column: 'spent_date' | 'id' | 'created_at'; direction: 'asc' | 'desc' }[] =
      filters.order
        ? [...filters.order]
        : [
            { column: 'spent_date', direction: 'desc' },
            { column: 'id', direction: 'desc' },
          ];
    // A stable order whatever was asked: ties broken by id.
    if (!order.some((o) => o.column === 'id')) order.push({ column: 'id', direction: 'asc' });
    let page = detailed(db, accountId);
    for (const { column, direction } of order) page = page.orderBy(`t.${column}`, direction);
    let rows: TimeEntryDetail[];
    if (offset === 0) {
      // The first page joins as it filters, ordered and limited: the plan PostgreSQL keeps for
      // a prepared statement is the raw baseline's, where the ids-in-a-subquery form below was
      // planned anew on every run (4 ms against 1 ms, measured).
      rows = await page
        .where((eb) => matches(eb as unknown as EntryExpressions))
        .limit(perPage)
        .execute();
    } else {
      // Deeper pages choose their ids on time_entries alone (indexes only, whatever the
      // offset), and only those rows are joined to their details. Two statements, not an
      // `in (subquery)`: before PostgreSQL has statistics for fresh rows it planned that as a
      // semi join re-running the offset scan per candidate row (1.4 s for page 2 of 3,000
      // entries, measured); chosen first, the ids are one index walk whatever the plan.
      let ids = query.clearSelect().select('t.id');
      for (const { column, direction } of order) ids = ids.orderBy(`t.${column}`, direction);
      const pageIds = (await ids.limit(perPage).offset(offset).execute()).map((r) => r.id);
      rows = pageIds.length === 0 ? [] : await page.where('t.id', 'in', pageIds).execute();
    }
    // A first page that is not full holds everything: no need to count (the common case of a
    // person's week or month, and a tenth of its cost at a million rows).
    const total = offset === 0 && rows.length < perPage ? rows.length : await countAll();
    return { rows, total, hasOlder: offset + rows.length < total, hasNewer: offset > 0 };
  }
  const total = await countAll();
  const anchorId = 'after' in cursor ? cursor.after : cursor.before;
  // The cursor carries its anchor's date, so moving that entry later cannot shift the page.
  const anchor =
    cursor.date !== undefined
      ? { spent_date: cursor.date }
      : await db
          .selectFrom('time_entries')
          .select('spent_date')
          .where('id', '=', anchorId)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
  if (!anchor) return { rows: [], total, hasOlder: false, hasNewer: false };
  const d = anchor.spent_date;
  const older = (q: typeof query, id: number, date: string) =>
    q.where((eb) =>
      eb.or([
        eb('t.spent_date', '<', date),
        eb.and([eb('t.spent_date', '=', date), eb('t.id', '<', id)]),
      ]),
    );
  const newer = (q: typeof query, id: number, date: string) =>
    q.where((eb) =>
      eb.or([
        eb('t.spent_date', '>', date),
        eb.and([eb('t.spent_date', '=', date), eb('t.id', '>', id)]),
      ]),
    );
  if ('after' in cursor) {
    const rows = await older(query, anchorId, d)
      .orderBy('t.spent_date', 'desc')
      .orderBy('t.id', 'desc')
      .limit(perPage + 1)
      .execute();
    const page = rows.slice(0, perPage);
    const first = page[0];
    const hasNewer = first
      ? (await newer(query, first.id, first.spent_date).limit(1).execute()).length > 0
      : true;
    return {
      rows: await detailsOf(db, accountId, page),
      total,
      hasOlder: rows.length > perPage,
      hasNewer,
    };
  }
  const rows = await newer(query, anchorId, d)
    .orderBy('t.spent_date', 'asc')
    .orderBy('t.id', 'asc')
    .limit(perPage + 1)
    .execute();
  const page = rows.slice(0, perPage).reverse();
  const last = page[page.length - 1];
  const hasOlder = last
    ? (await older(query, last.id, last.spent_date).limit(1).execute()).length > 0
    : true;
  return {
    rows: await detailsOf(db, accountId, page),
    total,
    hasNewer: rows.length > perPage,
    hasOlder,
  };
}

/** All rate rows of these people, to pick the one in force on each entry's day. */
/**
 * Both kinds of rate an entry is priced with, in one round trip: a person's effective-dated
 * default rates and their per-project rates. One `UNION ALL` of two indexed reads, the second
 * padded to the first's columns.
 */
function pricingRates(db: Kysely<Database>, onlyUser: number | null, userIds: number[]) {
  const userRates = db
    .selectFrom('user_rates as r')
    .select([
      'r.id',
      'r.user_id',
      'r.kind',
      'r.amount_cents',
      'r.start_date',
      'r.created_at',
      'r.updated_at',
      sql<number | null>`null`.as('project_id'),
      sql<string | null>`null`.as('date_to'),
    ]);
  const projectRates = db.selectFrom('project_rates as r').select([
    'r.id',
    'r.user_id',
    // Per-project rates are billable rates; rows are told apart by project_id.
    sql<'billable'>`'billable'`.as('kind'),
    'r.rate_cents as amount_cents',
    'r.date_from as start_date',
    'r.created_at',
    'r.updated_at',
    'r.project_id',
    'r.date_to',
  ]);
  return onlyUser === null
    ? userRates
        .where('r.user_id', 'in', userIds)
        .unionAll(projectRates.where('r.user_id', 'in', userIds))
    : userRates
        .where('r.user_id', '=', onlyUser)
        .unionAll(projectRates.where('r.user_id', '=', onlyUser));
}

const pricingRatesOfOne = compiledOnce((db, args: { userId: number }) =>
  pricingRates(db, args.userId, []),
);

export interface PersonProjectRate {
  id: number;
  user_id: number;
  project_id: number;
  date_from: string;
  date_to: string | null;
  rate_cents: number;
}

/** The rates that price these people's entries: default rates, and per-project rates. */
export async function findPricingRatesOf(
  db: Kysely<Database>,
  userIds: readonly number[],
): Promise<{ userRates: Selectable<UserRatesTable>[]; projectRates: PersonProjectRate[] }> {
  const ids = [...new Set(userIds)];
  const [only] = ids;
  if (only === undefined) return { userRates: [], projectRates: [] };
  const rows =
    ids.length === 1
      ? await pricingRatesOfOne(db, { userId: only })
      : await pricingRates(db, null, ids).execute();
  const userRates: Selectable<UserRatesTable>[] = [];
  const projectRates: PersonProjectRate[] = [];
  for (const row of rows) {
    if (row.project_id === null) {
      const { project_id: _p, date_to: _d, ...rate } = row;
      userRates.push(rate);
    } else {
      projectRates.push({
        id: row.id,
        user_id: row.user_id,
        project_id: row.project_id,
        date_from: row.start_date ?? '',
        date_to: row.date_to,
        rate_cents: row.amount_cents,
      });
    }
  }
  return { userRates, projectRates };
}

type NewTimeEntry = Omit<Selectable<TimeEntriesTable>, 'id'>;

const NEW_ENTRY_COLUMNS = [
  'account_id',
  'user_id',
  'project_id',
  'task_id',
  'spent_date',
  'duration_seconds',
  'timer_started_at',
  'started_time',
  'ended_time',
  'notes',
  'external_reference_id',
  'external_reference_group_id',
  'external_reference_account_id',
  'external_reference_permalink',
  'approval_status',
  'invoice_id',
  'invoice_number',
  'invoice_line_item_id',
  'created_at',
  'updated_at',
  'deleted_at',
] as const satisfies readonly (keyof NewTimeEntry)[];
// Every column, so that a bulk insert's rows are what was sent plus the id (a column added to
// the table and not here fails the typecheck, naming it).
type UnlistedColumn = Exclude<keyof NewTimeEntry, (typeof NEW_ENTRY_COLUMNS)[number]>;
export const EVERY_ENTRY_COLUMN_LISTED: [UnlistedColumn] extends [never] ? true : UnlistedColumn =
  true;

// Every column named, so the insert has one shape and compiles once.
const insertEntry = compiledOnce((db, args: NewTimeEntry) =>
  db
    .insertInto('time_entries')
    .values(
      Object.fromEntries(NEW_ENTRY_COLUMNS.map((column) => [column, args[column]])) as NewTimeEntry,
    )
    .returningAll(),
);

export async function insertTimeEntry(
  db: Kysely<Database>,
  values: Omit<Insertable<TimeEntriesTable>, 'id'>,
): Promise<TimeEntryRow> {
  // A column left out, or given as undefined, is empty (null), as Kysely's own insert reads it.
  const full = Object.fromEntries(
    NEW_ENTRY_COLUMNS.map((column) => [column, values[column] ?? null]),
  ) as NewTimeEntry;
  const [row] = await insertEntry(db, full);
  if (!row) throw new Error('the insert returned no row');
  return row;
}

const insertEntries = compiledForRows((db, rows: NewTimeEntry[]) =>
  db
    .insertInto('time_entries')
    .values(
      rows.map(
        (row) =>
          Object.fromEntries(
            NEW_ENTRY_COLUMNS.map((column) => [column, row[column]]),
          ) as NewTimeEntry,
      ),
    )
    .returning('id'),
);

/**
 * Many entries in one statement (an import's batch), returned in the order given. Ids are
 * handed out in VALUES order within one statement on both databases, while RETURNING's own
 * order is not promised (SQLite says so), hence the sort. Only the ids come back: every
 * column is given, so a row is what was sent plus its id.
 */
export async function insertTimeEntries(
  db: Kysely<Database>,
  values: readonly Omit<Insertable<TimeEntriesTable>, 'id'>[],
): Promise<TimeEntryRow[]> {
  const made: TimeEntryRow[] = [];
  // Twenty parameters a row: 500 rows stay far below both drivers' parameter limits.
  for (let start = 0; start < values.length; start += 500) {
    const chunk = values.slice(start, start + 500);
    const ids = (await insertEntries(db, chunk as NewTimeEntry[]))
      .map((row) => row.id)
      .sort((a, b) => a - b);
    if (ids.length !== chunk.length)
      throw new Error(`inserted ${ids.length} entries for ${chunk.length} rows`);
    chunk.forEach((row, index) => {
      const full = { id: ids[index] } as Record<string, unknown>;
      for (const column of NEW_ENTRY_COLUMNS) full[column] = row[column] ?? null;
      made.push(full as TimeEntryRow);
    });
  }
  return made;
}

export async function updateTimeEntry(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<TimeEntriesTable>,
): Promise<void> {
  await db.updateTable('time_entries').set(changes).where('id', '=', id).execute();
}

/**
 * Serialises timer changes of one person across server processes: concurrent starts queue on
 * the person's row and each sees the timer the previous one started, so none trips the
 * one-running-timer index. SQLite needs no lock (one writer at a time).
 */
export async function lockPersonForTimer(db: Kysely<Database>, userId: number): Promise<void> {
  if (!supportsRowLocks(db)) return;
  await db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

export function findRunningEntry(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('time_entries')
    .selectAll()
    .where('user_id', '=', userId)
    .where('timer_started_at', 'is not', null)
    .executeTakeFirst();
}

/** Whether live time exists for a person, task, or person or task on a project. */
export async function hasTimeEntries(
  db: Kysely<Database>,
  where: { userId?: number; taskId?: number; projectId?: number },
): Promise<boolean> {
  let query = db
    .selectFrom('time_entries')
    .select(sql<number>`1`.as('one'))
    .where('deleted_at', 'is', null);
  if (where.userId !== undefined) query = query.where('user_id', '=', where.userId);
  if (where.taskId !== undefined) query = query.where('task_id', '=', where.taskId);
  if (where.projectId !== undefined) query = query.where('project_id', '=', where.projectId);
  return (await query.limit(1).execute()).length > 0;
}

/** A deleted project's time goes with it, kept as deleted (and its timers stopped). */
/** Soft-deletes a project's live entries; returns them as they were, for their events. */
export async function softDeleteProjectEntries(
  db: Kysely<Database>,
  projectId: number,
  at: number,
) {
  const live = await db
    .selectFrom('time_entries')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  await db
    .updateTable('time_entries')
    .set({ deleted_at: at, updated_at: at, timer_started_at: null })
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .execute();
  return live;
}

/**
 * Whether a timer runs on this project, task or client, or for this person: Harvest refuses
 * to archive any of them then (§5.5), since the timer would become one nobody can stop.
 */
export async function hasRunningTimers(
  db: Kysely<Database>,
  where: { projectId?: number; taskId?: number; userId?: number; clientId?: number },
): Promise<boolean> {
  let query = db
    .selectFrom('time_entries as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select(sql<number>`1`.as('one'))
    .where('t.timer_started_at', 'is not', null)
    .where('t.deleted_at', 'is', null);
  if (where.projectId !== undefined) query = query.where('t.project_id', '=', where.projectId);
  if (where.taskId !== undefined) query = query.where('t.task_id', '=', where.taskId);
  if (where.userId !== undefined) query = query.where('t.user_id', '=', where.userId);
  if (where.clientId !== undefined) query = query.where('p.client_id', '=', where.clientId);
  return (await query.limit(1).execute()).length > 0;
}

/** A person's live entries between two days, for working-hours stats. */
export function findEntriesOfPerson(
  db: Kysely<Database>,
  userId: number,
  from: string,
  to: string,
) {
  return db
    .selectFrom('time_entries')
    .select(['id', 'spent_date', 'duration_seconds', 'timer_started_at', 'project_id', 'task_id'])
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('spent_date', '>=', from)
    .where('spent_date', '<=', to)
    .execute();
}

/**
 * A just-written entry's detail, from the entry and the facts read before writing it, in the
 * shape `detailed` reads (the same columns): no read-back inside the write's transaction.
 */
export function detailOf(row: TimeEntryRow, facts: TrackingFacts): TimeEntryDetail {
  const { found_project_id: projectId, found_task_id: _task, ...joined } = facts;
  if (projectId !== row.project_id || joined.client_id === null) {
    throw new Error(`facts of project ${String(projectId)} do not describe entry ${row.id}`);
  }
  return { ...row, ...joined } as TimeEntryDetail;
}

/** A person's live entries between two days, whole, for changing their approval state. */
export function findFullEntriesOfPerson(
  db: Kysely<Database>,
  userId: number,
  from: string,
  to: string,
): Promise<TimeEntryRow[]> {
  return db
    .selectFrom('time_entries')
    .selectAll()
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('spent_date', '>=', from)
    .where('spent_date', '<=', to)
    .orderBy('id')
    .execute();
}

/** Sets the approval state of a person's live entries between two days. */
export async function setApprovalStatusOfPerson(
  db: Kysely<Database>,
  userId: number,
  from: string,
  to: string,
  status: string,
  at: number,
): Promise<void> {
  await db
    .updateTable('time_entries')
    .set({ approval_status: status, updated_at: at })
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('spent_date', '>=', from)
    .where('spent_date', '<=', to)
    .execute();
}

/** A person's live entries between two days with everything their figures need. */
export function findDetailsOfPerson(
  db: Kysely<Database>,
  accountId: number,
  userId: number,
  from: string,
  to: string,
): Promise<TimeEntryDetail[]> {
  return detailed(db, accountId)
    .where('t.user_id', '=', userId)
    .where('t.spent_date', '>=', from)
    .where('t.spent_date', '<=', to)
    .execute();
}

/**
 * Holds the person an entry belongs to before the entry is read for a change, so that the
 * change is decided on state no week transition or timer change of that person can move
 * underneath it (both take the same row). SQLite needs no lock (one writer at a time).
 */
export async function lockPersonOfEntry(db: Kysely<Database>, entryId: number): Promise<void> {
  if (!supportsRowLocks(db)) return;
  await db
    .selectFrom('users as u')
    .innerJoin('time_entries as t', 't.user_id', 'u.id')
    .select('u.id')
    .where('t.id', '=', entryId)
    // Only the person's row: the entry itself stays free for readers.
    .modifyEnd(sql`for update of u`)
    .execute();
}

/** Live entries on some projects between two days (either may be open), for invoicing. */
export function findDetailsForInvoicing(
  db: Kysely<Database>,
  accountId: number,
  filter: { projectIds?: readonly number[]; from?: string; to?: string },
): Promise<TimeEntryDetail[]> {
  let query = detailed(db, accountId);
  if (filter.projectIds) {
    if (filter.projectIds.length === 0) return Promise.resolve([]);
    query = query.where('t.project_id', 'in', [...filter.projectIds]);
  }
  if (filter.from) query = query.where('t.spent_date', '>=', filter.from);
  if (filter.to) query = query.where('t.spent_date', '<=', filter.to);
  return query.orderBy('t.spent_date').orderBy('t.id').execute();
}

/** Live entries billed on an invoice, or on some of its lines. */
export function findBilledEntries(
  db: Kysely<Database>,
  where: { invoiceId: number } | { lineItemIds: readonly number[] },
): Promise<TimeEntryRow[]> {
  let query = db.selectFrom('time_entries').selectAll().where('deleted_at', 'is', null);
  if ('invoiceId' in where) query = query.where('invoice_id', '=', where.invoiceId);
  else {
    if (where.lineItemIds.length === 0) return Promise.resolve([]);
    query = query.where('invoice_line_item_id', 'in', [...where.lineItemIds]);
  }
  return query.orderBy('id').execute();
}

/** Sets (or clears) the invoice of some entries. */
export async function setInvoiceOfEntries(
  db: Kysely<Database>,
  ids: readonly number[],
  invoice: { id: number; number: string; lineItemId: number } | null,
  at: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('time_entries')
    .set({
      invoice_id: invoice?.id ?? null,
      invoice_number: invoice?.number ?? null,
      invoice_line_item_id: invoice?.lineItemId ?? null,
      updated_at: at,
    })
    .where('id', 'in', [...ids])
    .execute();
}

export function findFullEntriesByIds(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<TimeEntryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('time_entries')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/** Billed entries carry their invoice's number (Harvest's `invoice.number`). */
export async function renumberEntries(
  db: Kysely<Database>,
  invoiceId: number,
  number: string,
): Promise<void> {
  await db
    .updateTable('time_entries')
    .set({ invoice_number: number })
    .where('invoice_id', '=', invoiceId)
    .execute();
}

/** A project's live entries, whole. */
export function findFullEntriesOfProject(
  db: Kysely<Database>,
  projectId: number,
): Promise<TimeEntryRow[]> {
  return db
    .selectFrom('time_entries')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
}
