import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { localDate } from '../../../shared/dates.ts';
import type { RoundingMode } from '../../../shared/time.ts';
import type { Clock } from '../../shared/clock.ts';
import { notFound } from '../../shared/domain-error.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import { eventActorOf } from '../events/events.rules.ts';
import { budgetSpend, loadPricing, type ProjectSpend } from '../reports/reports.service.ts';
import { visibleTimeOf } from '../time-entries/time-entries.service.ts';
import { seesBillableRates } from '../users/users.rules.ts';
import {
  alertLevel,
  budgetAlerts,
  budgetAmount,
  budgetPeriod,
  budgetUnit,
  forecast,
  lastWorkingDays,
  type AlertLevel,
  type BudgetUnit,
  type Forecast,
} from './budgets.rules.ts';
import {
  findAssignmentBudgets,
  findBudgetStates,
  findBudgetedProjects,
  saveBudgetState,
} from './budgets.repository.ts';

/** How many working days the burn pace is read over, unless asked otherwise. */
export const DEFAULT_PACE_DAYS = 10;

export interface ProjectBudget {
  project: { id: number; name: string; code: string | null; isActive: boolean };
  client: { id: number; name: string };
  budgetBy: string;
  isMonthly: boolean;
  unit: BudgetUnit;
  /** The currency of a money budget (the client's); null for hours. */
  currency: string | null;
  /** Hundredths of an hour, or of the currency. */
  budget: number;
  spent: number;
  remaining: number;
  period: { from: string | null; to: string | null };
  alertPercentage: number;
  notifies: boolean;
  level: AlertLevel;
  forecast: Forecast;
  /** Money budgets shown to a viewer who may not see money: figures hidden. */
  hidden: boolean;
}

export interface BudgetsService {
  list(actor: Actor, options: { isActive?: boolean; paceDays?: number }): Promise<ProjectBudget[]>;
  ofProject(actor: Actor, projectId: number, paceDays?: number): Promise<ProjectBudget>;
  /**
   * Notes that projects' time changed: their budgets are weighed shortly after, in a
   * transaction of their own, and an event recorded for each threshold crossed or forecast
   * that moved before the end.
   */
  timeChanged(actor: Actor, projectIds: readonly number[]): void;
  /** Weighs the budgets of some projects now (what timeChanged schedules). */
  weigh(actor: Actor, projectIds: readonly number[]): Promise<void>;
  /** Resolves once every budget noted as changed has been weighed. */
  settled(): Promise<void>;
}

/** How long time changes gather before their budgets are weighed: a burst is weighed once. */
export const BUDGET_WEIGH_DELAY_MS = 250;

