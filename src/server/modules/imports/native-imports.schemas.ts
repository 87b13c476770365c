import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';
import { DATE_ORDERS, IMPORT_FORMATS } from './import-formats.rules.ts';

const Format = Type.Unsafe<(typeof IMPORT_FORMATS)[number]>({
  type: 'string',
  enum: [...IMPORT_FORMATS],
  description:
    'Whose export it is; told from its columns when left out. `custom`: any file, read through the `columns` field.',
});

const Header = (what: string) =>
  Type.String({ minLength: 1, description: `The header of the column with ${what}.` });

/**
 * The multipart field `columns` (JSON), shown in the report; the route checks the field by hand,
 * since a multipart field is only text to Fastify.
 */
export const ImportColumnsSchema = Type.Object(
  {
    date: Header("each row's date: ISO (a time after it is ignored), or D/M/Y, D.M.Y, D-M-Y"),
    dateOrder: Type.Optional(
      Type.Unsafe<(typeof DATE_ORDERS)[number]>({
        type: 'string',
        enum: [...DATE_ORDERS],
        description:
          'How a date such as 04/11/2026 reads: day first (`dmy`, the default) or month first (`mdy`).',
      }),
    ),
    person: Header('who tracked the time: a name or an e-mail address'),
    lastName: Type.Optional(Header('their last name, when the file splits names in two')),
    email: Type.Optional(Header('their e-mail address (matched before the name)')),
    client: Header("the project's client"),
    project: Header('the project'),
    projectCode: Type.Optional(Header("the project's code (given to projects the import makes)")),
    task: Type.Optional(Header('the task')),
    notes: Type.Optional(Header('the notes')),
    duration: Type.Optional(
      Header(
        'the time spent: `1:30`, `1:30:00` or decimal hours; required unless start and end are given',
      ),
    ),
    start: Type.Optional(Header('when the work began (`13:05`, `01:05 PM`, or a date and time)')),
    end: Type.Optional(
      Header(
        'when it ended; without a duration, the time between start and end (past midnight if the end is earlier)',
      ),
    ),
    billable: Type.Optional(Header('whether it is billable (yes/no, true/false, 1/0)')),
  },
  { additionalProperties: false },
);

/** Largest import accepted (a million CSV rows is some 120 MB). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

export const ImportQuery = Type.Object(
  {
    format: Type.Optional(Format),
    dryRun: Type.Optional(
      Type.Boolean({
        description:
          "Report what would be created and refused, and write nothing. With `format=custom` and no `columns`, reads nothing and reports the file's `headers`.",
      }),
    ),
  },
  { additionalProperties: false },
);

const Row = Type.Object(
  {
    line: Type.Integer(),
    externalId: Type.String(),
    spentDate: Type.String({ format: 'date' }),
    person: Type.Object({ name: Type.String(), email: Nullable(Type.String()) }),
    client: Type.String(),
    project: Type.String(),
    projectCode: Nullable(Type.String()),
    task: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    seconds: Type.Integer(),
    startedTime: Nullable(Type.String()),
    endedTime: Nullable(Type.String()),
    billable: Nullable(Type.Boolean()),
  },
  { title: 'ImportRow' },
);

export const ImportReportSchema = Type.Object(
  {
    format: Format,
    dryRun: Type.Boolean(),
    rows: Type.Integer({ description: 'Rows in the file.' }),
    alreadyImported: Type.Integer({ description: 'Rows an earlier run imported: left alone.' }),
    created: Type.Object({
      clients: Type.Array(Type.String()),
      projects: Type.Array(Type.String()),
      tasks: Type.Array(Type.String()),
      assignments: Type.Integer(),
      entries: Type.Integer(),
      seconds: Type.Integer(),
    }),
    refused: Type.Array(
      Type.Object({ line: Type.Integer(), reason: Type.String() }, { title: 'ImportRefusal' }),
    ),
    preview: Type.Array(Row),
    headers: Type.Array(Type.String(), {
      description: "The file's header row: the names `columns` may use.",
    }),
    columns: Nullable(
      Type.Object(ImportColumnsSchema.properties, {
        title: 'ImportColumns',
        additionalProperties: false,
        description:
          'How the file was read: the `columns` sent, or the mapping its format implies (a starting point for a custom one); null for `custom` without columns.',
      }),
    ),
  },
  { title: 'ImportReport' },
);
