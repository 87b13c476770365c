// The native API's shapes as the web app reads them (see /punch/v1 in the OpenAPI document).

export interface Person {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  timezone: string;
  weeklyCapacitySeconds: number;
  accessLevel: 'administrator' | 'manager' | 'member';
  managerPermissions: string[];
  isActive: boolean;
  locale?: string | null;
}

export interface AccountSettings {
  id: number;
  name: string;
  timezone: string;
  weekStartDay: string;
  currency: string;
  clock: '12h' | '24h';
  timeFormat: 'decimal' | 'hours_minutes';
  dateFormat: string;
  wantsTimestampTimers: boolean;
  timeRoundingMode: string;
  timeRoundingMinutes: number;
  approvalsEnabled: boolean;
  lockDate: string | null;
  autoLockDays: number | null;
}

export interface Me {
  person: Person;
  account: AccountSettings;
  accounts: { id: number; name: string; personId: number }[];
}

export interface Named {
  id: number;
  name: string;
}

export interface TimeEntry {
  id: number;
  userId: number;
  spentDate: string;
  seconds: number;
  roundedSeconds: number;
  isRunning: boolean;
  timerStartedAt: string | null;
  startedTime: string | null;
  endedTime: string | null;
  notes: string | null;
  billable: boolean;
  isLocked: boolean;
  lockedReason: string | null;
  client: Named;
  project: Named & { code: string | null };
  task: Named | null;
}

export interface TrackingProject {
  id: number;
  name: string;
  code: string | null;
  client: Named;
  tasks: (Named & { billable: boolean })[];
}

export interface TimesheetCell {
  date: string;
  seconds: number;
  entryIds: number[];
  editable: boolean;
  readOnlyReason: 'several_entries' | 'timer_running' | 'locked' | ClosedReason | null;
  lockedReason: string | null;
}

export interface TimesheetRow {
  project: Named & { code: string | null };
  client: Named;
  task: Named | null;
  seconds: number;
  cells: TimesheetCell[];
}

export type ClosedReason = 'week_submitted' | 'week_approved' | 'period_locked';

