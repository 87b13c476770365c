import { toWireInstant } from '../../shared/schema.ts';
import type { HarvestRole } from './roles.schemas.ts';
import type { RoleView } from './roles.service.ts';

export function presentHarvestRole(view: RoleView): HarvestRole {
  return {
    id: view.row.id,
    name: view.row.name,
    user_ids: view.userIds,
    created_at: toWireInstant(view.row.created_at),
    updated_at: toWireInstant(view.row.updated_at),
  };
}
