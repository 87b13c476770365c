import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { localDate } from '../../../shared/dates.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { Actor } from '../auth/auth.rules.ts';
import { seesBillableRates } from '../users/users.rules.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { EventsService } from '../events/events.service.ts';
import { eventActorOf } from '../events/events.rules.ts';
import {
  BLANK_NAME,
  groupingProblems,
  periodProblems,
  resolveRange,
  type ReportDefinition,
} from './report-definition.rules.ts';
import { definitionRefused, REPORT_ERRORS } from './reports.errors.ts';
import {
  deleteSavedReport,
  findSavedReport,
  findShareByHash,
  insertSavedReport,
  insertShare,
  listSavedReports,
  listShares,
  revokeShare,
  updateSavedReport,
} from './saved-reports.repository.ts';

export interface SavedReport {
  id: number;
  name: string;
  definition: ReportDefinition;
  createdAt: number;
  updatedAt: number;
}

export interface ReportShare {
  id: number;
  savedReportId: number;
  showsAmounts: boolean;
  expiresAt: number;
  revokedAt: number | null;
  createdAt: number;
}

/** What a share link opens: the report as its owner sees it, read-only. */
export interface OpenedShare {
  name: string;
  definition: ReportDefinition;
  owner: Actor;
  showsAmounts: boolean;
  expiresAt: number;
}

/** A share link lasts at most a year; a week unless asked otherwise. */
export const MAX_SHARE_DAYS = 366;
export const DEFAULT_SHARE_DAYS = 7;

