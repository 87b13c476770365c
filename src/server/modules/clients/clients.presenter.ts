import { toWireInstant } from '../../shared/schema.ts';
import type { Client } from './client.rules.ts';
import type { HarvestClient } from './clients.schemas.ts';

export function presentHarvestClient(client: Client): HarvestClient {
  return {
    id: client.id,
    name: client.name,
    is_active: client.isActive,
    address: client.address,
    statement_key: client.statementKey,
    created_at: toWireInstant(client.createdAt),
    updated_at: toWireInstant(client.updatedAt),
    currency: client.currency,
  };
}
