import { describe, expect, it } from 'vitest';
import { assertHarvestSchema, harvestSpecAvailable } from './harvest-openapi.ts';

// The checker must be able to fail, or every test that relies on it proves nothing.
describe.skipIf(!harvestSpecAvailable)('assertHarvestSchema', () => {
  const company = {
    base_uri: 'https://x.test',
    full_domain: 'x.test',
    name: 'X',
    is_active: true,
    week_start_day: 'Monday',
    wants_timestamp_timers: false,
    time_format: 'decimal',
    date_format: '%Y-%m-%d',
    plan_type: 'free',
    clock: '24h',
    currency_code_display: 'iso_code_none',
    currency_symbol_display: 'symbol_before',
    decimal_symbol: '.',
    thousands_separator: ',',
    color_scheme: 'orange',
    weekly_capacity: 126000,
    expense_feature: false,
    invoice_feature: true,
    estimate_feature: false,
    approval_feature: true,
    team_feature: true,
  };

  it('accepts a complete company', () => {
    expect(() => assertHarvestSchema('retrieveCompany', 200, company)).not.toThrow();
  });

  it('rejects a wrong type', () => {
    expect(() =>
      assertHarvestSchema('retrieveCompany', 200, { ...company, weekly_capacity: '126000' }),
    ).toThrow(/weekly_capacity/);
  });

  it('rejects a missing documented key', () => {
    const { clock: _clock, ...withoutClock } = company;
    expect(() => assertHarvestSchema('retrieveCompany', 200, withoutClock)).toThrow(
      /missing .clock/,
    );
  });

  it('rejects null for a field Harvest always fills', () => {
    expect(() => assertHarvestSchema('retrieveCompany', 200, { ...company, name: null })).toThrow(
      /\/name/,
    );
  });

  it('accepts null for a field Harvest leaves empty, and only there', () => {
    const user = {
      id: 1,
      first_name: 'A',
      last_name: 'B',
      email: 'a@example.com',
      telephone: '',
      timezone: 'UTC',
      has_access_to_all_future_projects: false,
      is_contractor: false,
      is_active: true,
      weekly_capacity: 126000,
      default_hourly_rate: null,
      cost_rate: null,
      roles: [],
      access_roles: ['member'],
      avatar_url: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    };
    expect(() => {
      assertHarvestSchema('retrieveTheCurrentlyAuthenticatedUser', 200, user);
    }).not.toThrow();
    expect(() => {
      assertHarvestSchema('retrieveTheCurrentlyAuthenticatedUser', 200, { ...user, email: null });
    }).toThrow(/\/email/);
  });

  it('refuses an operation the spec does not have', () => {
    expect(() => assertHarvestSchema('noSuchOperation', 200, {})).toThrow(/not in the Harvest/);
  });
});
