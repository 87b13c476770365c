import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { presentNativeBudget } from './budgets.presenter.ts';
import type { BudgetsService } from './budgets.service.ts';
import {
  BudgetsQuery,
  ProjectBudgetList,
  ProjectBudgetParams,
  ProjectBudgetSchema,
} from './native-budgets.schemas.ts';

const tags = ['Punch: Budgets'];
const security = NATIVE_SECURITY;

/** Project budgets with what is spent and a burn forecast, for those who may see them. */
export function nativeBudgetsRoutes(app: App, deps: { budgets: BudgetsService }) {
  const { budgets } = deps;

  app.get(
    '/budgets',
    {
      schema: {
        operationId: 'listBudgets',
        summary: "Projects' budgets: spent, remaining, alert level and when they run out",
        tags,
        security,
        querystring: BudgetsQuery,
        response: { 200: ProjectBudgetList },
      },
    },
    async (request) => ({
      data: (
        await budgets.list(actorOf(request), {
          ...(request.query.isActive === undefined ? {} : { isActive: request.query.isActive }),
          ...(request.query.paceDays === undefined ? {} : { paceDays: request.query.paceDays }),
        })
      ).map(presentNativeBudget),
    }),
  );

  app.get(
    '/projects/:projectId/budget',
    {
      schema: {
        operationId: 'getProjectBudget',
        summary: "A project's budget, spent, remaining and burn forecast",
        tags,
        security,
        params: ProjectBudgetParams,
        querystring: BudgetsQuery,
        response: { 200: ProjectBudgetSchema },
      },
    },
    async (request) =>
      presentNativeBudget(
        await budgets.ofProject(actorOf(request), request.params.projectId, request.query.paceDays),
      ),
  );
}
