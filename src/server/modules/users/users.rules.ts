import { refusal, type Refusal } from '../../shared/domain-error.ts';
import {
  ACCESS_LEVELS,
  MANAGER_PERMISSIONS,
  type AccessLevel,
  type ManagerPermission,
} from '../auth/auth.rules.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';
import { USER_ERRORS } from './users.errors.ts';

export interface Rates {
  billable: number | null;
  cost: number | null;
}

interface Viewer {
  accessLevel: AccessLevel;
  managerPermissions: readonly ManagerPermission[];
}

/**
 * What a viewer may see of someone's rates (Harvest reference §2.5): billable rates are for
 * administrators and managers holding `billable_rates_manager`; cost rates for administrators
 * only. Hidden rates are shown as null, never as 0, so nobody mistakes them for a real rate.
 */
export function visibleRates(viewer: Viewer, rates: Rates): Rates {
  return {
    billable: seesBillableRates(viewer) ? rates.billable : null,
    cost: viewer.accessLevel === 'administrator' ? rates.cost : null,
  };
}

/** Billable rates and the money made of them (report amounts) are for these viewers only. */
export function seesBillableRates(viewer: Viewer): boolean {
  return (
    viewer.accessLevel === 'administrator' ||
    (viewer.accessLevel === 'manager' &&
      viewer.managerPermissions.includes('billable_rates_manager'))
  );
}

/**
 * A write may set money fields (a project's rate, fee and cost budget; an assignment's rate)
 * only by a viewer who may see billable rates: a project manager without
 * `billable_rates_manager` still edits the project, but not what it bills (§2.5).
 */
export function maySetRates(viewer: Viewer, values: readonly unknown[]): boolean {
  return seesBillableRates(viewer) || values.every((value) => value === undefined);
}

/**
 * Harvest's `access_roles` input: exactly one level, plus manager permissions only with
 * `manager`. Returns the level and permissions, or the coded problems.
 */
export function parseAccessRoles(
  input: readonly string[],
): { level: AccessLevel; permissions: ManagerPermission[] } | { errors: Refusal[] } {
  const levels = input.filter((r): r is AccessLevel =>
    (ACCESS_LEVELS as readonly string[]).includes(r),
  );
  const permissions = input.filter((r): r is ManagerPermission =>
    (MANAGER_PERMISSIONS as readonly string[]).includes(r),
  );
  const unknown = input.filter(
    (r) => !levels.includes(r as AccessLevel) && !permissions.includes(r as ManagerPermission),
  );
  const errors: Refusal[] = [];
  if (unknown.length > 0)
    errors.push(refusal(USER_ERRORS.accessRolesUnknown, { roles: unknown.join(', ') }));
  const [level, ...otherLevels] = [...new Set(levels)];
  if (!level) errors.push(refusal(USER_ERRORS.accessLevelMissing));
  if (otherLevels.length > 0) errors.push(refusal(USER_ERRORS.accessLevelsSeveral));
  if (level && level !== 'manager' && permissions.length > 0) {
    errors.push(refusal(USER_ERRORS.permissionsWithoutManager));
  }
  if (errors.length > 0 || !level) return { errors };
  return { level, permissions: [...new Set(permissions)] };
}

export interface StoredRate {
  id: number;
  startDate: string | null;
}

/**
 * Harvest's rule for adding an effective-dated rate (§6.1): without a start date the new rate
 * replaces every existing one; with one, it replaces the rates starting on or after that day.
 * Returns the ids to delete; the history before the new start is kept.
 */
export function ratesReplacedBy(
  existing: readonly StoredRate[],
  startDate: string | null,
): number[] {
  if (startDate === null) return existing.map((r) => r.id);
  return existing.filter((r) => r.startDate !== null && r.startDate >= startDate).map((r) => r.id);
}

/** A rate's end date: the day before the next rate starts, or null for the current one. */
export function rateEndDates(rates: readonly StoredRate[]): Map<number, string | null> {
  const sorted = [...rates].sort((a, b) => ((a.startDate ?? '') < (b.startDate ?? '') ? -1 : 1));
  const ends = new Map<number, string | null>();
  sorted.forEach((rate, i) => {
    const next = sorted[i + 1];
    ends.set(rate.id, next?.startDate ? previousDay(next.startDate) : null);
  });
  return ends;
}

export function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A real calendar date in YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The amount in force on `date` among a person's rates of one kind: the latest start on or before it. */
export function rateOn(
  rates: readonly { kind: string; amount_cents: number; start_date: string | null; id: number }[],
  kind: 'billable' | 'cost',
  date: string,
): number | null {
  let best: (typeof rates)[number] | undefined;
  for (const rate of rates) {
    if (rate.kind !== kind || (rate.start_date !== null && rate.start_date > date)) continue;
    const start = rate.start_date ?? '';
    const bestStart = best?.start_date ?? '';
    if (!best || start > bestStart || (start === bestStart && rate.id > best.id)) best = rate;
  }
  return best ? best.amount_cents : null;
}

/** What a manager may change on a teammate (Harvest: no email, roles, permissions or archiving). */
const MANAGER_EDITABLE = new Set([
  'first_name',
  'last_name',
  'telephone',
  'timezone',
  'weekly_capacity',
  'is_contractor',
  'default_hourly_rate',
]);

/**
 * Why a non-administrator may not make this edit, or null when the fields are within a
 * people manager's reach. Teammate membership is checked by the caller.
 */
export function managerEditProblem(
  actor: { accessLevel: AccessLevel; managerPermissions: readonly ManagerPermission[] },
  body: Record<string, unknown>,
): Refusal | null {
  if (actor.accessLevel !== 'manager' || !actor.managerPermissions.includes('people_manager')) {
    return refusal(COMMON_ERRORS.forbidden);
  }
  const fields = Object.keys(body).filter((key) => body[key] !== undefined);
  const outside = fields.filter((key) => !MANAGER_EDITABLE.has(key));
  if (outside.length > 0) {
    return refusal(COMMON_ERRORS.administratorsOnly, { fields: outside.join(', ') });
  }
  if (
    fields.includes('default_hourly_rate') &&
    !actor.managerPermissions.includes('billable_rates_manager')
  ) {
    return refusal(COMMON_ERRORS.ratesForbidden, { fields: 'default_hourly_rate' });
  }
  return null;
}

/** The languages the web app speaks; a person's choice is one of these, or none. */
export const LOCALES = ['en', 'uk', 'zh'] as const;

/** What is wrong with a change to one's own profile, in the order a form shows it. */
export function profileProblems(change: {
  firstName?: string;
  lastName?: string;
  locale?: string | null;
}): Refusal[] {
  const problems: Refusal[] = [];
  if (change.firstName !== undefined && change.firstName.trim() === '') {
    problems.push(refusal(COMMON_ERRORS.blank, { field: 'firstName' }));
  }
  if (change.lastName !== undefined && change.lastName.trim() === '') {
    problems.push(refusal(COMMON_ERRORS.blank, { field: 'lastName' }));
  }
  if (
    change.locale !== undefined &&
    change.locale !== null &&
    !(LOCALES as readonly string[]).includes(change.locale)
  ) {
    problems.push(refusal(USER_ERRORS.unknownLocale, { locales: LOCALES.join(', ') }));
  }
  return problems;
}
