import { Type, type Static } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';
import { APPROVAL_STATUSES } from '../approvals/approvals.rules.ts';
import { DIMENSIONS, INTERVALS, PERIODS } from './report-definition.rules.ts';

const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const Ids = (what: string) =>
  Type.Array(Id, { maxItems: 500, uniqueItems: true, description: `Only time of these ${what}.` });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });
const enumOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const ReportFiltersSchema = Type.Object(
  {
    clientIds: Type.Optional(Ids('clients')),
    projectIds: Type.Optional(Ids('projects')),
    taskIds: Type.Optional(Ids('tasks')),
    personIds: Type.Optional(Ids('people')),
    billable: Type.Optional(
      Nullable(Type.Boolean({ description: 'Only billable (true) or non-billable (false) time.' })),
    ),
    approvalStatuses: Type.Optional(
      Type.Array(enumOf(APPROVAL_STATUSES), { maxItems: 3, uniqueItems: true }),
    ),
    invoiced: Type.Optional(
      Nullable(Type.Boolean({ description: 'Only invoiced (true) or uninvoiced (false) time.' })),
    ),
  },
  { additionalProperties: false, title: 'ReportFilters' },
);

export const ReportDefinitionSchema = Type.Object(
  {
    period: enumOf(
      PERIODS,
      "The days covered, relative to today in the account's time zone; custom takes from and to.",
    ),
    from: Type.Optional(Nullable(Day)),
    to: Type.Optional(Nullable(Day)),
    groupBy: Type.Array(enumOf(DIMENSIONS), {
      minItems: 1,
      maxItems: 2,
      description: 'One or two dimensions, outer first; at most one of day, week and month.',
    }),
    interval: Type.Optional(
      Type.Unsafe<(typeof INTERVALS)[number] | null>({
        type: ['string', 'null'],
        enum: [...INTERVALS, null],
        description: "The chart's step; left out or null, it follows the range's length.",
      }),
    ),
    includeFixedFee: Type.Optional(
      Type.Boolean({ description: 'Whether fixed-fee projects bring billable amounts.' }),
    ),
    filters: Type.Optional(ReportFiltersSchema),
  },
  { additionalProperties: false, title: 'ReportDefinition' },
);
export type ReportDefinitionBody = Static<typeof ReportDefinitionSchema>;

const Money = Type.Object(
  {
    currency: Type.String({ description: 'ISO 4217.' }),
    amountMinor: Type.Integer({ description: "In the currency's minor units (cents, yen)." }),
  },
  { title: 'ReportMoney' },
);

const FiguresSchema = Type.Object(
  {
    seconds: Type.Integer({ description: 'Time as tracked, to the second.' }),
    roundedSeconds: Type.Integer({
      description: "Time after the account's rounding, entry by entry (what is billed).",
    }),
    billableSeconds: Type.Integer(),
    billableRoundedSeconds: Type.Integer(),
    billableAmounts: Nullable(
      Type.Array(Money, {
        description:
          'Rounded billable time × its rate, per currency; null for viewers who may not see money.',
      }),
    ),
    costAmountMinor: Nullable(
      Type.Integer({
        description:
          "Rounded time × people's cost rates, in the account currency; administrators only.",
      }),
    ),
    capacitySeconds: Nullable(
      Type.Integer({
        description:
          "The row's people's weekly capacity over its working days; null on client, project and task rows.",
      }),
    ),
    utilization: Nullable(
      Type.Number({ description: 'Billable rounded time ÷ capacity (0.8 is 80%).' }),
    ),
  },
  { title: 'ReportFigures' },
);

const GROUP_KEY = {
  dimension: enumOf(DIMENSIONS),
  id: Nullable(
    Type.Integer({ description: 'The entity; null for times and time without a task.' }),
  ),
  key: Type.String({ description: 'The id as text, or the day, week start or YYYY-MM.' }),
  name: Type.String(),
};
const GroupKeySchema = Type.Object(GROUP_KEY, { title: 'ReportGroupKey' });

const ChildRow = Type.Object(
  { key: GroupKeySchema, figures: FiguresSchema },
  { title: 'ReportChildRow' },
);

const RowSchema = Type.Object(
  { key: GroupKeySchema, figures: FiguresSchema, children: Type.Array(ChildRow) },
  { title: 'ReportRow' },
);

