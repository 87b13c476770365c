import type { Kysely } from 'kysely';
import type { MigrationDialect } from './schema-helpers.ts';
import * as foundation from './2026-11-22T00-00-00_foundation.ts';
import * as catalog from './2026-11-22T01-00-00_catalog.ts';
import * as idempotencyKeys from './2026-11-22T03-00-00_idempotency-keys.ts';
import * as serverSecrets from './2026-11-22T04-00-00_server-secrets.ts';
import * as timeEntries from './2026-11-22T02-00-00_time-entries.ts';
import * as employees from './2026-11-22T05-00-00_employees.ts';
import * as liveTimeEntryIndexes from './2026-11-22T06-00-00_live-time-entry-indexes.ts';
import * as reportTotalsIndex from './2026-11-22T07-00-00_report-totals-index.ts';
import * as invitations from './2026-12-04T00-00-00_invitations.ts';
import * as events from './2026-12-05T00-00-00_events.ts';
import * as sessions from './2026-12-05T01-00-00_sessions.ts';
import * as firstRun from './2026-12-06T00-00-00_first-run.ts';
import * as approvals from './2026-12-07T00-00-00_approvals.ts';
import * as invoices from './2026-12-07T01-00-00_invoices.ts';
import * as reportsAndBudgets from './2026-12-08T00-00-00_reports-and-budgets.ts';
import * as webhooks from './2026-12-09T00-00-00_webhooks.ts';
import * as eventDoors from './2026-12-10T00-00-00_event-doors.ts';
import * as imports from './2026-12-11T00-00-00_imports.ts';

export interface PunchMigration {
  up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void>;
  down?(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void>;
}

/**
 * Listed explicitly (not read from the folder) so the set is the same under tsx, a bundler or
 * tests. Names are ISO timestamps; Kysely applies them in name order.
 */
export const migrations: Record<string, PunchMigration> = {
  '2026-11-22T00-00-00_foundation': foundation,
  '2026-11-22T01-00-00_catalog': catalog,
  '2026-11-22T02-00-00_time-entries': timeEntries,
  '2026-11-22T03-00-00_idempotency-keys': idempotencyKeys,
  '2026-11-22T04-00-00_server-secrets': serverSecrets,
  '2026-11-22T05-00-00_employees': employees,
  '2026-11-22T06-00-00_live-time-entry-indexes': liveTimeEntryIndexes,
  '2026-11-22T07-00-00_report-totals-index': reportTotalsIndex,
  '2026-12-04T00-00-00_invitations': invitations,
  '2026-12-05T00-00-00_events': events,
  '2026-12-05T01-00-00_sessions': sessions,
  '2026-12-06T00-00-00_first-run': firstRun,
  '2026-12-07T00-00-00_approvals': approvals,
  '2026-12-07T01-00-00_invoices': invoices,
  '2026-12-08T00-00-00_reports-and-budgets': reportsAndBudgets,
  '2026-12-09T00-00-00_webhooks': webhooks,
  '2026-12-10T00-00-00_event-doors': eventDoors,
  '2026-12-11T00-00-00_imports': imports,
};
