import type { TSchema } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { MAX_PER_PAGE } from '../../shared/pagination.ts';
import { presentTimeReportRows } from './reports.presenter.ts';
import type { ReportKind } from './reports.rules.ts';
import {
  ClientsTimeReportRow,
  ProjectsTimeReportRow,
  TasksTimeReportRow,
  TeamTimeReportRow,
  ProjectBudgetReportQuery,
  ProjectBudgetReportRow,
  TimeReportQuery,
} from './reports.schemas.ts';
import { presentHarvestBudget } from '../budgets/budgets.presenter.ts';
import type { BudgetsService } from '../budgets/budgets.service.ts';
import type { ReportsService } from './reports.service.ts';

const tags = ['Harvest: Reports'];
const ROWS: Record<ReportKind, TSchema> = {
  clients: ClientsTimeReportRow,
  projects: ProjectsTimeReportRow,
  tasks: TasksTimeReportRow,
  team: TeamTimeReportRow,
};

export function harvestReportsRoutes(
  app: App,
  deps: {
    reports: ReportsService;
    budgets: BudgetsService;
    publicUrl: string;
    /**
     * Harvest's own, stricter budget for reports (§1.8), shared by all of them and apart from
     * the general one; null exempts reports; undefined when rate limiting is off altogether.
     */
    rateLimit?: { max: number; windowSeconds: number } | null;
  },
): void {
  const { reports, budgets, publicUrl, rateLimit } = deps;
  // One limiter (one counter per token) for the four reports: a route-level rate-limit config
  // would give each route a budget of its own.
  const limiter = rateLimit
    ? app.rateLimit({ max: rateLimit.max, timeWindow: rateLimit.windowSeconds * 1000 })
    : undefined;
  for (const kind of Object.keys(ROWS) as ReportKind[]) {
    app.get(
      `/reports/time/${kind}`,
      {
        schema: {
          operationId: `timeReport${kind[0]?.toUpperCase() ?? ''}${kind.slice(1)}`,
          summary: `Time report by ${kind === 'team' ? 'person' : kind.slice(0, -1)}: rounded hours and billable amounts per currency, at most a year`,
          tags,
          security: HARVEST_SECURITY,
          querystring: TimeReportQuery,
          response: { 200: HarvestPage('results', ROWS[kind]) },
        },
        // Not counted against the general limit: reports have their own.
        config:
          rateLimit === undefined
            ? {}
            : { rateLimit: false, rateLimitWindowSeconds: rateLimit?.windowSeconds },
        ...(limiter ? { onRequest: limiter } : {}),
      },
      async (request) => {
        const query = request.query;
        const report = await reports.timeReport(actorOf(request), kind, {
          from: query.from,
          to: query.to,
          includeFixedFee: query.include_fixed_fee ?? false,
        });
        const rows = presentTimeReportRows(kind, report);
        const perPage = query.per_page ?? MAX_PER_PAGE;
        const page = query.page ?? 1;
        return presentHarvestPage({
          key: 'results',
          items: rows.slice((page - 1) * perPage, page * perPage),
          page: { rows: [], total: rows.length, hasOlder: false, hasNewer: false },
          request: { perPage, page, cursor: null },
          url: `${publicUrl}/v2/reports/time/${kind}`,
          query,
        });
      },
    );
  }

  app.get(
    '/reports/project_budget',
    {
      schema: {
        operationId: 'projectBudgetReport',
        summary:
          'Project budget report: each budgeted project with its budget, spent and remaining (monthly budgets: this month)',
        tags,
        security: HARVEST_SECURITY,
        querystring: ProjectBudgetReportQuery,
        response: { 200: HarvestPage('results', ProjectBudgetReportRow) },
      },
      config:
        rateLimit === undefined
          ? {}
          : { rateLimit: false, rateLimitWindowSeconds: rateLimit?.windowSeconds },
      ...(limiter ? { onRequest: limiter } : {}),
    },
    async (request) => {
      const query = request.query;
      const rows = (
        await budgets.list(actorOf(request), {
          ...(query.is_active === undefined ? {} : { isActive: query.is_active }),
        })
      ).map(presentHarvestBudget);
      const perPage = query.per_page ?? MAX_PER_PAGE;
      const page = query.page ?? 1;
      return presentHarvestPage({
        key: 'results',
        items: rows.slice((page - 1) * perPage, page * perPage),
        page: { rows: [], total: rows.length, hasOlder: false, hasNewer: false },
        request: { perPage, page, cursor: null },
        url: `${publicUrl}/v2/reports/project_budget`,
        query,
      });
    },
  );
}