export const NativeReportSchema = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    groupBy: Type.Array(enumOf(DIMENSIONS)),
    rows: Type.Array(RowSchema),
    totals: FiguresSchema,
    chart: Type.Object(
      {
        interval: enumOf(INTERVALS),
        buckets: Type.Array(Type.String(), {
          description: 'Days, week starts or YYYY-MM, empty ones included.',
        }),
        stackedBy: Type.Unsafe<string | null>({
          type: ['string', 'null'],
          enum: [...DIMENSIONS, null],
        }),
        series: Type.Array(
          Type.Object({
            key: Nullable(Type.Object(GROUP_KEY)),
            other: Type.Boolean({ description: 'The stacks beyond the largest nine, summed.' }),
            roundedSeconds: Type.Array(Type.Integer()),
          }),
        ),
      },
      { title: 'ReportChart' },
    ),
    costCurrency: Type.String(),
  },
  { title: 'Report' },
);
export type NativeReportBody = Static<typeof NativeReportSchema>;

export const ReportEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    spentDate: Type.String({ format: 'date' }),
    person: Type.Object({ id: Type.Integer(), name: Type.String() }),
    client: Type.Object({ id: Type.Integer(), name: Type.String() }),
    project: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      code: Nullable(Type.String()),
    }),
    task: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    notes: Nullable(Type.String()),
    startedTime: Nullable(Type.String({ description: 'HH:MM, on start/end accounts.' })),
    endedTime: Nullable(Type.String({ description: 'HH:MM, on start/end accounts.' })),
    seconds: Type.Integer(),
    roundedSeconds: Type.Integer(),
    isRunning: Type.Boolean(),
    billable: Type.Boolean(),
    currency: Type.String(),
    billableAmountMinor: Nullable(Type.Integer()),
    costAmountMinor: Nullable(Type.Integer()),
    approvalStatus: enumOf(APPROVAL_STATUSES),
    invoice: Nullable(Type.Object({ id: Type.Integer(), number: Nullable(Type.String()) })),
  },
  { title: 'ReportEntry' },
);

export const ReportEntriesBody = Type.Object(
  {
    definition: ReportDefinitionSchema,
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false, title: 'ReportEntriesRequest' },
);

export const ReportEntryList = Type.Object(
  {
    data: Type.Array(ReportEntrySchema),
    nextCursor: Nullable(Type.String()),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    costCurrency: Type.String(),
  },
  { title: 'ReportEntryList' },
);

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const EXPORT_CONTENTS = ['entries', 'totals'] as const;

export const ReportExportBody = Type.Object(
  {
    definition: ReportDefinitionSchema,
    format: enumOf(EXPORT_FORMATS),
    content: enumOf(EXPORT_CONTENTS, 'The detailed entries, or the grouped totals.'),
  },
  { additionalProperties: false, title: 'ReportExportRequest' },
);

export const SavedReportSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    definition: ReportDefinitionSchema,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'SavedReport' },
);

export const SavedReportList = Type.Object(
  { data: Type.Array(SavedReportSchema) },
  { title: 'SavedReportList' },
);

export const CreateSavedReportBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), definition: ReportDefinitionSchema },
  { additionalProperties: false, title: 'CreateSavedReport' },
);

export const UpdateSavedReportBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    definition: Type.Optional(ReportDefinitionSchema),
  },
  { additionalProperties: false, title: 'UpdateSavedReport' },
);

export const SavedReportParams = Type.Object({ reportId: Id });
export const ShareParams = Type.Object({ reportId: Id, shareId: Id });

export const ReportShareSchema = Type.Object(
  {
    id: Type.Integer(),
    savedReportId: Type.Integer(),
    showsAmounts: Type.Boolean({ description: 'Whether the link shows billable amounts.' }),
    expiresAt: Type.String({ format: 'date-time' }),
    revokedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
    active: Type.Boolean({ description: 'Neither revoked nor expired.' }),
  },
  { title: 'ReportShare' },
);

export const ReportShareList = Type.Object(
  { data: Type.Array(ReportShareSchema) },
  { title: 'ReportShareList' },
);

export const CreateShareBody = Type.Object(
  {
    days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 366, default: 7, description: 'The link expires then.' }),
    ),
    showsAmounts: Type.Optional(
      Type.Boolean({ description: 'Show billable amounts (never costs); false by default.' }),
    ),
  },
  { additionalProperties: false, title: 'CreateReportShare' },
);

export const CreatedShare = Type.Object(
  {
    share: ReportShareSchema,
    token: Type.String({ description: 'Shown once: the link is its only copy.' }),
    url: Type.String({ description: 'The page that opens the report, no sign-in needed.' }),
  },
  { title: 'CreatedReportShare' },
);

export const SharedTokenParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
});

export const SharedReportSchema = Type.Object(
  {
    name: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    showsAmounts: Type.Boolean(),
    report: NativeReportSchema,
  },
  { title: 'SharedReport' },
);

export const SharedEntriesQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const SharedExportQuery = Type.Object(
  {
    format: enumOf(EXPORT_FORMATS),
    content: enumOf(EXPORT_CONTENTS),
  },
  { additionalProperties: false },
);
