import type { TaskRow } from './tasks.repository.ts';

/** A task (a kind of work) as the core hands it to every door: camelCase, money in cents. */
export interface Task {
  id: number;
  name: string;
  billableByDefault: boolean;
  /** The rate a new project's assignment of the task starts with. */
  defaultHourlyRateCents: number | null;
  /** Whether new projects get the task. */
  isDefault: boolean;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

export function taskOf(row: TaskRow): Task {
  return {
    id: row.id,
    name: row.name,
    billableByDefault: row.billable_by_default === 1,
    defaultHourlyRateCents: row.default_hourly_rate_cents,
    isDefault: row.is_default === 1,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
