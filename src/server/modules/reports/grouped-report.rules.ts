import { billingOfGroup, type ReportCatalog, type ReportProject } from './reports.rules.ts';
import {
  bucketRange,
  capacitySeconds,
  isTimeDimension,
  type DateRange,
  type Dimension,
  type Interval,
} from './report-definition.rules.ts';

/**
 * A native report from the database's groups: time summed per project, task, person, rate
 * period and (when asked) time bucket, each entry rounded before it was added. Prices, names,
 * rows, totals and the chart's series are all worked out here, on those groups only.
 */

export interface FactGroup {
  projectId: number;
  taskId: number | null;
  userId: number;
  /** First day of the rate period: the rates in force that day hold for the whole group. */
  periodStart: string;
  /** The group's time bucket (a day, a week's first day, YYYY-MM), when the query had one. */
  bucket: string | null;
  seconds: number;
  /** Σ of the entries' rounded hours, in hundredths. */
  hundredths: number;
}

/** Money summed exactly: hundredths of an hour × rates in hundredths = 1/10 000 of a unit. */
export type Micro = bigint;

export interface Figures {
  seconds: number;
  roundedSeconds: number;
  billableSeconds: number;
  billableRoundedSeconds: number;
  /** Billable amounts per currency, in 1/10 000 of the currency's unit. */
  billableMicro: Map<string, Micro>;
  /** Cost (people's cost rates) in the account currency, 1/10 000 of its unit. */
  costMicro: Micro;
  /** The capacity behind the row's people over the row's days; null where none applies. */
  capacitySeconds: number | null;
}

export interface GroupKey {
  dimension: Dimension;
  /** The entity's id; null for time buckets and time without a task. */
  id: number | null;
  /** A stable text key: the id, or the bucket itself. */
  key: string;
  name: string;
}

export interface GroupedRow {
  key: GroupKey;
  figures: Figures;
  children: GroupedRow[];
}

export interface GroupedReport {
  rows: GroupedRow[];
  totals: Figures;
}

export interface ReportPerson {
  id: number;
  weeklyCapacitySeconds: number;
}

export interface GroupingContext {
  range: DateRange;
  groupBy: readonly Dimension[];
  weekStartDay: string;
  catalog: ReportCatalog;
  includeFixedFee: boolean;
  /** Only billable (true) or non-billable (false) time; null: both. */
  billable: boolean | null;
  /** The people whose capacity the report weighs time against; null: none applies. */
  people: readonly ReportPerson[] | null;
}

const HUNDREDTH_SECONDS = 36;

export function emptyFigures(): Figures {
  return {
    seconds: 0,
    roundedSeconds: 0,
    billableSeconds: 0,
    billableRoundedSeconds: 0,
    billableMicro: new Map(),
    costMicro: 0n,
    capacitySeconds: null,
  };
}

/** A group's figures, once priced: what every row it belongs to adds. */
interface PricedGroup {
  project: ReportProject;
  group: FactGroup;
  billable: boolean;
  billableMicro: Micro;
  costMicro: Micro;
}

function price(
  group: FactGroup,
  context: Pick<GroupingContext, 'catalog' | 'includeFixedFee'>,
): PricedGroup | null {
  const project = context.catalog.projects.get(group.projectId);
  if (!project) return null;
  const billing = billingOfGroup(group, project, context.catalog);
  const hundredths = BigInt(group.hundredths);
  const amounts = billing.billable && (!project.isFixedFee || context.includeFixedFee);
  return {
    project,
    group,
    billable: billing.billable,
    billableMicro: amounts ? hundredths * BigInt(billing.billableRateCents ?? 0) : 0n,
    costMicro: hundredths * BigInt(billing.costRateCents ?? 0),
  };
}

function add(figures: Figures, priced: PricedGroup): void {
  const { group } = priced;
  figures.seconds += group.seconds;
  figures.roundedSeconds += group.hundredths * HUNDREDTH_SECONDS;
  if (priced.billable) {
    figures.billableSeconds += group.seconds;
    figures.billableRoundedSeconds += group.hundredths * HUNDREDTH_SECONDS;
    const currency = priced.project.currency;
    figures.billableMicro.set(
      currency,
      (figures.billableMicro.get(currency) ?? 0n) + priced.billableMicro,
    );
  }
  figures.costMicro += priced.costMicro;
}

/** The key of a group along one dimension. */
export function keyOf(
  dimension: Dimension,
  priced: { project: ReportProject; group: FactGroup },
  catalog: ReportCatalog,
): GroupKey {
  const { project, group } = priced;
  switch (dimension) {
    case 'client':
      return {
        dimension,
        id: project.clientId,
        key: String(project.clientId),
        name: project.clientName,
      };
    case 'project':
      return { dimension, id: project.id, key: String(project.id), name: project.name };
    case 'task':
      return group.taskId === null
        ? { dimension, id: null, key: 'none', name: '' }
        : {
            dimension,
            id: group.taskId,
            key: String(group.taskId),
            name: catalog.tasks.get(group.taskId) ?? '',
          };
    case 'person':
      return {
        dimension,
        id: group.userId,
        key: String(group.userId),
        name: catalog.users.get(group.userId)?.name ?? '',
      };
    case 'day':
    case 'week':
    case 'month':
      return { dimension, id: null, key: group.bucket ?? '', name: group.bucket ?? '' };
  }
}

/** Whether a group passes the billable filter (the only filter the database cannot apply). */
function passes(priced: PricedGroup, billable: boolean | null): boolean {
  return billable === null || priced.billable === billable;
}

