import { HydraCollectionOf } from '../../http/flowtly-schema.ts';
import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';

/** Flowtly's WorkTime; the `@` keys appear in JSON-LD and are absent in plain JSON. */
export const WorkTime = Type.Object(
  {
    '@context': Type.Optional(Type.String()),
    '@id': Type.Optional(Type.String()),
    '@type': Type.Optional(Type.String()),
    id: Type.Integer(),
    employee: Type.String({ description: 'Employee IRI, e.g. /api/employees/emp_102.' }),
    project: Type.String({ description: 'Project IRI, e.g. /api/projects/prj_7.' }),
    date: Type.String({ description: 'Midnight of the day, in the account time zone (RFC 3339).' }),
    seconds: Type.Integer({ minimum: 0 }),
    description: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    deletedAt: Nullable(Type.String()),
    deleted: Type.Boolean(),
  },
  { title: 'WorkTime' },
);

/** A Hydra collection of work times (JSON-LD), or a bare array (plain JSON). */
export const WorkTimeCollection = HydraCollectionOf(WorkTime);

/** Body of POST and PATCH, as JSON-LD, JSON or JSON Merge Patch; read by `decodeWorkTime`. */
export const WorkTimeInput = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  description:
    'employee (IRI), project (IRI), date (date or datetime), seconds (integer ≥ 0), description (string or null).',
  example: {
    employee: '/api/employees/emp_102',
    project: '/api/projects/aurora',
    date: '2024-07-04T00:00:00+00:00',
    seconds: 27000,
    description: 'Budget review for Aurora project',
  },
});
