import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';
import { IMPORT_FORMATS } from './import-formats.rules.ts';

const Format = Type.Unsafe<(typeof IMPORT_FORMATS)[number]>({
  type: 'string',
  enum: [...IMPORT_FORMATS],
  description: 'Whose export it is; told from its columns when left out.',
});

/** Largest import accepted (a million CSV rows is some 120 MB). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

export const ImportQuery = Type.Object(
  {
    format: Type.Optional(Format),
    dryRun: Type.Optional(
      Type.Boolean({ description: 'Report what would be created and refused, and write nothing.' }),
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
  },
  { title: 'ImportReport' },
);
