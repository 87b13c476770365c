import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { Task } from './task.rules.ts';
import type { HarvestTask } from './tasks.schemas.ts';

export function presentHarvestTask(task: Task): HarvestTask {
  return {
    id: task.id,
    name: task.name,
    billable_by_default: task.billableByDefault,
    default_hourly_rate:
      task.defaultHourlyRateCents === null ? null : fromCents(task.defaultHourlyRateCents),
    is_default: task.isDefault,
    is_active: task.isActive,
    created_at: toWireInstant(task.createdAt),
    updated_at: toWireInstant(task.updatedAt),
  };
}