export interface SavedReportsService {
  list(actor: Actor): Promise<SavedReport[]>;
  get(actor: Actor, id: number): Promise<SavedReport>;
  create(actor: Actor, input: { name: string; definition: ReportDefinition }): Promise<SavedReport>;
  update(
    actor: Actor,
    id: number,
    input: { name?: string; definition?: ReportDefinition },
  ): Promise<SavedReport>;
  delete(actor: Actor, id: number): Promise<SavedReport>;
  shares(actor: Actor, id: number): Promise<ReportShare[]>;
  share(
    actor: Actor,
    id: number,
    input: { days?: number; showsAmounts?: boolean },
  ): Promise<{ share: ReportShare; token: string }>;
  revoke(actor: Actor, id: number, shareId: number): Promise<ReportShare>;
  /** Opens a share link; refuses one that never was, was revoked, expired, or lost its owner. */
  open(token: string): Promise<OpenedShare>;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

const notFound = () =>
  new DomainError('not_found', REPORT_ERRORS.savedNotFound, 'saved report not found');
const shareNotFound = () =>
  new DomainError(
    'not_found',
    REPORT_ERRORS.shareNotFound,
    'This link does not open a report: it was never made, was revoked, or has expired.',
  );

function present(row: {
  id: number;
  name: string;
  definition: string;
  created_at: number;
  updated_at: number;
}): SavedReport {
  return {
    id: row.id,
    name: row.name,
    definition: JSON.parse(row.definition) as ReportDefinition,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function presentShare(row: {
  id: number;
  saved_report_id: number;
  shows_amounts: number;
  expires_at: number;
  revoked_at: number | null;
  created_at: number;
}): ReportShare {
  return {
    id: row.id,
    savedReportId: row.saved_report_id,
    showsAmounts: row.shows_amounts === 1,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}

export function createSavedReportsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  auth: AuthService;
}): SavedReportsService {
  const { db, clock, events, auth } = deps;

  /** A definition is saved only if it can be run: relative periods are checked as of today. */
  function check(actor: Actor, definition: ReportDefinition, name?: string) {
    const today = localDate(clock.now(), actor.settings.timezone);
    const range = resolveRange(definition, today, actor.settings.weekStartDay);
    const problems = [
      ...('problems' in range ? range.problems : []),
      ...groupingProblems(definition.groupBy),
      ...periodProblems(definition),
      ...(name !== undefined && name.trim() === '' ? [BLANK_NAME] : []),
    ];
    if (problems.length > 0) throw definitionRefused(problems);
  }

  async function own(actor: Actor, id: number, conn: Kysely<Database> = db) {
    const row = await findSavedReport(conn, actor.userId, id);
    if (!row || row.account_id !== actor.accountId) throw notFound();
    return row;
  }

  const snapshot = (report: SavedReport) => ({
    id: report.id,
    name: report.name,
    definition: report.definition,
  });

  return {
    async list(actor) {
      return (await listSavedReports(db, actor.userId)).map(present);
    },

    async get(actor, id) {
      return present(await own(actor, id));
    },

    async create(actor, input) {
      check(actor, input.definition, input.name);
      const at = clock.now().getTime();
      return db.transaction().execute(async (tx) => {
        const report = present(
          await insertSavedReport(tx, {
            account_id: actor.accountId,
            user_id: actor.userId,
            name: input.name.trim(),
            definition: JSON.stringify(input.definition),
            created_at: at,
            updated_at: at,
          }),
        );
        await events.record(tx, eventActorOf(actor), {
          type: 'saved_report.created',
          entityId: report.id,
          userId: actor.userId,
          before: null,
          after: snapshot(report),
        });
        return report;
      });
    },

    async update(actor, id, input) {
      if (input.definition) check(actor, input.definition, input.name);
      else if (input.name !== undefined && input.name.trim() === '')
        throw definitionRefused([BLANK_NAME]);
      return db.transaction().execute(async (tx) => {
        const before = present(await own(actor, id, tx));
        const report = present(
          await updateSavedReport(tx, id, {
            ...(input.name === undefined ? {} : { name: input.name.trim() }),
            ...(input.definition ? { definition: JSON.stringify(input.definition) } : {}),
            updated_at: clock.now().getTime(),
          }),
        );
        await events.record(tx, eventActorOf(actor), {
          type: 'saved_report.updated',
          entityId: id,
          userId: actor.userId,
          before: snapshot(before),
          after: snapshot(report),
        });
        return report;
      });
    },

    async delete(actor, id) {
      return db.transaction().execute(async (tx) => {
        const report = present(await own(actor, id, tx));
        await deleteSavedReport(tx, id);
        await events.record(tx, eventActorOf(actor), {
          type: 'saved_report.deleted',
          entityId: id,
          userId: actor.userId,
          before: snapshot(report),
          after: null,
        });
        return report;
      });
    },

    async shares(actor, id) {
      await own(actor, id);
      return (await listShares(db, id)).map(presentShare);
    },

    async share(actor, id, input) {
      const days = input.days ?? DEFAULT_SHARE_DAYS;
      const at = clock.now().getTime();
      // 32 random bytes: the link is its own secret; only its hash is kept.
      const token = randomBytes(32).toString('base64url');
      return db.transaction().execute(async (tx) => {
        await own(actor, id, tx);
        const share = presentShare(
          await insertShare(tx, {
            account_id: actor.accountId,
            saved_report_id: id,
            token_hash: hashOf(token),
            // A link shows no more than its maker may see: a member's never shows money.
            shows_amounts: input.showsAmounts && seesBillableRates(actor) ? 1 : 0,
            expires_at: at + days * 86_400_000,
            created_by: actor.userId,
            created_at: at,
          }),
        );
        await events.record(tx, eventActorOf(actor), {
          type: 'report_share.created',
          entityId: share.id,
          userId: actor.userId,
          before: null,
          after: {
            savedReportId: id,
            showsAmounts: share.showsAmounts,
            expiresAt: share.expiresAt,
          },
        });
        return { share, token };
      });
    },

    async revoke(actor, id, shareId) {
      return db.transaction().execute(async (tx) => {
        await own(actor, id, tx);
        const row = await revokeShare(tx, id, shareId, clock.now().getTime());
        if (!row) throw shareNotFound();
        const share = presentShare(row);
        await events.record(tx, eventActorOf(actor), {
          type: 'report_share.revoked',
          entityId: shareId,
          userId: actor.userId,
          before: { savedReportId: id, revokedAt: null },
          after: { savedReportId: id, revokedAt: share.revokedAt },
        });
        return share;
      });
    },

    async open(token) {
      if (token.length < 20 || token.length > 100) throw shareNotFound();
      const row = await findShareByHash(db, hashOf(token));
      if (!row || row.revoked_at !== null || row.expires_at <= clock.now().getTime())
        throw shareNotFound();
      // The link reads as its owner would, today: an owner gone or archived closes it.
      const owner = await auth.actorOfPerson(row.user_id, { kind: 'share', shareId: row.id });
      if (!owner || owner.accountId !== row.account_id) throw shareNotFound();
      return {
        name: row.name,
        definition: JSON.parse(row.definition) as ReportDefinition,
        owner,
        showsAmounts: row.shows_amounts === 1,
        expiresAt: row.expires_at,
      };
    },
  };
}
