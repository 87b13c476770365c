import { Type, type Static } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';

export const ProjectBudgetSchema = Type.Object(
  {
    project: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      code: Nullable(Type.String()),
      isActive: Type.Boolean(),
    }),
    client: Type.Object({ id: Type.Integer(), name: Type.String() }),
    budgetBy: Type.String({ enum: ['project', 'project_cost', 'task', 'task_fees', 'person'] }),
    isMonthly: Type.Boolean({ description: 'The budget starts afresh each month.' }),
    unit: Type.String({ enum: ['hours', 'money'] }),
    currency: Nullable(Type.String({ description: 'A money budget’s currency (the client’s).' })),
    budget: Nullable(
      Type.Number({ description: 'Hours, or money in the currency; null when not shown.' }),
    ),
    spent: Nullable(
      Type.Number({ description: 'Rounded hours or billable fees of budgeted time.' }),
    ),
    remaining: Nullable(Type.Number({ description: 'Negative when over budget.' })),
    percentSpent: Nullable(Type.Number()),
    periodFrom: Nullable(Type.String({ format: 'date' })),
    periodTo: Nullable(Type.String({ format: 'date' })),
    alertPercentage: Type.Integer(),
    notifies: Type.Boolean({ description: 'The project asks to be told at the alert percentage.' }),
    level: Type.String({ enum: ['ok', 'alert', 'over'] }),
    forecast: Type.Object(
      {
        paceDays: Type.Integer({ description: 'Working days the pace is read over.' }),
        pacePerDay: Nullable(Type.Number({ description: 'Hours or money per working day.' })),
        runsOutOn: Nullable(
          Type.String({ format: 'date', description: 'At that pace; null when nothing burns.' }),
        ),
        endsOn: Nullable(Type.String({ format: 'date' })),
        runsOutBeforeEnd: Type.Boolean(),
      },
      { title: 'BudgetForecast' },
    ),
  },
  { title: 'ProjectBudget' },
);

export const ProjectBudgetList = Type.Object(
  { data: Type.Array(ProjectBudgetSchema) },
  { title: 'ProjectBudgetList' },
);

export const BudgetsQuery = Type.Object(
  {
    isActive: Type.Optional(Type.Boolean()),
    paceDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 260,
        default: 10,
        description: 'Working days the burn pace is read over.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BudgetsQuery = Static<typeof BudgetsQuery>;

export const ProjectBudgetParams = Type.Object({
  projectId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});
