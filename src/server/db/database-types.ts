import type { Generated } from 'kysely';

/**
 * Storage conventions (ADR 0003): ids are integers; instants are epoch milliseconds (UTC) in a
 * 64-bit integer; calendar dates are 'YYYY-MM-DD' text; booleans are 0/1 integers; money is
 * integer hundredths of the currency unit; durations are integer seconds.
 */
export type DbBool = 0 | 1;
export type EpochMs = number;

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  timezone: string;
  week_start_day: string;
  currency: string;
  clock: string;
  wants_timestamp_timers: DbBool;
  time_format: string;
  date_format: string;
  decimal_symbol: string;
  thousands_separator: string;
  currency_code_display: string;
  currency_symbol_display: string;
  color_scheme: string;
  weekly_capacity: number;
  time_rounding_mode: string;
  time_rounding_minutes: number;
  approval_feature: DbBool;
  expense_feature: DbBool;
  invoice_feature: DbBool;
  estimate_feature: DbBool;
  team_feature: DbBool;
  plan_type: string;
  is_active: DbBool;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface IdentitiesTable {
  id: Generated<number>;
  email: string;
  password_hash: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface UsersTable {
  id: Generated<number>;
  account_id: number;
  identity_id: number | null;
  first_name: string;
  last_name: string;
  email: string;
  telephone: string;
  timezone: string;
  has_access_to_all_future_projects: DbBool;
  is_contractor: DbBool;
  is_active: DbBool;
  weekly_capacity: number;
  access_level: string;
  manager_permissions: string;
  avatar_url: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface UserRatesTable {
  id: Generated<number>;
  user_id: number;
  kind: 'billable' | 'cost';
  amount_cents: number;
  start_date: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface RolesTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface RoleUsersTable {
  role_id: number;
  user_id: number;
}

export interface PersonalAccessTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  token_hint: string;
  created_at: EpochMs;
  last_used_at: EpochMs | null;
  expires_at: EpochMs | null;
  revoked_at: EpochMs | null;
}

export interface Database {
  accounts: AccountsTable;
  identities: IdentitiesTable;
  users: UsersTable;
  user_rates: UserRatesTable;
  roles: RolesTable;
  role_users: RoleUsersTable;
  personal_access_tokens: PersonalAccessTokensTable;
}
