import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { toBit } from '../../shared/bits.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, notFound } from '../../shared/domain-error.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import {
  findAccountById,
  updateAccount,
  type AccountChanges,
  type AccountRow,
} from './accounts.repository.ts';
import { normalizeTimeZone } from './accounts.rules.ts';
import type { UpdateCompanyBody } from './accounts.schemas.ts';
import { currencyCode } from '../../shared/money.ts';

export interface AccountsService {
  getCompany(actor: Actor): Promise<AccountRow>;
  updateCompany(actor: Actor, changes: UpdateCompanyBody): Promise<AccountRow>;
}

export function createAccountsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
}): AccountsService {
  const { db, clock } = deps;
  return {
    async getCompany(actor) {
      const account = await findAccountById(db, actor.accountId);
      if (!account) throw notFound('company');
      return account;
    },

    async updateCompany(actor, body) {
      if (!isAdministrator(actor)) throw forbidden('Only administrators can update the company');
      if (body.name?.trim() === '') throw invalid(["Name can't be blank"]);
      let timezone: string | undefined;
      if (body.x_timezone !== undefined) {
        timezone = normalizeTimeZone(body.x_timezone) ?? undefined;
        if (!timezone) throw invalid(['X timezone is not a known time zone']);
      }
      const changes: Record<string, string | number | undefined> = {
        name: body.name?.trim(),
        timezone,
        week_start_day: body.week_start_day,
        currency: body.currency === undefined ? undefined : currencyCode(body.currency),
        clock: body.clock,
        wants_timestamp_timers: toBit(body.wants_timestamp_timers),
        time_format: body.time_format,
        date_format: body.date_format,
        decimal_symbol: body.decimal_symbol,
        thousands_separator: body.thousands_separator,
        currency_code_display: body.currency_code_display,
        currency_symbol_display: body.currency_symbol_display,
        color_scheme: body.color_scheme,
        weekly_capacity: body.weekly_capacity,
        time_rounding_mode: body.x_time_rounding,
        time_rounding_minutes: body.x_time_rounding_minutes,
        approval_feature: toBit(body.approval_feature),
        expense_feature: toBit(body.expense_feature),
        invoice_feature: toBit(body.invoice_feature),
        estimate_feature: toBit(body.estimate_feature),
        team_feature: toBit(body.team_feature),
      };
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      ) as AccountChanges;
      if (Object.keys(defined).length === 0) return this.getCompany(actor);
      return updateAccount(db, actor.accountId, { ...defined, updated_at: clock.now().getTime() });
    },
  };
}
