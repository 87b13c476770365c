import { describe, expect, it } from 'vitest';
import type { TaskRow } from './tasks.repository.ts';
import { taskOf } from './task.rules.ts';

describe('taskOf', () => {
  it('reads a task row in camelCase, flags as booleans, its rate in cents', () => {
    const row: TaskRow = {
      id: 5,
      account_id: 1,
      name: 'Design',
      billable_by_default: 1,
      default_hourly_rate_cents: 12_550,
      is_default: 0,
      is_active: 1,
      created_at: 10,
      updated_at: 20,
      deleted_at: null,
    };
    expect(taskOf(row)).toEqual({
      id: 5,
      name: 'Design',
      billableByDefault: true,
      defaultHourlyRateCents: 12_550,
      isDefault: false,
      isActive: true,
      createdAt: 10,
      updatedAt: 20,
    });
  });
});
