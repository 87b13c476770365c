import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';

const ProjectRate = Type.Object({
  '@id': Type.Optional(Type.String()),
  '@type': Type.Optional(Type.String()),
  id: Type.Integer(),
  project: Type.String({ description: 'Project IRI.' }),
  position: Type.String({ description: 'The role printed on invoices.' }),
  ratePerHour: Type.String({ description: 'Decimal, in the currency of the project client.' }),
  currency: Type.String(),
  dateFrom: Type.String({ format: 'date' }),
  dateTo: Nullable(Type.String({ format: 'date', description: 'Inclusive; null is open-ended.' })),
});

/** GET /employees/{id}/project-rates: an item holding all of a person's project rates. */
export const EmployeeProjectRates = Type.Object(
  {
    '@context': Type.Optional(Type.String()),
    '@id': Type.Optional(Type.String()),
    '@type': Type.Optional(Type.String()),
    employee: Type.String(),
    rates: Type.Array(ProjectRate),
  },
  { title: 'EmployeeProjectRates' },
);

export const ProjectRateInput = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  description:
    'project (IRI), ratePerHour (decimal string or number), position, dateFrom (defaults to today), dateTo (inclusive, or null). Periods of one project may not overlap.',
  example: {
    project: '/api/projects/aurora',
    position: 'Senior Developer',
    ratePerHour: '95.00',
    dateFrom: '2024-01-01',
    dateTo: null,
  },
});