export function buildGroupedReport(
  groups: readonly FactGroup[],
  context: GroupingContext,
): GroupedReport {
  const totals = emptyFigures();
  const top = new Map<string, GroupedRow & { index: Map<string, GroupedRow> }>();
  const [outer, inner] = context.groupBy;
  for (const group of groups) {
    const priced = price(group, context);
    if (!priced || !passes(priced, context.billable)) continue;
    add(totals, priced);
    if (!outer) continue;
    const outerKey = keyOf(outer, priced, context.catalog);
    let row = top.get(outerKey.key);
    if (!row) {
      row = { key: outerKey, figures: emptyFigures(), children: [], index: new Map() };
      top.set(outerKey.key, row);
    }
    add(row.figures, priced);
    if (!inner) continue;
    const innerKey = keyOf(inner, priced, context.catalog);
    let child = row.index.get(innerKey.key);
    if (!child) {
      child = { key: innerKey, figures: emptyFigures(), children: [] };
      row.index.set(innerKey.key, child);
      row.children.push(child);
    }
    add(child.figures, priced);
  }
  const rows = [...top.values()].map(({ key, figures, children }) => ({
    key,
    figures,
    children: sortRows(children),
  }));
  const capacity = capacityRule(context);
  totals.capacitySeconds = capacity([]);
  for (const row of rows) {
    row.figures.capacitySeconds = capacity([row.key]);
    for (const child of row.children)
      child.figures.capacitySeconds = capacity([row.key, child.key]);
  }
  return { rows: sortRows(rows), totals };
}

/**
 * A row's capacity: its person's (or everyone's in the report) weekly capacity spread over the
 * row's working days. Rows of a client, project or task have none: capacity is not spent there.
 */
function capacityRule(context: GroupingContext) {
  return (keys: readonly GroupKey[]): number | null => {
    if (context.people === null) return null;
    const everyone = context.people;
    if (keys.some((k) => !isTimeDimension(k.dimension) && k.dimension !== 'person')) return null;
    const time = keys.find((k) => isTimeDimension(k.dimension));
    const range = time
      ? bucketRange(time.key, time.dimension as Interval, context.range, context.weekStartDay)
      : context.range;
    const person = keys.find((k) => k.dimension === 'person');
    const people = person ? everyone.filter((p) => p.id === person.id) : everyone;
    let total = 0;
    for (const p of people) total += capacitySeconds(p.weeklyCapacitySeconds, range);
    return total;
  };
}

function sortRows(rows: GroupedRow[]): GroupedRow[] {
  return rows.sort((a, b) => {
    if (isTimeDimension(a.key.dimension)) return a.key.key.localeCompare(b.key.key);
    return (
      a.key.name.localeCompare(b.key.name, 'en', { sensitivity: 'base' }) ||
      a.key.key.localeCompare(b.key.key)
    );
  });
}

export interface Series {
  /** Null for the one series of an ungrouped chart, and for "everything else". */
  key: GroupKey | null;
  other: boolean;
  roundedSeconds: number[];
}

/** The chart stacks by the report's first dimension that is not a time (or none at all). */
export function stackDimension(groupBy: readonly Dimension[]): Dimension | null {
  return groupBy.find((d) => !isTimeDimension(d)) ?? null;
}

/** How many stacks a chart shows before the rest are summed as one. */
export const MAX_SERIES = 9;

/**
 * The chart: rounded time per bucket, stacked by a dimension; the largest stacks by total are
 * shown and the rest summed as one, so a chart of 500 projects stays readable and its stacks
 * still add up to the report's total.
 */
export function buildSeries(
  groups: readonly FactGroup[],
  buckets: readonly string[],
  stack: Dimension | null,
  context: Pick<GroupingContext, 'catalog' | 'includeFixedFee' | 'billable'>,
): Series[] {
  const position = new Map(buckets.map((b, i) => [b, i]));
  const stacks = new Map<string, { key: GroupKey | null; values: number[]; total: number }>();
  for (const group of groups) {
    const priced = price(group, context);
    if (!priced || !passes(priced, context.billable)) continue;
    const at = position.get(group.bucket ?? '');
    if (at === undefined) continue;
    const key = stack ? keyOf(stack, priced, context.catalog) : null;
    const id = key?.key ?? '';
    let entry = stacks.get(id);
    if (!entry) {
      entry = { key, values: buckets.map(() => 0), total: 0 };
      stacks.set(id, entry);
    }
    const seconds = group.hundredths * HUNDREDTH_SECONDS;
    entry.values[at] = (entry.values[at] ?? 0) + seconds;
    entry.total += seconds;
  }
  const ordered = [...stacks.values()].sort(
    (a, b) => b.total - a.total || (a.key?.name ?? '').localeCompare(b.key?.name ?? '', 'en'),
  );
  const shown = ordered.length > MAX_SERIES + 1 ? ordered.slice(0, MAX_SERIES) : ordered;
  const series: Series[] = shown.map((s) => ({
    key: s.key,
    other: false,
    roundedSeconds: s.values,
  }));
  if (shown.length < ordered.length) {
    const rest = buckets.map(() => 0);
    for (const s of ordered.slice(MAX_SERIES))
      s.values.forEach((v, i) => (rest[i] = (rest[i] ?? 0) + v));
    series.push({ key: null, other: true, roundedSeconds: rest });
  }
  return series;
}

/** 1/10 000 of a unit to the currency's minor units, rounded once, halves away from zero. */
export function microToMinor(micro: Micro, digits: number): number {
  const divisor = 10n ** BigInt(4 - Math.min(digits, 4));
  const negative = micro < 0n;
  const n = negative ? -micro : micro;
  const q = (2n * n + divisor) / (2n * divisor);
  return Number(negative ? -q : q);
}
