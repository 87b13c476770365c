import { toWireInstant } from '../../shared/schema.ts';
import type { HarvestRole } from './roles.schemas.ts';
import type { Role } from './roles.service.ts';

export function presentHarvestRole(role: Role): HarvestRole {
  return {
    id: role.id,
    name: role.name,
    user_ids: role.userIds,
    created_at: toWireInstant(role.createdAt),
    updated_at: toWireInstant(role.updatedAt),
  };
}
