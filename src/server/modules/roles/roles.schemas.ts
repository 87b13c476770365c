import { Type, type Static } from 'typebox';
import { PaginationQuery } from '../../http/harvest-list.ts';
import { Instant } from '../../shared/schema.ts';

/** Harvest's Role: a business label on people, with no effect on permissions (§6.8). */
export const HarvestRole = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    user_ids: Type.Array(Type.Integer()),
    created_at: Instant,
    updated_at: Instant,
  },
  { title: 'HarvestRole' },
);
export type HarvestRole = Static<typeof HarvestRole>;

const UserIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10000 });

export const CreateRoleBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 255 }), user_ids: Type.Optional(UserIds) },
  { title: 'CreateRoleBody' },
);
export type CreateRoleBody = Static<typeof CreateRoleBody>;

export const UpdateRoleBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    user_ids: Type.Optional(UserIds),
  },
  { title: 'UpdateRoleBody' },
);
export type UpdateRoleBody = Static<typeof UpdateRoleBody>;

export const ListRolesQuery = Type.Object({ ...PaginationQuery });
export const RoleParams = Type.Object({ roleId: Type.Integer({ minimum: 1 }) });
