import type { AccountRow } from './accounts.repository.ts';
import type { HarvestCompany } from './accounts.schemas.ts';

export function presentHarvestCompany(account: AccountRow, publicUrl: string): HarvestCompany {
  return {
    base_uri: publicUrl,
    full_domain: new URL(publicUrl).host,
    name: account.name,
    is_active: account.is_active === 1,
    week_start_day: account.week_start_day,
    wants_timestamp_timers: account.wants_timestamp_timers === 1,
    time_format: account.time_format,
    date_format: account.date_format,
    plan_type: account.plan_type,
    clock: account.clock,
    currency_code_display: account.currency_code_display,
    currency_symbol_display: account.currency_symbol_display,
    decimal_symbol: account.decimal_symbol,
    thousands_separator: account.thousands_separator,
    color_scheme: account.color_scheme,
    weekly_capacity: account.weekly_capacity,
    expense_feature: account.expense_feature === 1,
    invoice_feature: account.invoice_feature === 1,
    estimate_feature: account.estimate_feature === 1,
    approval_feature: account.approval_feature === 1,
    team_feature: account.team_feature === 1,
    currency: account.currency,
    x_timezone: account.timezone,
    x_time_rounding: account.time_rounding_mode,
    x_time_rounding_minutes: account.time_rounding_minutes,
  };
}