export function createBudgetsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  delayMs?: number;
}): BudgetsService {
  const { db, clock, events } = deps;
  const delayMs = deps.delayMs ?? BUDGET_WEIGH_DELAY_MS;
  /** Per account: the latest actor who changed time, and the projects to weigh. */
  const pending = new Map<number, { actor: Actor; projectIds: Set<number> }>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  async function compute(
    conn: Kysely<Database>,
    actor: Actor,
    projects: Awaited<ReturnType<typeof findBudgetedProjects>>,
    paceDays: number,
  ): Promise<ProjectBudget[]> {
    const ids = projects.map((p) => p.id);
    const today = localDate(clock.now(), actor.settings.timezone);
    const rounding = {
      mode: actor.settings.timeRoundingMode as RoundingMode,
      minutes: actor.settings.timeRoundingMinutes,
    };
    const window = lastWorkingDays(today, paceDays);
    const monthly = budgetPeriod(true, today);
    const monthlyIds = projects.filter((p) => p.budget_is_monthly === 1).map((p) => p.id);
    const totalIds = projects.filter((p) => p.budget_is_monthly !== 1).map((p) => p.id);
    const pricing = await loadPricing(conn, actor.accountId, { projectIds: ids });
    const [assignments, total, month, recent] = await Promise.all([
      findAssignmentBudgets(conn, ids),
      budgetSpend(
        conn,
        actor.accountId,
        { projectIds: totalIds, ...budgetPeriod(false, today), rounding },
        pricing,
      ),
      budgetSpend(conn, actor.accountId, { projectIds: monthlyIds, ...monthly, rounding }, pricing),
      budgetSpend(conn, actor.accountId, { projectIds: ids, ...window, rounding }, pricing),
    ]);
    const money = seesBillableRates(actor);
    const result: ProjectBudget[] = [];
    for (const p of projects) {
      const unit = budgetUnit(p.budget_by);
      const budget = budgetAmount(
        {
          budgetBy: p.budget_by,
          budgetHundredths: p.budget_hundredths,
          costBudgetCents: p.cost_budget_cents,
        },
        assignments.tasks.filter((a) => a.project_id === p.id).map((a) => a.budget_hundredths),
        assignments.people.filter((a) => a.project_id === p.id).map((a) => a.budget_hundredths),
      );
      if (unit === null || budget === null) continue;
      const isMonthly = p.budget_is_monthly === 1;
      const used = (spend: ProjectSpend | undefined) =>
        !spend
          ? 0
          : unit === 'hours'
            ? spend.hundredths
            : // Fees in 1/10 000 of a unit to hundredths, halves away from zero.
              Number((spend.feesMicro + 50n) / 100n);
      const spent = used((isMonthly ? month : total).get(p.id));
      const remaining = budget - spent;
      const endsOn = isMonthly
        ? p.ends_on !== null && p.ends_on < monthly.to
          ? p.ends_on
          : monthly.to
        : p.ends_on;
      result.push({
        project: { id: p.id, name: p.name, code: p.code, isActive: p.is_active === 1 },
        client: { id: p.client_id, name: p.client_name },
        budgetBy: p.budget_by,
        isMonthly,
        unit,
        currency: unit === 'money' ? p.currency : null,
        budget,
        spent,
        remaining,
        period: isMonthly ? { from: monthly.from, to: monthly.to } : { from: null, to: null },
        alertPercentage: p.over_budget_notification_percentage,
        notifies: p.notify_when_over_budget === 1,
        level: alertLevel(spent, budget, p.over_budget_notification_percentage),
        forecast: forecast({
          remaining,
          spentInWindow: used(recent.get(p.id)),
          paceDays,
          today,
          endsOn,
        }),
        hidden: unit === 'money' && !money,
      });
    }
    return result;
  }

  /** Harvest §7.3: administrators all; managers their projects; everyone what is shown to all. */
  async function visibleProjects(
    actor: Actor,
    filter: { projectIds?: number[]; isActive?: boolean },
  ) {
    const projects = await findBudgetedProjects(db, actor.accountId, filter);
    if (isAdministrator(actor)) return projects;
    const scope = await visibleTimeOf(db, actor);
    const managed = new Set(actor.accessLevel === 'manager' ? (scope?.projectIds ?? []) : []);
    return projects.filter((p) => p.show_budget_to_all === 1 || managed.has(p.id));
  }

  const service: BudgetsService = {
    async list(actor, options) {
      const projects = await visibleProjects(actor, {
        ...(options.isActive === undefined ? {} : { isActive: options.isActive }),
      });
      return compute(db, actor, projects, options.paceDays ?? DEFAULT_PACE_DAYS);
    },

    async ofProject(actor, projectId, paceDays) {
      const projects = await visibleProjects(actor, { projectIds: [projectId] });
      const [budget] = await compute(db, actor, projects, paceDays ?? DEFAULT_PACE_DAYS);
      if (!budget) throw notFound('budget');
      return budget;
    },

    timeChanged(actor, projectIds) {
      if (projectIds.length === 0) return;
      const entry = pending.get(actor.accountId) ?? { actor, projectIds: new Set<number>() };
      entry.actor = actor;
      for (const id of projectIds) entry.projectIds.add(id);
      pending.set(actor.accountId, entry);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const batch = [...pending.values()];
        pending.clear();
        running = running.then(async () => {
          for (const { actor: who, projectIds: ids } of batch) {
            try {
              await service.weigh(who, [...ids]);
            } catch {
              // The levels are kept in budget_states: a budget not weighed now (the database
              // closing, a lost race) is weighed with the next change of its time.
            }
          }
        });
      }, delayMs);
      timer.unref();
    },

    async settled() {
      while (timer || pending.size > 0)
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      await running;
    },

    async weigh(actor, projectIds) {
      const ids = [...new Set(projectIds)];
      // Read outside any write: weighing never holds the writers' lock while it sums time.
      const projects = await findBudgetedProjects(db, actor.accountId, { projectIds: ids });
      if (projects.length === 0) return;
      await db.transaction().execute((tx) => weighIn(tx, actor, projects, ids));
    },
  };

  async function weighIn(
    tx: Kysely<Database>,
    actor: Actor,
    projects: Awaited<ReturnType<typeof findBudgetedProjects>>,
    ids: number[],
  ): Promise<void> {
    {
      const [budgets, states] = await Promise.all([
        compute(tx, actor, projects, DEFAULT_PACE_DAYS),
        findBudgetStates(tx, ids),
      ]);
      const at = clock.now().getTime();
      const today = localDate(clock.now(), actor.settings.timezone);
      for (const budget of budgets) {
        const stored = states.find((s) => s.project_id === budget.project.id);
        const { alerts, state } = budgetAlerts(
          stored
            ? {
                period: stored.period,
                level: stored.level as AlertLevel,
                runsOutOn: stored.runs_out_on,
              }
            : null,
          {
            period: budgetPeriod(budget.isMonthly, today).key,
            level: budget.level,
            forecast: budget.forecast,
          },
          budget.notifies,
        );
        if (
          stored &&
          stored.period === state.period &&
          stored.level === state.level &&
          stored.runs_out_on === state.runsOutOn
        )
          continue;
        await saveBudgetState(tx, {
          project_id: budget.project.id,
          account_id: actor.accountId,
          period: state.period,
          level: state.level,
          runs_out_on: state.runsOutOn,
          updated_at: at,
        });
        if (alerts.length === 0) continue;
        const snapshot = {
          projectId: budget.project.id,
          projectName: budget.project.name,
          budgetBy: budget.budgetBy,
          unit: budget.unit,
          currency: budget.currency,
          // Hundredths of an hour, or of the currency, as budgets are kept.
          budgetHundredths: budget.budget,
          spentHundredths: budget.spent,
          remainingHundredths: budget.remaining,
          alertPercentage: budget.alertPercentage,
          runsOutOn: budget.forecast.runsOutOn,
          endsOn: budget.forecast.endsOn,
          period: state.period,
        };
        await events.record(
          tx,
          eventActorOf(actor),
          ...alerts.map((alert) => ({
            type: alert.type,
            entityId: budget.project.id,
            projectId: budget.project.id,
            before: null,
            after: snapshot,
          })),
        );
      }
    }
  }
  return service;
}
