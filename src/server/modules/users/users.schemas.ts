import { Type, type Static } from 'typebox';
import { PaginationQuery } from '../../http/harvest-list.ts';
import { Instant, Nullable } from '../../shared/schema.ts';
import { RateInput } from '../../shared/bounds.ts';

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

const Name = Type.String({ minLength: 1, maxLength: 255 });
const Email = Type.String({ format: 'email', maxLength: 255 });
const Capacity = Type.Integer({ minimum: 0, maximum: 604800, description: 'Seconds per week.' });
const Rate = RateInput();

const userFields = {
  telephone: Type.Optional(Type.String({ maxLength: 64 })),
  timezone: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA or Harvest (Rails) time zone name.',
    }),
  ),
  has_access_to_all_future_projects: Type.Optional(Type.Boolean()),
  is_contractor: Type.Optional(Type.Boolean()),
  is_active: Type.Optional(Type.Boolean()),
  weekly_capacity: Type.Optional(Capacity),
  default_hourly_rate: Type.Optional(Nullable(Rate)),
  cost_rate: Type.Optional(Nullable(Rate)),
  roles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 255 }))),
  access_roles: Type.Optional(Type.Array(Type.String())),
};

export const CreateUserBody = Type.Object(
  { first_name: Name, last_name: Name, email: Email, ...userFields },
  { title: 'CreateUserBody' },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    first_name: Type.Optional(Name),
    last_name: Type.Optional(Name),
    email: Type.Optional(Email),
    ...userFields,
  },
  { title: 'UpdateUserBody' },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ListUsersQuery = Type.Object({
  is_active: Type.Optional(Type.Boolean()),
  updated_since: Type.Optional(Type.String({ format: 'date-time' })),
  ...PaginationQuery,
});

export const UserParams = Type.Object({ userId: Type.Integer({ minimum: 1 }) });

/** Harvest's BillableRate / CostRate: one period of a person's effective-dated rate. */
export const HarvestUserRate = Type.Object(
  {
    id: Type.Integer(),
    amount: Type.Number(),
    start_date: Nullable(Type.String({ format: 'date' })),
    end_date: Nullable(Type.String({ format: 'date' })),
    created_at: Instant,
    updated_at: Instant,
  },
  { title: 'HarvestUserRate' },
);
export type HarvestUserRate = Static<typeof HarvestUserRate>;

export const CreateUserRateBody = Type.Object(
  {
    amount: Rate,
    start_date: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  },
  { title: 'CreateUserRateBody' },
);
export type CreateUserRateBody = Static<typeof CreateUserRateBody>;

export const UserRateParams = Type.Object({
  userId: Type.Integer({ minimum: 1 }),
  rateId: Type.Integer({ minimum: 1 }),
});

export const RatesQuery = Type.Object({ ...PaginationQuery });

export const HarvestTeammate = Type.Object(
  {
    id: Type.Integer(),
    first_name: Type.String(),
    last_name: Type.String(),
    email: Type.String(),
  },
  { title: 'HarvestTeammate' },
);
export type HarvestTeammate = Static<typeof HarvestTeammate>;

export const UpdateTeammatesBody = Type.Object(
  { teammate_ids: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10000 }) },
  { title: 'UpdateTeammatesBody' },
);
export type UpdateTeammatesBody = Static<typeof UpdateTeammatesBody>;
