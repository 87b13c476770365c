import { formatClockTime } from '../../../shared/time.ts';
import { minorDigits } from '../invoices/invoices.rules.ts';
import { microToMinor, type Figures, type GroupedRow } from './grouped-report.rules.ts';
import type { ReportDefinition } from './report-definition.rules.ts';
import type { NativeReport, ReportEntry } from './native-reports.service.ts';
import type { ReportDefinitionBody } from './native-reports.schemas.ts';

/** The wire's definition as the domain reads it: every left-out field at its default. */
export function definitionOf(body: ReportDefinitionBody): ReportDefinition {
  const f = body.filters ?? {};
  return {
    period: body.period,
    from: body.from ?? null,
    to: body.to ?? null,
    groupBy: body.groupBy,
    interval: body.interval ?? null,
    includeFixedFee: body.includeFixedFee ?? false,
    filters: {
      clientIds: f.clientIds ?? [],
      projectIds: f.projectIds ?? [],
      taskIds: f.taskIds ?? [],
      personIds: f.personIds ?? [],
      billable: f.billable ?? null,
      approvalStatuses: f.approvalStatuses ?? [],
      invoiced: f.invoiced ?? null,
    },
  };
}

/** A definition as stored and sent back: only what differs from the defaults is left out. */
export function definitionBody(definition: ReportDefinition): ReportDefinitionBody {
  return {
    period: definition.period,
    from: definition.from,
    to: definition.to,
    groupBy: [...definition.groupBy],
    interval: definition.interval,
    includeFixedFee: definition.includeFixedFee,
    filters: {
      clientIds: [...definition.filters.clientIds],
      projectIds: [...definition.filters.projectIds],
      taskIds: [...definition.filters.taskIds],
      personIds: [...definition.filters.personIds],
      billable: definition.filters.billable,
      approvalStatuses: [...definition.filters.approvalStatuses],
      invoiced: definition.filters.invoiced,
    },
  };
}

export interface MoneyView {
  showsAmounts: boolean;
  showsCosts: boolean;
  costCurrency: string;
}

export function presentFigures(figures: Figures, view: MoneyView) {
  return {
    seconds: figures.seconds,
    roundedSeconds: figures.roundedSeconds,
    billableSeconds: figures.billableSeconds,
    billableRoundedSeconds: figures.billableRoundedSeconds,
    billableAmounts: view.showsAmounts
      ? [...figures.billableMicro]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, micro]) => ({
            currency,
            amountMinor: microToMinor(micro, minorDigits(currency)),
          }))
      : null,
    costAmountMinor: view.showsCosts
      ? microToMinor(figures.costMicro, minorDigits(view.costCurrency))
      : null,
    capacitySeconds: figures.capacitySeconds,
    utilization:
      figures.capacitySeconds === null || figures.capacitySeconds === 0
        ? null
        : Math.round((figures.billableRoundedSeconds / figures.capacitySeconds) * 10_000) / 10_000,
  };
}

function presentRow(row: GroupedRow, view: MoneyView) {
  return {
    key: row.key,
    figures: presentFigures(row.figures, view),
    children: row.children.map((child) => ({
      key: child.key,
      figures: presentFigures(child.figures, view),
    })),
  };
}

export function presentReport(report: NativeReport, view: MoneyView = report) {
  return {
    from: report.range.from,
    to: report.range.to,
    groupBy: [...report.groupBy],
    rows: report.rows.map((row) => presentRow(row, view)),
    totals: presentFigures(report.totals, view),
    chart: report.chart,
    costCurrency: report.costCurrency,
  };
}

export function presentReportEntry(entry: ReportEntry, showsAmounts = true) {
  return {
    ...entry,
    startedTime: entry.startedTime === null ? null : formatClockTime(entry.startedTime, '24h'),
    endedTime: entry.endedTime === null ? null : formatClockTime(entry.endedTime, '24h'),
    billableAmountMinor: showsAmounts ? entry.billableAmountMinor : null,
    costAmountMinor: showsAmounts ? entry.costAmountMinor : null,
  };
}
