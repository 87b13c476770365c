import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';

const LdKeys = {
  '@context': Type.Optional(Type.String()),
  '@id': Type.Optional(Type.String()),
  '@type': Type.Optional(Type.String()),
};

/** Flowtly's Employee (flowtly.md §1.5): a person of the account. */
export const Employee = Type.Object(
  {
    ...LdKeys,
    id: Type.Integer(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
    contactEmail: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    active: Type.Boolean(),
    timeTrackingEnabled: Type.Boolean(),
    weeklyCapacitySeconds: Type.Integer(),
    defaultProject: Nullable(Type.String({ description: 'Project IRI.' })),
    user: Nullable(Type.String({ description: 'IRI of the login, null when it has none.' })),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    invitationToken: Type.Optional(
      Type.String({
        description:
          'Only in the answer to POST /employees/{id}/user without a password: shown once.',
      }),
    ),
    invitationExpiresAt: Type.Optional(Type.String()),
  },
  { title: 'Employee' },
);

/** `/employees/preview`: enough to render a picker. */
export const EmployeePreview = Type.Object(
  {
    ...LdKeys,
    id: Type.Integer(),
    firstName: Type.String(),
    lastName: Type.String(),
    active: Type.Boolean(),
  },
  { title: 'EmployeePreview' },
);

/** POST and PATCH bodies; read by `decodeEmployee`, which answers as API Platform does. */
export const EmployeeInput = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  description:
    'firstName, lastName, email (required on POST), contactEmail, phone, active, weeklyCapacitySeconds, defaultProject (IRI or null).',
  example: {
    firstName: 'Ada',
    lastName: 'Nowak',
    email: 'ada@example.com',
    weeklyCapacitySeconds: 144000,
  },
});