export interface Timesheet {
  userId: number;
  days: string[];
  /** Per day: why nothing can be typed on it; null when open. */
  closed: (ClosedReason | null)[];
  rows: TimesheetRow[];
  dayTotals: number[];
  seconds: number;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface Client {
  id: number;
  name: string;
  isActive: boolean;
  currency: string;
}

export interface Task {
  id: number;
  name: string;
  billableByDefault: boolean;
  isDefault: boolean;
  isActive: boolean;
}

export interface Project {
  id: number;
  name: string;
  code: string | null;
  client: Named & { currency: string };
  isActive: boolean;
  isBillable: boolean;
  billBy: string;
  hourlyRate: number | null;
  budgetBy: string;
  budget: number | null;
  startsOn: string | null;
  endsOn: string | null;
  updatedAt: string;
}

export interface ProjectMember {
  id: number;
  projectId: number;
  person: Named;
  isActive: boolean;
  isProjectManager: boolean;
  hourlyRate: number | null;
}

export interface ProjectTask {
  id: number;
  projectId: number;
  task: Named;
  isActive: boolean;
  billable: boolean;
  hourlyRate: number | null;
}

export type ApprovalStatus = 'unsubmitted' | 'submitted' | 'approved';
export type WeekWarning = 'missing_days' | 'under_capacity' | 'over_capacity' | 'timer_running';

/** A person's week in the approval workflow. */
export interface TimesheetWeek {
  userId: number;
  person: { id: number; firstName: string; lastName: string };
  weekStart: string;
  weekEnd: string;
  status: ApprovalStatus;
  submittedAt: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  periodLock: 'lock_date' | 'auto_lock' | null;
  unlockedUntil: string | null;
  seconds: number;
  billableSeconds: number;
  capacitySeconds: number;
  days: { date: string; seconds: number }[];
  timerRunning: boolean;
  warnings: WeekWarning[];
  missingDays: string[];
  mayApprove: boolean;
}

export interface InvoiceLine {
  id: number;
  project: { id: number; name: string; code: string | null } | null;
  kind: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
  taxed: boolean;
  taxed2: boolean;
}

export interface InvoiceTotals {
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  tax2Minor: number;
  amountMinor: number;
  paidMinor: number;
  dueMinor: number;
  lines: InvoiceLine[];
}

export type InvoiceState = 'draft' | 'open' | 'paid' | 'closed';

export interface Invoice extends InvoiceTotals {
  id: number;
  number: string;
  state: InvoiceState;
  client: { id: number; name: string };
  subject: string | null;
  issueDate: string;
  dueDate: string;
  periodStart: string | null;
  periodEnd: string | null;
  sentAt: string | null;
  paidDate: string | null;
}

export type Dimension = 'client' | 'project' | 'task' | 'person' | 'day' | 'week' | 'month';
export type ReportPeriod =
  | 'this_week'
  | 'last_week'
  | 'this_month'
  | 'last_month'
  | 'this_quarter'
  | 'last_quarter'
  | 'this_year'
  | 'last_year'
  | 'custom';

export interface ReportDefinition {
  period: ReportPeriod;
  from?: string | null;
  to?: string | null;
  groupBy: Dimension[];
  interval?: 'day' | 'week' | 'month' | null;
  includeFixedFee?: boolean;
  filters?: {
    clientIds?: number[];
    projectIds?: number[];
    taskIds?: number[];
    personIds?: number[];
    billable?: boolean | null;
    approvalStatuses?: ApprovalStatus[];
    invoiced?: boolean | null;
  };
}

export interface ReportFigures {
  seconds: number;
  roundedSeconds: number;
  billableSeconds: number;
  billableRoundedSeconds: number;
  billableAmounts: { currency: string; amountMinor: number }[] | null;
  costAmountMinor: number | null;
  capacitySeconds: number | null;
  utilization: number | null;
}

export interface ReportKey {
  dimension: Dimension;
  id: number | null;
  key: string;
  name: string;
}

export interface ReportRow {
  key: ReportKey;
  figures: ReportFigures;
  children?: { key: ReportKey; figures: ReportFigures }[];
}

export interface Report {
  from: string;
  to: string;
  groupBy: Dimension[];
  rows: ReportRow[];
  totals: ReportFigures;
  chart: {
    interval: 'day' | 'week' | 'month';
    buckets: string[];
    stackedBy: Dimension | null;
    series: { key: ReportKey | null; other: boolean; roundedSeconds: number[] }[];
  };
  costCurrency: string;
}

export interface ReportEntry {
  id: number;
  spentDate: string;
  person: { id: number; name: string };
  client: { id: number; name: string };
  project: { id: number; name: string; code: string | null };
  task: { id: number; name: string } | null;
  notes: string | null;
  seconds: number;
  roundedSeconds: number;
  billable: boolean;
  currency: string;
  billableAmountMinor: number | null;
  approvalStatus: ApprovalStatus;
  invoice: { id: number; number: string | null } | null;
}

export interface SavedReport {
  id: number;
  name: string;
  definition: ReportDefinition;
}

export interface ProjectBudget {
  project: { id: number; name: string; code: string | null; isActive: boolean };
  client: { id: number; name: string };
  budgetBy: string;
  isMonthly: boolean;
  unit: 'hours' | 'money';
  currency: string | null;
  budget: number | null;
  spent: number | null;
  remaining: number | null;
  percentSpent: number | null;
  alertPercentage: number;
  level: 'ok' | 'alert' | 'over';
  forecast: {
    paceDays: number;
    pacePerDay: number | null;
    runsOutOn: string | null;
    endsOn: string | null;
    runsOutBeforeEnd: boolean;
  };
}

export interface Webhook {
  id: number;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  pausedAt: string | null;
  pausedReason: string | null;
  pendingDeliveries: number;
  failedDeliveries: number;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  eventId: number | null;
  eventType: string;
  status: 'pending' | 'delivering' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptedAt: string | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  occurredAt: string;
  type: string;
  entityType: string;
  entityId: number;
  action: string;
  door: string | null;
  actor: { id: number; name: string | null } | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

export interface ImportReport {
  format: 'harvest' | 'toggl' | 'clockify' | 'kimai' | 'custom';
  /** The file's header row: what a column mapping may name. */
  headers: string[];
  /** How the file was read (field → header), or null when no columns were chosen yet. */
  columns: Record<string, string> | null;
  dryRun: boolean;
  rows: number;
  alreadyImported: number;
  created: {
    clients: string[];
    projects: string[];
    tasks: string[];
    assignments: number;
    entries: number;
    seconds: number;
  };
  refused: { line: number; reason: string }[];
  preview: {
    line: number;
    spentDate: string;
    person: { name: string; email: string | null };
    client: string;
    project: string;
    task: string | null;
    notes: string | null;
    seconds: number;
  }[];
}
