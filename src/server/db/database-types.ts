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
  /** Nothing on or before this day may change (locked periods). */
  lock_date: string | null;
  /** A week locks this many days after it ends; null when weeks never lock by themselves. */
  auto_lock_days: number | null;
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
  contact_email: string | null;
  default_project_id: number | null;
  /** The web app's language for this person; null follows the browser. */
  locale: Generated<string | null>;
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

export interface Database extends CatalogTables {
  accounts: AccountsTable;
  identities: IdentitiesTable;
  users: UsersTable;
  user_rates: UserRatesTable;
  roles: RolesTable;
  role_users: RoleUsersTable;
  personal_access_tokens: PersonalAccessTokensTable;
}

export interface ClientsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  is_active: DbBool;
  address: string | null;
  statement_key: string;
  currency: string;
  created_at: EpochMs;
  updated_at: EpochMs;
  deleted_at: EpochMs | null;
}

export interface TasksTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  billable_by_default: DbBool;
  default_hourly_rate_cents: number | null;
  is_default: DbBool;
  is_active: DbBool;
  created_at: EpochMs;
  updated_at: EpochMs;
  deleted_at: EpochMs | null;
}

export interface ProjectsTable {
  id: Generated<number>;
  account_id: number;
  client_id: number;
  name: string;
  code: string | null;
  is_active: DbBool;
  is_billable: DbBool;
  is_fixed_fee: DbBool;
  bill_by: string;
  hourly_rate_cents: number | null;
  budget_hundredths: number | null;
  budget_by: string;
  budget_is_monthly: DbBool;
  notify_when_over_budget: DbBool;
  over_budget_notification_percentage: number;
  over_budget_notification_date: string | null;
  show_budget_to_all: DbBool;
  cost_budget_cents: number | null;
  cost_budget_include_expenses: DbBool;
  fee_cents: number | null;
  notes: string | null;
  starts_on: string | null;
  ends_on: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
  deleted_at: EpochMs | null;
}

