import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { toBit } from '../../shared/bits.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, notFound } from '../../shared/domain-error.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import { findAccountById, updateAccount, type AccountChanges } from './accounts.repository.ts';
import { normalizeTimeZone } from './accounts.rules.ts';
import { ACCOUNT_ERRORS } from './accounts.errors.ts';
import { eventActorOf, rowSnapshot } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { PeriodsService } from '../approvals/approvals.service.ts';
import { currencyCode } from '../../shared/money.ts';
import { createAccountsDirectory, type AccountsDirectory } from './accounts-directory.service.ts';
import { accountOf, type Account } from './account.rules.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

export interface AccountsService extends Pick<AccountsDirectory, 'accountIn'> {
  getCompany(actor: Actor): Promise<Account>;
  updateCompany(actor: Actor, command: UpdateAccountSettings): Promise<Account>;
}

/** Changes to the account's settings: a field left out stays as it is. */
export interface UpdateAccountSettings {
  name?: string;
  /** IANA or Harvest (Rails) zone name. */
  timezone?: string;
  weekStartDay?: string;
  currency?: string;
  clock?: string;
  wantsTimestampTimers?: boolean;
  timeFormat?: string;
  dateFormat?: string;
  decimalSymbol?: string;
  thousandsSeparator?: string;
  currencyCodeDisplay?: string;
  currencySymbolDisplay?: string;
  colorScheme?: string;
  weeklyCapacity?: number;
  timeRoundingMode?: string;
  timeRoundingMinutes?: number;
  approvalFeature?: boolean;
  expenseFeature?: boolean;
  invoiceFeature?: boolean;
  estimateFeature?: boolean;
  teamFeature?: boolean;
  /** Nothing on or before this day may change; null removes the lock date. */
  lockDate?: string | null;
  /** A week locks this many days after it ends; null: weeks never lock by themselves. */
  autoLockDays?: number | null;
}

export function createAccountsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  periods: Pick<PeriodsService, 'weeksInWorkflow'>;
}): AccountsService {
  const { db, clock, events, periods } = deps;
  return {
    accountIn: createAccountsDirectory().accountIn,

    async getCompany(actor) {
      const account = await findAccountById(db, actor.accountId);
      if (!account) throw notFound('company');
      return accountOf(account);
    },

    async updateCompany(actor, command) {
      if (!isAdministrator(actor))
        throw forbidden(COMMON_ERRORS.administratorsOnly, { what: 'company' });
      if (command.name?.trim() === '') throw invalid(ACCOUNT_ERRORS.nameBlank);
      let timezone: string | undefined;
      if (command.timezone !== undefined) {
        timezone = normalizeTimeZone(command.timezone) ?? undefined;
        if (!timezone) {
          throw invalid(ACCOUNT_ERRORS.unknownTimeZone);
        }
      }
      const changes: Record<string, string | number | null | undefined> = {
        name: command.name?.trim(),
        timezone,
        week_start_day: command.weekStartDay,
        currency: command.currency === undefined ? undefined : currencyCode(command.currency),
        clock: command.clock,
        wants_timestamp_timers: toBit(command.wantsTimestampTimers),
        time_format: command.timeFormat,
        date_format: command.dateFormat,
        decimal_symbol: command.decimalSymbol,
        thousands_separator: command.thousandsSeparator,
        currency_code_display: command.currencyCodeDisplay,
        currency_symbol_display: command.currencySymbolDisplay,
        color_scheme: command.colorScheme,
        weekly_capacity: command.weeklyCapacity,
        time_rounding_mode: command.timeRoundingMode,
        time_rounding_minutes: command.timeRoundingMinutes,
        approval_feature: toBit(command.approvalFeature),
        expense_feature: toBit(command.expenseFeature),
        invoice_feature: toBit(command.invoiceFeature),
        estimate_feature: toBit(command.estimateFeature),
        team_feature: toBit(command.teamFeature),
        lock_date: command.lockDate,
        auto_lock_days: command.autoLockDays,
      };
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      ) as AccountChanges;
      if (Object.keys(defined).length === 0) return this.getCompany(actor);
      return db.transaction().execute(async (tx) => {
        const before = await findAccountById(tx, actor.accountId);
        if (
          defined.week_start_day !== undefined &&
          defined.week_start_day !== before?.week_start_day &&
          (await periods.weeksInWorkflow(tx, actor.accountId)) > 0
        ) {
          // Submitted and approved weeks are the account's weeks: moving the start would put
          // days of an approved week in an open one.
          throw invalid(ACCOUNT_ERRORS.weeksInWorkflow);
        }
        const after = await updateAccount(tx, actor.accountId, {
          ...defined,
          updated_at: clock.now().getTime(),
        });
        await events.record(tx, eventActorOf(actor), {
          type: 'account.updated',
          entityId: actor.accountId,
          before: before ? rowSnapshot(before) : null,
          after: rowSnapshot(after),
        });
        return accountOf(after);
      });
    },
  };
}
