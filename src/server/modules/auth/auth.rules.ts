/** Harvest's three access levels (§2.5 of the Harvest reference). */
export const ACCESS_LEVELS = ['administrator', 'manager', 'member'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Extra rights a manager may hold; meaningless on administrators and members. */
export const MANAGER_PERMISSIONS = [
  'project_creator',
  'billable_rates_manager',
  'managed_projects_invoice_drafter',
  'managed_projects_invoice_manager',
  'client_and_task_manager',
  'time_and_expenses_manager',
  'estimates_manager',
  'people_manager',
] as const;
export type ManagerPermission = (typeof MANAGER_PERMISSIONS)[number];

/** Who is calling: resolved once per request by the authenticate hook. */
export interface Actor {
  userId: number;
  accountId: number;
  identityId: number | null;
  accessLevel: AccessLevel;
  managerPermissions: readonly ManagerPermission[];
  /** How the caller proved who they are; per-credential state (idempotency keys) keys on it. */
  credential: Credential;
  /** Which way in the request came (the audit log shows it); set by each API's authentication. */
  door?: Door;
  /**
   * The account settings most requests present with, read with the token in the same query:
   * a request sees them as they were when it began, and needs no second read.
   */
  settings: AccountSettings;
}

/**
 * A personal access token (its row id), a JWT from a password login (no row), or a browser
 * session (its row id; unsafe requests also need its CSRF token).
 */
/**
 * The ways into Punch: the two compatible APIs, the native API (scripts), the web app (a
 * browser session), the `punch` CLI (the native API, naming itself), an import, or the system
 * itself (budgets, webhooks, operators' commands).
 */
export const DOORS = ['harvest', 'flowtly', 'native', 'web', 'cli', 'import', 'system'] as const;
export type Door = (typeof DOORS)[number];

export type Credential =
  | { kind: 'token'; tokenId: number }
  | { kind: 'jwt' }
  | { kind: 'session'; sessionId: number }
  /** A report's share link: reads that one report as its owner, and nothing else. */
  | { kind: 'share'; shareId: number };

export interface AccountSettings {
  timezone: string;
  clock: string;
  timeRoundingMode: string;
  timeRoundingMinutes: number;
  wantsTimestampTimers: boolean;
  /** Saturday, Sunday or Monday: where timesheets and weekly figures start. */
  weekStartDay: string;
  /** Timesheet approval is on (Harvest's `approval_feature`). */
  approvalsEnabled: boolean;
  /** Nothing on or before this day may change. */
  lockDate: string | null;
  /** A week locks this many days after it ends; null: never by itself. */
  autoLockDays: number | null;
}

export function isAccessLevel(value: string): value is AccessLevel {
  return (ACCESS_LEVELS as readonly string[]).includes(value);
}

/** Stored as a comma list; unknown words are dropped so an old row can never grant a new right. */
export function parseManagerPermissions(stored: string): ManagerPermission[] {
  return stored
    .split(',')
    .map((p) => p.trim())
    .filter((p): p is ManagerPermission => (MANAGER_PERMISSIONS as readonly string[]).includes(p));
}

/** `access_roles` as Harvest shows it: the level first, then a manager's extra rights. */
export function accessRoles(
  level: AccessLevel,
  managerPermissions: readonly ManagerPermission[],
): string[] {
  if (level !== 'manager') return [level];
  return [level, ...MANAGER_PERMISSIONS.filter((p) => managerPermissions.includes(p))];
}

const ADMIN_CLAIMS = [
  'billable_rates:read:all',
  'billable_rates:write:all',
  'billing:read:own',
  'billing:write:own',
  'clients:read:all',
  'clients:write:all',
  'company:read:own',
  'company:write:own',
  'cost_rates:read:all',
  'cost_rates:write:all',
  'estimates:read:all',
  'estimates:write:all',
  'expenses:read:all',
  'expenses:write:all',
  'invoices:read:all',
  'invoices:write:all',
  'projects:read:all',
  'projects:write:all',
  'tasks:read:all',
  'tasks:write:all',
  'timers:read:all',
  'timers:write:all',
  'users:read:all',
  'users:write:all',
];

/** Extra claims a manager permission adds on top of the manager baseline. */
const MANAGER_PERMISSION_CLAIMS: Record<ManagerPermission, string[]> = {
  // Creating a project means choosing its client.
  project_creator: ['projects:write:managed', 'clients:read:all'],
  billable_rates_manager: ['billable_rates:read:managed', 'billable_rates:write:managed'],
  managed_projects_invoice_drafter: ['invoices:write:managed'],
  managed_projects_invoice_manager: ['invoices:read:managed', 'invoices:write:managed'],
  client_and_task_manager: [
    'clients:read:all',
    'clients:write:all',
    'tasks:read:all',
    'tasks:write:all',
  ],
  time_and_expenses_manager: ['expenses:write:managed', 'timers:write:managed'],
  estimates_manager: ['estimates:read:managed', 'estimates:write:managed'],
  people_manager: ['users:read:managed'],
};

/**
 * Harvest's flattened scope list (`permissions_claims`), derived from the access roles. The
 * baselines are the ones real Harvest accounts return; the per-permission additions follow the
 * capability matrix of the reference.
 */
export function permissionsClaims(
  level: AccessLevel,
  managerPermissions: readonly ManagerPermission[],
): string[] {
  if (level === 'administrator') return [...ADMIN_CLAIMS];
  if (level === 'member') {
    return ['expenses:read:own', 'expenses:write:own', 'timers:read:own', 'timers:write:own'];
  }
  const claims = new Set([
    'expenses:read:managed',
    'expenses:write:own',
    'projects:read:managed',
    'timers:read:managed',
    'timers:write:own',
  ]);
  for (const permission of managerPermissions) {
    for (const claim of MANAGER_PERMISSION_CLAIMS[permission]) claims.add(claim);
  }
  return [...claims].sort();
}

export function isAdministrator(actor: Pick<Actor, 'accessLevel'>): boolean {
  return actor.accessLevel === 'administrator';
}

/** Whether the actor's derived claims include `claim` (e.g. 'clients:write:all'). */
export function hasClaim(
  actor: Pick<Actor, 'accessLevel' | 'managerPermissions'>,
  claim: string,
): boolean {
  return permissionsClaims(actor.accessLevel, actor.managerPermissions).includes(claim);
}
