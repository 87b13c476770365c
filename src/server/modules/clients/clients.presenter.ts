import { toWireInstant } from '../../shared/schema.ts';
import type { ClientRow } from './clients.repository.ts';
import type { HarvestClient } from './clients.schemas.ts';

export function presentHarvestClient(row: ClientRow): HarvestClient {
  return {
    id: row.id,
    name: row.name,
    is_active: row.is_active === 1,
    address: row.address,
    statement_key: row.statement_key,
    created_at: toWireInstant(row.created_at),
    updated_at: toWireInstant(row.updated_at),
    currency: row.currency,
  };
}
