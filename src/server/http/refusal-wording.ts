import type { Params, Reason, Refusal } from '../shared/domain-error.ts';

type Wording = string | ((params: Params) => string);

const text = (params: Params, key: string) => String(params[key] ?? '');

/** A command's field as Rails names it in a full message: `hourlyRate` → "Hourly rate". */
export function humanField(field: string): string {
  const words = field
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * How the doors word the core's refusals (a code and its figures): as Rails' full messages
 * ("Name can't be blank"), which Harvest clients show as they are. The native door shows the
 * same English sentence as its informative `message` (its clients branch on the code) and so
 * does the CLI; the Flowtly door uses its own words where it has them (flowtly-wording.ts).
 */
const WORDING: Readonly<Record<string, Wording>> = {
  // Shared.
  not_a_number: (p) => `${humanField(text(p, 'field'))} is not a number`,
  invalid_currency: 'Currency is not a known ISO 4217 code',
  invalid_cursor: 'Cursor is invalid',
  item_not_found: (p) => `Item not found for "${text(p, 'reference')}".`,
  name_blank: "Name can't be blank",
  blank: (p) => `${humanField(text(p, 'field'))} can't be blank`,
  // Projects.
  project_name_taken: 'Name has already been taken',
  client_not_found: 'Client must exist',
  ends_before_starts: 'Ends on must be on or after starts on',
  fee_without_fixed_fee: 'Fee can only be set on fixed-fee projects',
  // People.
  email_taken: 'Email has already been taken',
  last_administrator: 'The account needs at least one active administrator',
  unknown_time_zone: 'Timezone is not a known time zone',
  invalid_project: 'Default project is not a project of this account',
  person_archived: 'Archived people cannot have their name or email changed; restore them first',
  cannot_delete_self: 'You cannot delete yourself',
  user_not_removable: 'This person is not removable. They have tracked time; archive them instead.',
  start_date_in_future: "Start date can't be in the future",
  not_a_manager: 'User must be a manager',
  teammate_not_found: 'Teammate ids must be people of this account',
  access_roles_unknown: (p) => `Access roles ${text(p, 'roles')} are not valid`,
  access_level_missing: 'Access roles must include administrator, manager or member',
  access_levels_several: 'Access roles can include only one of administrator, manager or member',
  permissions_without_manager: 'Access roles other than manager take no manager permissions',
  unknown_locale: (p) => `Locale must be one of ${text(p, 'locales')}`,
  // Accounts, setup, sign-in and logins; `account_required` is an operator command's (the CLI).
  account_required: (p) =>
    `${text(p, 'email')} belongs to several accounts (${text(p, 'accounts')}); choose one with --account`,
  weeks_in_workflow: 'Week start day cannot change while weeks are submitted or approved',
  invalid_email: 'Email is invalid',
  password_too_short: (p) => `Password is too short (minimum is ${text(p, 'min')} characters)`,
  wrong_password: 'The current password is not right.',
  person_has_login: 'This person has a login already',
  login_keeps_password:
    'A login with this e-mail exists and keeps its own password; grant without a password to invite its owner',
  cannot_remove_own_login: 'You cannot remove your own login',
  password_required: 'Choose a password, or sign in and accept',
  login_exists:
    'A login with this email already exists: give its password, or sign in with it and accept.',
  already_in_account: 'This login is already a person in that account.',
  idempotency_key_reused: 'Idempotency-Key was already used for a different request',
  idempotency_key_too_long: (p) =>
    `Idempotency-Key is too long (maximum is ${text(p, 'max')} characters)`,
  // Employee documents and per-project rates (Flowtly words these its own way).
  file_missing: 'Choose a file to upload',
  file_too_large: (p) => `The file is larger than the ${text(p, 'maxMiB')} MiB allowed`,
  file_empty: 'The file is empty',
  file_type_not_allowed: (p) =>
    `A ${text(p, 'type')} file cannot be kept; allowed: ${text(p, 'allowed').split(',').join(', ')}`,
  rate_project_inactive: 'Rates can only be added to active projects',
  rate_ends_before_start: 'The rate ends before it starts',
  rate_period_overlaps: (p) =>
    `The period overlaps this project's rate from ${text(p, 'from')}${text(p, 'to') === '' ? ' on' : ` to ${text(p, 'to')}`}`,
  rate_field_required: (p) => `The rate needs its ${text(p, 'field')}`,
  // Webhooks: what is wrong with a URL or pattern is in the native API's own words.
  invalid_webhook: (p) => `${text(p, 'field')}: ${text(p, 'problem')}`,
  webhook_target_not_allowed:
    'url: points at a loopback, private or link-local address this server does not deliver to',
  // Invoices.
  invalid_percentage: (p) =>
    `${humanField(text(p, 'field'))} must be a percentage from 0 to 100 with at most three decimals`,
  invalid_quantity: 'Quantity must be a number with at most three decimals',
  too_many_decimals: (p) => `Unit price has more decimals than ${text(p, 'currency')} has`,
  amount_too_large: (p) =>
    text(p, 'of') === 'invoice'
      ? 'Amount of the invoice is too large'
      : 'Amount of a line item is too large',
  period_incomplete: (p) =>
    text(p, 'problem') === 'to_before_from'
      ? 'To must be on or after from'
      : 'Time import needs both from and to, or neither',
  invoice_number_taken: 'Number has already been taken',
  project_not_of_client: (p) =>
    text(p, 'while') === 'changing_client'
      ? "Client can't change while the invoice bills its projects' time"
      : `Project ${text(p, 'projectId')} is not a project of this client`,
  unknown_payment_term: 'Payment term is not one Harvest knows',
  due_before_issue: 'Due date must be on or after the issue date',
  payment_exceeds_due: (p) =>
    text(p, 'while') === 'reducing_amount'
      ? 'Amount would be less than the payments recorded; delete a payment first'
      : 'Amount is more than the amount due',
  currency_locked: "Currency can't change once the invoice has line items",
  line_item_not_found: (p) => `Line item ${text(p, 'lineItemId')} is not on this invoice`,
  invalid_amount: (p) =>
    `Amount must be more than 0 with at most the decimals of ${text(p, 'currency')}`,
  invoice_state_conflict: (p) =>
    text(p, 'while') === 'paying_closed'
      ? 'A closed invoice takes no payments'
      : `An invoice in state ${text(p, 'state')} cannot be marked with ${text(p, 'event')}`,
  recipients_required: 'Recipients must name at least one e-mail address',
  // Tasks, clients, roles, assignments.
  task_name_taken: 'Name has already been taken',
  task_not_removable: 'This task is not removable. It has time entries; archive it instead.',
  client_not_removable: 'This client is not removable. It still has projects and/or invoices.',
  role_name_taken: 'Name has already been taken',
  person_not_found: (p) =>
    p.userIds === undefined
      ? 'User must exist'
      : `User ids ${text(p, 'userIds')} are not people of this account`,
  task_not_found: 'Task must exist',
  already_assigned: (p) =>
    `${text(p, 'what') === 'task' ? 'Task' : 'User'} is already assigned to this project`,
  assignment_not_removable: (p) =>
    `This ${text(p, 'what') === 'task' ? 'task' : 'person'} has tracked time on this project; deactivate the assignment instead.`,
  // 403s, and approvals and locked periods (a bulk request names the person and week of each).
  forbidden: (p) => week(p, FORBIDDEN_ACTION[text(p, 'action')] ?? 'Not authorized!'),
  administrators_only: (p) =>
    p.fields === undefined
      ? (ADMINISTRATORS_ONLY[text(p, 'what')] ?? 'Only administrators can do this')
      : `Only administrators can change ${text(p, 'fields')}`,
  approvers_only: 'Only administrators and managers approve timesheets',
  rates_forbidden: (p) =>
    p.fields === undefined
      ? 'Only administrators and managers with billable_rates_manager may set rates'
      : `Only administrators and billable-rate managers can change ${text(p, 'fields')}`,
  approvals_disabled: (p) => week(p, 'Timesheet approval is turned off for this account'),
  week_state_conflict: (p) => week(p, weekState(text(p, 'action'), text(p, 'status'))),
  not_a_week_start: (p) =>
    `${text(p, 'date')} is not the first day of a week (weeks start on ${text(p, 'weekStartDay')})`,
  weeks_required: 'Name at least one week',
  too_many_weeks: (p) => `At most ${text(p, 'max')} weeks at once`,
  week_named_twice: 'Each week may be named once per request',
  rejection_reason_required: "Reason can't be blank",
  until_not_in_future: 'Until must be in the future',
  // Reports.
  required: (p) => `${humanField(text(p, 'field'))} is required`,
  not_a_date: (p) => `${humanField(text(p, 'field'))} is not a valid date`,
  to_before_from: 'To must be on or after from',
  period_too_long: 'The timeframe may not be longer than one year',
  invalid_report: (p) => `${text(p, 'field')}: ${text(p, 'problem')}`,
  // Imports: what is wrong with a file is in the import's own words.
  invalid_import: (p) => text(p, 'problem'),
  // Time entries.
  timer_running: (p) =>
    text(p, 'while') === 'writing_cell'
      ? `${text(p, 'date')} has a running timer on this row; stop it first`
      : week(p, TIMER_RUNNING[text(p, 'while')] ?? 'A timer is running'),
  timer_not_running: (p) =>
    text(p, 'while') === 'stopping_current' ? 'No timer is running' : "can't stop a stopped timer",
  time_entry_locked: (p) =>
    p.keptEntries !== undefined
      ? `The project has ${text(p, 'keptEntries')} invoiced, submitted, approved or locked time entries; archive it instead`
      : text(p, 'while') === 'restarting'
        ? "can't restart an invoiced or approved entry"
        : `Only an administrator can change this entry: ${text(p, 'reason')}`,
  period_locked: (p) => week(p, 'This time period is locked'),
  period_invoiced: 'This project is invoiced for this time period',
  week_submitted: 'This week has been submitted for approval; withdraw it to change its time',
  week_approved: 'This week has been approved; an administrator must reopen it to add time',
  ends_before_start: 'Ended time must be after started time',
  imported_timer: 'Imported time cannot be a running timer',
  task_required: "Task can't be blank",
  duplicate_cell: 'Each cell may be written once per request',
  cell_has_several_entries: (p) =>
    `${text(p, 'date')} has ${text(p, 'entries')} entries on this row; change them one by one`,
  not_trackable: 'Time cannot be tracked here',
  project_not_found: 'Project must exist',
  archived: (p) => `${humanField(text(p, 'what'))} is archived`,
  not_assigned: (p) => `${humanField(text(p, 'what'))} is not assigned to this project`,
  times_of_day_not_tracked:
    'This account tracks durations: send seconds, not startedTime or endedTime',
  durations_not_tracked: 'This account tracks start and end times: send startedTime and endedTime',
};

const TIMER_RUNNING: Readonly<Record<string, string>> = {
  archiving_project: 'This project has a running timer; stop it before archiving',
  archiving_person: 'This person has a running timer; stop it before archiving',
  archiving_task: 'This task has a running timer; stop it before archiving',
  archiving_client: 'This client has a running timer; stop it before archiving',
  another_running: 'This person already has a running timer; stop it first',
  restarting: "can't restart a running timer",
  deciding_week: 'Stop the running timer in this week first',
  invoicing: 'A timer is running on this time; stop it before invoicing',
};

const ADMINISTRATORS_ONLY: Readonly<Record<string, string>> = {
  invoices: 'Only administrators can work with invoices',
  audit: 'Only administrators can read the audit log',
  unlock: 'Only administrators can unlock a locked period',
  import: 'Only administrators can import',
  webhooks: 'Only administrators can manage webhooks',
  company: 'Only administrators can update the company',
};

const FORBIDDEN_ACTION: Readonly<Record<string, string>> = {
  reopen: 'Only an administrator can reopen an approved week',
  submit: "Only the person or an administrator can submit or withdraw a person's week",
  withdraw: "Only the person or an administrator can submit or withdraw a person's week",
  approve: 'You cannot approve this timesheet',
  reject: 'You cannot approve this timesheet',
};

function weekState(action: string, status: string): string {
  if (status === 'approved') return 'This week has already been approved';
  if (status === 'submitted') return 'This week has already been submitted';
  return action === 'reopen'
    ? 'Only an approved week can be reopened'
    : 'This week has not been submitted';
}

/** A refusal of one week among several names the person and the week it is about. */
function week(params: Params, sentence: string): string {
  return params.person === undefined
    ? sentence
    : `${text(params, 'person')}, week of ${text(params, 'weekStart')}: ${sentence}`;
}

/** The codes this door words; a test holds every refusal the core raises to this list. */
export const WORDED_CODES: ReadonlySet<string> = new Set(Object.keys(WORDING));

/** A refusal in Harvest's words; a code without wording reads as itself, never as nothing. */
export function wordingOf(refusal: Refusal): string {
  const wording = WORDING[refusal.code];
  if (wording === undefined) return refusal.code;
  return typeof wording === 'function' ? wording(refusal.params) : wording;
}

/** Why an import left a record out, as one sentence. */
export function reasonText(reason: Reason): string {
  return typeof reason === 'string' ? reason : reason.map(wordingOf).join(', ');
}

/** An import report with each refusal's reason worded. */
export function withReasonsWorded<T extends { refused: readonly { reason: Reason }[] }>(
  report: T,
): Omit<T, 'refused'> & { refused: (Omit<T['refused'][number], 'reason'> & { reason: string })[] } {
  const refused = report.refused.map((r) => ({ ...r, reason: reasonText(r.reason) }));
  return { ...report, refused } as Omit<T, 'refused'> & {
    refused: (Omit<T['refused'][number], 'reason'> & { reason: string })[];
  };
}
