import type { AccountRow } from './accounts.repository.ts';

/** An account's settings as the core hands them to every door: camelCase, flags as booleans. */
export interface Account {
  id: number;
  name: string;
  isActive: boolean;
  /** IANA zone: the account's days begin and end there. */
  timezone: string;
  weekStartDay: string;
  currency: string;
  /** `12h` or `24h`. */
  clock: string;
  timeFormat: string;
  dateFormat: string;
  decimalSymbol: string;
  thousandsSeparator: string;
  currencyCodeDisplay: string;
  currencySymbolDisplay: string;
  colorScheme: string;
  weeklyCapacitySeconds: number;
  wantsTimestampTimers: boolean;
  timeRoundingMode: string;
  timeRoundingMinutes: number;
  approvalFeature: boolean;
  expenseFeature: boolean;
  invoiceFeature: boolean;
  estimateFeature: boolean;
  teamFeature: boolean;
  /** Nothing on or before this day may change (locked periods). */
  lockDate: string | null;
  /** A week locks this many days after it ends; null when weeks never lock by themselves. */
  autoLockDays: number | null;
  planType: string;
  createdAt: number;
  updatedAt: number;
}

export function accountOf(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    isActive: row.is_active === 1,
    timezone: row.timezone,
    weekStartDay: row.week_start_day,
    currency: row.currency,
    clock: row.clock,
    timeFormat: row.time_format,
    dateFormat: row.date_format,
    decimalSymbol: row.decimal_symbol,
    thousandsSeparator: row.thousands_separator,
    currencyCodeDisplay: row.currency_code_display,
    currencySymbolDisplay: row.currency_symbol_display,
    colorScheme: row.color_scheme,
    weeklyCapacitySeconds: row.weekly_capacity,
    wantsTimestampTimers: row.wants_timestamp_timers === 1,
    timeRoundingMode: row.time_rounding_mode,
    timeRoundingMinutes: row.time_rounding_minutes,
    approvalFeature: row.approval_feature === 1,
    expenseFeature: row.expense_feature === 1,
    invoiceFeature: row.invoice_feature === 1,
    estimateFeature: row.estimate_feature === 1,
    teamFeature: row.team_feature === 1,
    lockDate: row.lock_date,
    autoLockDays: row.auto_lock_days,
    planType: row.plan_type,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
