import { Type } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';
import { DOORS } from '../auth/auth.rules.ts';
import { EVENT_TYPES, entityTypeOf } from '../events/events.rules.ts';
import { actionOf } from './audit.rules.ts';

const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const ENTITY_TYPES = [...new Set(EVENT_TYPES.map(entityTypeOf))].sort();
const ACTIONS = [...new Set(EVENT_TYPES.map(actionOf))].sort();
const enumOf = (values: readonly string[], description: string) =>
  Type.Unsafe<string>({ type: 'string', enum: [...values], description });

export const AuditQuery = Type.Object(
  {
    personId: Type.Optional(
      Type.Integer({ minimum: 1, maximum: BOUNDS.id, description: 'Changes this person made.' }),
    ),
    entityType: Type.Optional(enumOf(ENTITY_TYPES, 'Changes to this kind of record.')),
    entityId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: BOUNDS.id,
        description: 'Changes to this one record (with entityType).',
      }),
    ),
    action: Type.Optional(enumOf(ACTIONS, 'Only this kind of change (`created`, `updated`, …).')),
    from: Type.Optional(
      Type.String({ format: 'date-time', description: 'At or after this instant.' }),
    ),
    to: Type.Optional(
      Type.String({ format: 'date-time', description: 'At or before this instant.' }),
    ),
    before: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

const Change = Type.Object(
  {
    field: Type.String(),
    before: Type.Unknown({ description: 'Null where the record did not exist yet.' }),
    after: Type.Unknown({ description: 'Null where the record no longer exists.' }),
  },
  { title: 'AuditFieldChange' },
);

export const AuditEntrySchema = Type.Object(
  {
    id: Id,
    occurredAt: Type.String({ format: 'date-time' }),
    type: Type.String(),
    entityType: Type.String(),
    entityId: Type.Integer(),
    action: Type.String(),
    door: Type.Unsafe<string | null>({
      type: ['string', 'null'],
      enum: [...DOORS, null],
      description: 'Which way the change came in; null for changes older than this record.',
    }),
    actor: Nullable(
      Type.Object({ id: Type.Integer(), name: Nullable(Type.String()) }, { title: 'AuditActor' }),
    ),
    changes: Type.Array(Change),
  },
  { title: 'AuditEntry' },
);

export const AuditList = Type.Object(
  {
    data: Type.Array(AuditEntrySchema),
    nextBefore: Nullable(
      Type.Integer({ minimum: 1, description: 'Pass as `before` for the next page.' }),
    ),
  },
  { title: 'AuditLog' },
);
