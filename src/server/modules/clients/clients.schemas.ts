import { Type, type Static } from 'typebox';
import { PaginationQuery } from '../../http/harvest-list.ts';
import { Instant, Nullable } from '../../shared/schema.ts';

/** Harvest's Client, keys in the order of real responses (currency last). */
export const HarvestClient = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    is_active: Type.Boolean(),
    address: Nullable(Type.String()),
    statement_key: Type.String(),
    created_at: Instant,
    updated_at: Instant,
    currency: Type.String(),
  },
  { title: 'HarvestClient' },
);
export type HarvestClient = Static<typeof HarvestClient>;

const Currency = Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code.' });

export const CreateClientBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    is_active: Type.Optional(Type.Boolean()),
    address: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    currency: Type.Optional(Currency),
  },
  { title: 'CreateClientBody' },
);
export type CreateClientBody = Static<typeof CreateClientBody>;

export const UpdateClientBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    is_active: Type.Optional(Type.Boolean()),
    address: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    currency: Type.Optional(Currency),
  },
  { title: 'UpdateClientBody' },
);
export type UpdateClientBody = Static<typeof UpdateClientBody>;

export const ListClientsQuery = Type.Object({
  is_active: Type.Optional(Type.Boolean()),
  updated_since: Type.Optional(Type.String({ format: 'date-time' })),
  ...PaginationQuery,
});
export type ListClientsQuery = Static<typeof ListClientsQuery>;

export const ClientParams = Type.Object({ clientId: Type.Integer({ minimum: 1 }) });
