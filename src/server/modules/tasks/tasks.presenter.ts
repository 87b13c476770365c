import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { TaskRow } from './tasks.repository.ts';
import type { HarvestTask } from './tasks.schemas.ts';

export function presentHarvestTask(row: TaskRow): HarvestTask {
  return {
    id: row.id,
    name: row.name,
    billable_by_default: row.billable_by_default === 1,
    default_hourly_rate:
      row.default_hourly_rate_cents === null ? null : fromCents(row.default_hourly_rate_cents),
    is_default: row.is_default === 1,
    is_active: row.is_active === 1,
    created_at: toWireInstant(row.created_at),
    updated_at: toWireInstant(row.updated_at),
  };
}
