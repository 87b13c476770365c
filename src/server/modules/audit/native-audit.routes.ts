import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import { AUDIT_ERRORS } from './audit.errors.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { AuditService } from './audit.service.ts';
import { AuditList, AuditQuery } from './native-audit.schemas.ts';

const PAGE = 50;

/** The audit log: every change, who made it, when, which way it came in, before and after. */
export function nativeAuditRoutes(app: App, deps: { audit: AuditService }) {
  const { audit } = deps;
  app.get(
    '/audit-log',
    {
      schema: {
        operationId: 'listAuditLog',
        summary: "The account's changes, newest first, with the fields before and after",
        description:
          'Administrators only. Filters combine: a person, a kind of record (and one record), a kind of change, and a time range.',
        tags: ['Punch: Audit log'],
        security: NATIVE_SECURITY,
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (request) => {
      const q = request.query;
      const from = q.from === undefined ? null : Date.parse(q.from);
      const to = q.to === undefined ? null : Date.parse(q.to);
      if (from !== null && to !== null && from > to)
        throw wordedInvalid(['to: must not be before from'], AUDIT_ERRORS.invalidQuery);
      const limit = q.limit ?? PAGE;
      const entries = await audit.list(
        actorOf(request),
        {
          actorUserId: q.personId ?? null,
          entityType: q.entityType ?? null,
          entityId: q.entityId ?? null,
          action: q.action ?? null,
          from,
          to,
        },
        { before: q.before ?? null, limit },
      );
      return {
        data: entries.map((entry) => ({ ...entry, occurredAt: toWireInstant(entry.occurredAt) })),
        nextBefore: entries.length === limit ? (entries.at(-1)?.id ?? null) : null,
      };
    },
  );
}
