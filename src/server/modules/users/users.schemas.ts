import { Type, type Static } from 'typebox';
import { Instant, Nullable } from '../../shared/schema.ts';

/**
 * Harvest's User object, keys in the order of Harvest's docs, followed by the fields real
 * responses carry beyond the docs (`permissions_claims`, calendar flags) and the legacy v1-era
 * booleans that old clients still read.
 */
export const HarvestUser = Type.Object(
  {
    id: Type.Integer(),
    first_name: Type.String(),
    last_name: Type.String(),
    email: Type.String(),
    telephone: Type.String(),
    timezone: Type.String(),
    has_access_to_all_future_projects: Type.Boolean(),
    is_contractor: Type.Boolean(),
    is_active: Type.Boolean(),
    weekly_capacity: Type.Integer(),
    default_hourly_rate: Nullable(Type.Number()),
    cost_rate: Nullable(Type.Number()),
    roles: Type.Array(Type.String()),
    access_roles: Type.Array(Type.String()),
    permissions_claims: Type.Array(Type.String()),
    avatar_url: Nullable(Type.String()),
    calendar_integration_enabled: Type.Boolean(),
    calendar_integration_source: Nullable(Type.String()),
    can_create_projects: Type.Boolean(),
    is_admin: Type.Boolean(),
    is_project_manager: Type.Boolean(),
    can_see_rates: Type.Boolean(),
    can_create_invoices: Type.Boolean(),
    created_at: Instant,
    updated_at: Instant,
  },
  { title: 'HarvestUser', description: 'A person in the account (Harvest v2 User).' },
);
export type HarvestUser = Static<typeof HarvestUser>;
