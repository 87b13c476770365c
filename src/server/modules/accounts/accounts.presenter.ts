import type { Account } from './account.rules.ts';
import type { HarvestCompany } from './accounts.schemas.ts';

export function presentHarvestCompany(account: Account, publicUrl: string): HarvestCompany {
  return {
    base_uri: publicUrl,
    full_domain: new URL(publicUrl).host,
    name: account.name,
    is_active: account.isActive,
    week_start_day: account.weekStartDay,
    wants_timestamp_timers: account.wantsTimestampTimers,
    time_format: account.timeFormat,
    date_format: account.dateFormat,
    plan_type: account.planType,
    clock: account.clock,
    currency_code_display: account.currencyCodeDisplay,
    currency_symbol_display: account.currencySymbolDisplay,
    decimal_symbol: account.decimalSymbol,
    thousands_separator: account.thousandsSeparator,
    color_scheme: account.colorScheme,
    weekly_capacity: account.weeklyCapacitySeconds,
    expense_feature: account.expenseFeature,
    invoice_feature: account.invoiceFeature,
    estimate_feature: account.estimateFeature,
    approval_feature: account.approvalFeature,
    team_feature: account.teamFeature,
    currency: account.currency,
    x_timezone: account.timezone,
    x_time_rounding: account.timeRoundingMode,
    x_time_rounding_minutes: account.timeRoundingMinutes,
  };
}
