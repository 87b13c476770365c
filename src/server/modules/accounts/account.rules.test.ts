import { describe, expect, it } from 'vitest';
import type { AccountRow } from './accounts.repository.ts';
import { accountOf } from './account.rules.ts';

describe('accountOf', () => {
  it('reads the settings in camelCase, flags as booleans', () => {
    const row: AccountRow = {
      id: 1,
      name: 'Analytical Engines',
      timezone: 'Europe/London',
      week_start_day: 'Monday',
      currency: 'GBP',
      clock: '24h',
      wants_timestamp_timers: 1,
      time_format: 'hours_minutes',
      date_format: '%Y-%m-%d',
      decimal_symbol: '.',
      thousands_separator: ',',
      currency_code_display: 'iso_code_none',
      currency_symbol_display: 'symbol_before',
      color_scheme: 'orange',
      weekly_capacity: 126_000,
      time_rounding_mode: 'up',
      time_rounding_minutes: 15,
      approval_feature: 1,
      expense_feature: 0,
      invoice_feature: 1,
      estimate_feature: 0,
      team_feature: 1,
      lock_date: '2026-01-31',
      auto_lock_days: null,
      plan_type: 'business',
      is_active: 1,
      created_at: 10,
      updated_at: 20,
    };
    expect(accountOf(row)).toMatchObject({
      weekStartDay: 'Monday',
      wantsTimestampTimers: true,
      weeklyCapacitySeconds: 126_000,
      approvalFeature: true,
      expenseFeature: false,
      lockDate: '2026-01-31',
      autoLockDays: null,
      isActive: true,
    });
  });
});
