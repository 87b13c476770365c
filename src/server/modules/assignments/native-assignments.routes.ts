import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { MAX_PER_PAGE } from '../../shared/pagination.ts';
import type { AssignmentsService } from './assignments.service.ts';
import { TrackingOptions, TrackingOptionsQuery } from './native-assignments.schemas.ts';

/** What a person may track time to: their active projects, each with its active tasks. */
export function nativeAssignmentsRoutes(app: App, deps: { assignments: AssignmentsService }) {
  app.get(
    '/tracking-options',
    {
      schema: {
        operationId: 'listTrackingOptions',
        summary: 'The projects (with their tasks) a person may track time to, by client and name',
        tags: ['Punch: Time entries'],
        security: NATIVE_SECURITY,
        querystring: TrackingOptionsQuery,
        response: { 200: TrackingOptions },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { page, tasks } = await deps.assignments.listProjectAssignments(
        actor,
        request.query.userId ?? actor.userId,
        { perPage: MAX_PER_PAGE, page: 1, cursor: null },
      );
      const projects = page.rows.map((row) => ({
        id: row.project_id,
        name: row.project_name,
        code: row.project_code,
        client: { id: row.client_id, name: row.client_name },
        tasks: tasks
          .filter((t) => t.project_id === row.project_id)
          .map((t) => ({ id: t.task_id, name: t.task_name, billable: t.billable === 1 })),
      }));
      projects.sort(
        (a, b) => a.client.name.localeCompare(b.client.name) || a.name.localeCompare(b.name),
      );
      return { projects };
    },
  );
}
