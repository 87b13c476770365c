import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';

export const HarvestImportBody = Type.Object(
  {
    baseUrl: Type.String({
      minLength: 1,
      maxLength: 2000,
      description:
        "The source's address: `https://api.harvestapp.com`, or another Punch. Public addresses only unless the server allows others (WEBHOOK_ALLOWED_TARGETS).",
    }),
    token: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: "A personal access token of the source account's administrator; not stored.",
    }),
    accountId: Type.String({
      minLength: 1,
      maxLength: 20,
      pattern: '^\\s*\\d+\\s*$',
      description: 'The source account id (the Harvest-Account-Id header).',
    }),
    dryRun: Type.Optional(
      Type.Boolean({ description: 'Report what would be created and refused, and write nothing.' }),
    ),
  },
  { additionalProperties: false, title: 'HarvestImportRequest' },
);

const Names = Type.Array(Type.String());

export const HarvestImportReportSchema = Type.Object(
  {
    source: Type.Object({
      baseUrl: Type.String(),
      accountId: Type.String(),
      name: Nullable(Type.String()),
    }),
    dryRun: Type.Boolean(),
    created: Type.Object({
      people: Names,
      clients: Names,
      projects: Names,
      tasks: Names,
      assignments: Type.Integer({ minimum: 0 }),
      entries: Type.Integer({ minimum: 0 }),
      seconds: Type.Integer({ minimum: 0 }),
    }),
    matched: Type.Object({
      people: Type.Integer({ minimum: 0 }),
      clients: Type.Integer({ minimum: 0 }),
      projects: Type.Integer({ minimum: 0 }),
      tasks: Type.Integer({ minimum: 0 }),
    }),
    alreadyImported: Type.Integer({
      minimum: 0,
      description: 'Entries an earlier run imported; nothing is done for them.',
    }),
    refused: Type.Array(
      Type.Object({
        kind: Type.String({
          description:
            'user, client, task, project, user_assignment, task_assignment or time_entry',
        }),
        sourceId: Type.Integer(),
        reason: Type.String(),
      }),
    ),
  },
  { title: 'HarvestImportReport' },
);