export interface UserAssignmentsTable {
  id: Generated<number>;
  account_id: number;
  project_id: number;
  user_id: number;
  is_active: DbBool;
  is_project_manager: DbBool;
  use_default_rates: DbBool;
  hourly_rate_cents: number | null;
  budget_hundredths: number | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface TaskAssignmentsTable {
  id: Generated<number>;
  account_id: number;
  project_id: number;
  task_id: number;
  is_active: DbBool;
  billable: DbBool;
  hourly_rate_cents: number | null;
  budget_hundredths: number | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface TeammatesTable {
  manager_id: number;
  teammate_id: number;
}

export interface TimeEntriesTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  project_id: number;
  task_id: number | null;
  spent_date: string;
  duration_seconds: number;
  timer_started_at: EpochMs | null;
  started_time: number | null;
  ended_time: number | null;
  notes: string | null;
  external_reference_id: string | null;
  external_reference_group_id: string | null;
  external_reference_account_id: string | null;
  external_reference_permalink: string | null;
  approval_status: string;
  invoice_id: number | null;
  invoice_number: string | null;
  /** The invoice line the entry is billed on (deleting the line un-bills it). */
  invoice_line_item_id: number | null;
  created_at: EpochMs;
  updated_at: EpochMs;
  deleted_at: EpochMs | null;
}

export interface IdempotencyKeysTable {
  id: Generated<number>;
  token_id: number;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  location: string | null;
  created_at: EpochMs;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: EpochMs;
}

export interface ProjectRatesTable {
  id: Generated<number>;
  user_id: number;
  project_id: number;
  position: string;
  rate_cents: number;
  date_from: string;
  date_to: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface EmployeeDocumentsTable {
  id: Generated<number>;
  user_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  created_at: EpochMs;
}

/** A one-time invitation to a person; the login is chosen when it is accepted (ADR 0011). */
export interface InvitationsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: EpochMs;
  expires_at: EpochMs;
  accepted_at: EpochMs | null;
}

export interface EventsTable {
  id: Generated<number>;
  account_id: number;
  type: string;
  entity_type: string;
  entity_id: number;
  user_id: number | null;
  project_id: number | null;
  actor_user_id: number | null;
  actor_credential: string;
  /** Null for events recorded before doors were (2026-12-10). */
  door: string | null;
  occurred_at: EpochMs;
  before_json: string | null;
  after_json: string | null;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  identity_id: number;
  user_id: number;
  csrf_secret: string;
  user_agent: string | null;
  address: string | null;
  created_at: EpochMs;
  last_seen_at: EpochMs;
  expires_at: EpochMs;
  revoked_at: EpochMs | null;
}

export interface SetupCodesTable {
  id: Generated<number>;
  code_hash: string;
  created_at: EpochMs;
  expires_at: EpochMs;
}

/** Invoice money: minor units of `currency`; percentages in thousandths of a percent. */
export interface InvoicesTable {
  id: Generated<number>;
  account_id: number;
  client_id: number;
  creator_id: number | null;
  client_key: string;
  number: string;
  purchase_order: string | null;
  subject: string | null;
  notes: string | null;
  currency: string;
  state: string;
  tax_thousandths: number | null;
  tax2_thousandths: number | null;
  discount_thousandths: number | null;
  period_start: string | null;
  period_end: string | null;
  issue_date: string;
  due_date: string;
  payment_term: string;
  sent_at: EpochMs | null;
  paid_at: EpochMs | null;
  paid_date: string | null;
  closed_at: EpochMs | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface InvoiceLineItemsTable {
  id: Generated<number>;
  invoice_id: number;
  project_id: number | null;
  kind: string;
  description: string;
  quantity_thousandths: number;
  unit_price_minor: number;
  amount_minor: number;
  taxed: DbBool;
  taxed2: DbBool;
  position: number;
}

export interface InvoicePaymentsTable {
  id: Generated<number>;
  invoice_id: number;
  amount_minor: number;
  paid_at: EpochMs;
  paid_date: string;
  recorded_by: number | null;
  notes: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface InvoiceMessagesTable {
  id: Generated<number>;
  invoice_id: number;
  sent_by: number | null;
  event_type: string | null;
  recipients_json: string;
  subject: string | null;
  body: string | null;
  attach_pdf: DbBool;
  send_me_a_copy: DbBool;
  thank_you: DbBool;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** A person's week in the approval workflow; no row means never submitted nor unlocked. */
export interface TimesheetWeeksTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  week_start: string;
  status: string;
  submitted_at: EpochMs | null;
  submitted_by: number | null;
  decided_at: EpochMs | null;
  decided_by: number | null;
  rejection_reason: string | null;
  unlocked_until: EpochMs | null;
  unlocked_by: number | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface SavedReportsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  name: string;
  /** The report definition, as JSON. */
  definition: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface ReportSharesTable {
  id: Generated<number>;
  account_id: number;
  saved_report_id: number;
  /** SHA-256 of the link's token, hex: the token itself is shown once and never stored. */
  token_hash: string;
  shows_amounts: DbBool;
  expires_at: EpochMs;
  revoked_at: EpochMs | null;
  created_by: number;
  created_at: EpochMs;
}

export interface BudgetStatesTable {
  project_id: number;
  account_id: number;
  period: string;
  level: number;
  runs_out_on: string | null;
  updated_at: EpochMs;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  scope: string;
  key: string;
  failed_at: EpochMs;
}

export interface WebhooksTable {
  id: Generated<number>;
  account_id: number;
  url: string;
  description: string;
  events: string;
  secret: string;
  is_active: DbBool;
  paused_at: EpochMs | null;
  paused_reason: string | null;
  start_after_event_id: number;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  account_id: number;
  webhook_id: number;
  event_id: number | null;
  event_type: string;
  status: string;
  attempts: number;
  next_attempt_at: EpochMs;
  locked_until: EpochMs | null;
  first_attempted_at: EpochMs | null;
  last_attempted_at: EpochMs | null;
  last_status_code: number | null;
  last_duration_ms: number | null;
  last_error: string | null;
  delivered_at: EpochMs | null;
  created_at: EpochMs;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempted_at: EpochMs;
  status_code: number | null;
  duration_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

export interface WebhookCursorTable {
  id: number;
  last_event_id: number;
}

export interface ImportRecordsTable {
  id: Generated<number>;
  account_id: number;
  external_id: string;
  time_entry_id: number | null;
  created_at: EpochMs;
}

export interface CatalogTables {
  import_records: ImportRecordsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  webhook_cursor: WebhookCursorTable;
  events: EventsTable;
  timesheet_weeks: TimesheetWeeksTable;
  invoices: InvoicesTable;
  invoice_line_items: InvoiceLineItemsTable;
  invoice_payments: InvoicePaymentsTable;
  invoice_messages: InvoiceMessagesTable;
  saved_reports: SavedReportsTable;
  report_shares: ReportSharesTable;
  budget_states: BudgetStatesTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  setup_codes: SetupCodesTable;
  project_rates: ProjectRatesTable;
  employee_documents: EmployeeDocumentsTable;
  invitations: InvitationsTable;
  server_secrets: ServerSecretsTable;
  idempotency_keys: IdempotencyKeysTable;
  time_entries: TimeEntriesTable;
  clients: ClientsTable;
  tasks: TasksTable;
  projects: ProjectsTable;
  user_assignments: UserAssignmentsTable;
  task_assignments: TaskAssignmentsTable;
  teammates: TeammatesTable;
}
