import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import qs from 'qs';
import { randomUUID } from 'node:crypto';
import secureJson from 'secure-json-parse';
import type { Database } from './db/database-types.ts';
import type { App } from './http/app-types.ts';
import { flowtlyAuthenticate, harvestAuthenticate } from './http/authenticate.ts';
import { createOperationCollector, flowtlyEntrypointRoutes } from './http/flowtly-entrypoint.ts';
import { flowtlyHooks, rewriteFlowtlySuffix } from './http/flowtly-transport.ts';
import { createNotFoundHandler, errorHandler } from './http/error-handler.ts';
import { createRouteMethods } from './http/route-methods.ts';
import { mergeHarvestParams, rewriteHarvestUrl } from './http/harvest-transport.ts';
import { idempotencyHooks } from './http/idempotency.ts';
import { registerOpenApi } from './http/openapi.ts';
import { compileValidator } from './http/validation.ts';
import { boundRouteSchema, nulInUrl } from './http/schema-bounds.ts';
import { harvestCompanyRoutes } from './modules/accounts/accounts.routes.ts';
import { createAccountsService } from './modules/accounts/accounts.service.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { flowtlyLoginRoutes } from './modules/auth/login.routes.ts';
import { createLoginsService } from './modules/auth/logins.service.ts';
import { harvestClientsRoutes } from './modules/clients/clients.routes.ts';
import { createClientsService } from './modules/clients/clients.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { harvestAssignmentsRoutes } from './modules/assignments/assignments.routes.ts';
import { createAssignmentsService } from './modules/assignments/assignments.service.ts';
import { createIdempotencyService } from './modules/idempotency/idempotency.service.ts';
import { flowtlyEmployeeDocumentsRoutes } from './modules/employee-documents/employee-documents.routes.ts';
import { createEmployeeDocumentsService } from './modules/employee-documents/employee-documents.service.ts';
import { DEFAULT_DOCUMENT_MAX_BYTES } from './config.ts';
import { flowtlyProjectRatesRoutes } from './modules/project-rates/project-rates.routes.ts';
import { createProjectRatesService } from './modules/project-rates/project-rates.service.ts';
import { flowtlyProjectsRoutes } from './modules/projects/flowtly-projects.routes.ts';
import { harvestProjectsRoutes } from './modules/projects/projects.routes.ts';
import { createProjectsService } from './modules/projects/projects.service.ts';
import { createProjectsDirectory } from './modules/projects/projects-directory.service.ts';
import { harvestRolesRoutes } from './modules/roles/roles.routes.ts';
import { createRolesService } from './modules/roles/roles.service.ts';
import { harvestTasksRoutes } from './modules/tasks/tasks.routes.ts';
import { createTasksService } from './modules/tasks/tasks.service.ts';
import { harvestTimeEntriesRoutes } from './modules/time-entries/time-entries.routes.ts';
import { createTimeEntriesService } from './modules/time-entries/time-entries.service.ts';
import { createEventsService } from './modules/events/events.service.ts';
import { flowtlyWorkingHoursRoutes } from './modules/time-entries/working-hours.routes.ts';
import { flowtlyWorkTimesRoutes } from './modules/time-entries/work-times.routes.ts';
import { createWorkTimesService } from './modules/time-entries/work-times.service.ts';
import { flowtlyEmployeesRoutes } from './modules/users/employees.routes.ts';
import { createEmployeesService } from './modules/users/employees.service.ts';
import { harvestReportsRoutes } from './modules/reports/reports.routes.ts';
import { createReportsService } from './modules/reports/reports.service.ts';
import { createBudgetsService } from './modules/budgets/budgets.service.ts';
import { nativeBudgetsRoutes } from './modules/budgets/native-budgets.routes.ts';
import { nativeWebhooksRoutes } from './modules/webhooks/native-webhooks.routes.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { nativeAuditRoutes } from './modules/audit/native-audit.routes.ts';
import { createImportsService } from './modules/imports/imports.service.ts';
import { createHarvestImportsService } from './modules/imports/harvest-imports.service.ts';
import { nativeImportsRoutes } from './modules/imports/native-imports.routes.ts';
import { nativeHarvestImportsRoutes } from './modules/imports/native-harvest-imports.routes.ts';
import { createWebhooksService } from './modules/webhooks/webhooks.service.ts';
import { createWebhookWorker } from './modules/webhooks/webhooks.worker.ts';
import { createNativeReportsService } from './modules/reports/native-reports.service.ts';
import { nativeReportsRoutes } from './modules/reports/native-reports.routes.ts';
import { createSavedReportsService } from './modules/reports/saved-reports.service.ts';
import {
  nativeSavedReportsRoutes,
  sharedReportRoutes,
} from './modules/reports/native-saved-reports.routes.ts';
import { harvestUsersRoutes } from './modules/users/users.routes.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { createUsersDirectory } from './modules/users/users-directory.service.ts';
import { nativeUsersRoutes } from './modules/users/native-users.routes.ts';
import { nativeTimeEntriesRoutes } from './modules/time-entries/native-time-entries.routes.ts';
import { nativeTimesheetsRoutes } from './modules/time-entries/native-timesheets.routes.ts';
import { nativeAssignmentsRoutes } from './modules/assignments/native-assignments.routes.ts';
import { nativeClientsRoutes } from './modules/clients/native-clients.routes.ts';
import { nativeTasksRoutes } from './modules/tasks/native-tasks.routes.ts';
import { nativeProjectsRoutes } from './modules/projects/native-projects.routes.ts';
import { nativeAccountsRoutes } from './modules/accounts/native-accounts.routes.ts';
import { nativeEventsRoutes } from './modules/events/native-events.routes.ts';
import { createSessionsService } from './modules/auth/sessions.service.ts';
import { sessionsRoutes, signInRoutes } from './modules/auth/sessions.routes.ts';
import { setupRoutes } from './modules/setup/setup.routes.ts';
import { nativeTokensRoutes } from './modules/auth/native-tokens.routes.ts';
import { loadWebApp, pageLoadUrl, registerWebApp } from './http/web-app.ts';
import { createSetupService } from './modules/setup/setup.service.ts';
import {
  createApprovalsService,
  createPeriodsService,
} from './modules/approvals/approvals.service.ts';
import { nativeApprovalsRoutes } from './modules/approvals/native-approvals.routes.ts';
import { createInvoicesService } from './modules/invoices/invoices.service.ts';
import { createInvoicedPeriodsService } from './modules/invoices/invoiced-periods.service.ts';
import { harvestInvoicesRoutes } from './modules/invoices/invoices.routes.ts';
import { nativeInvoicesRoutes } from './modules/invoices/native-invoices.routes.ts';
import { cookieIsSecure } from './modules/auth/sessions.rules.ts';
import { NATIVE_PREFIX, nativeAuthenticate, requireJsonBody } from './http/native-transport.ts';
import cookie from '@fastify/cookie';
import type { Clock } from './shared/clock.ts';
import { DomainError } from './shared/domain-error.ts';

export interface AppDeps {
  db: Kysely<Database>;
  clock: Clock;
  publicUrl: string;
  /** Harvest API requests per token and window; max 0 turns limiting off. */
  rateLimit?: { max: number; windowSeconds: number };
  /** Harvest's separate, stricter budget for /v2/reports (100 per 15 minutes by default). */
  reportsRateLimit?: { max: number; windowSeconds: number };
  /** Largest employee document accepted, in bytes; 10 MiB when left out. */
  documentMaxBytes?: number;
  /** How often a live-update stream looks for new events, in ms (1000 when left out). */
  liveUpdatePollMs?: number;
  /** How long changed time gathers before budgets are weighed (BUDGET_WEIGH_DELAY_MS). */
  budgetWeighDelayMs?: number;
  /**
   * Webhook deliveries: addresses that may be reached although not public, the time an attempt
   * may take, how often the worker looks for work, and whether this process runs one (`punch
   * serve` does; tests drive it themselves).
   */
  webhooks?: {
    allowedTargets?: readonly string[];
    timeoutMs?: number;
    pollMs?: number;
    worker?: boolean;
    random?: () => number;
  };
  /** Days events (the audit log) are kept; 0 or absent keeps them for ever. */
  auditRetentionDays?: number;
  /** Records asked for per page of an import's source (Harvest's most, 2,000, by default). */
  importSourcePageSize?: number;
  /** Rows an import writes per transaction (5,000 by default). */
  importBatchSize?: number;
  /** The built web app (dist/web); null or absent serves the APIs alone. */
  webRoot?: string | null;
  /** A pino logger; tests leave it out and run silent. */
  logger?: FastifyBaseLogger;
}

// Rails-style bracket parameters (`a[b]=1`, `ids[]=2`) as Harvest's own collection sends them.
const parseQuery = (text: string) => qs.parse(text, { depth: 5, arrayLimit: 2000 });
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The composition root: builds every service from its adapters and registers every module's
 * routes explicitly, so all wiring is readable here.
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { db, clock, publicUrl } = deps;
  const web = loadWebApp(deps.webRoot ?? null);
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    rewriteUrl: (req) =>
      (web && pageLoadUrl(req)) ?? rewriteFlowtlySuffix(req, rewriteHarvestUrl(req.url ?? '/')),
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseQuery },
    // Keep a caller's request id so their logs and ours line up; otherwise make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Some clients send `Content-Type: application/json` with an empty body (e.g. on stop/restart).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/ld+json', 'application/merge-patch+json'],
    { parseAs: 'string' },
    (_req, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, {});
        return;
      }
      try {
        done(
          null,
          secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' }),
        );
      } catch {
        done(
          new DomainError('bad_request', 'malformed_json', 'The request body is not valid JSON'),
          undefined,
        );
      }
    },
  );
  await app.register(formbody, { parser: parseQuery });

  // Before any route: a browser's page load of an app address gets the web app (ADR 0014).
  await registerWebApp(app, web);

  app.setValidatorCompiler(compileValidator);
  app.decorateRequest('actor', null);
  app.decorateRequest('idempotencyId', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(errorHandler);
  const routeMethods = createRouteMethods();
  app.addHook('onRoute', routeMethods.onRoute);
  app.addHook('onRoute', boundRouteSchema);
  // No API reads a NUL from a path or query (PostgreSQL cannot store one): refused up front.
  app.addHook('onRequest', async (request) => {
    if (request.url.includes('%00')) throw nulInUrl();
  });
  app.setNotFoundHandler(createNotFoundHandler(routeMethods.allowedFor));
  await registerOpenApi(app, publicUrl);

  const auth = createAuthService({ db, clock });
  const events = createEventsService({ db, clock });
  const periods = createPeriodsService({ clock });
  const budgets = createBudgetsService({
    db,
    clock,
    events,
    ...(deps.budgetWeighDelayMs === undefined ? {} : { delayMs: deps.budgetWeighDelayMs }),
  });
  // Budgets noted as changed are weighed before the database goes away; tests wait for them.
  app.addHook('onClose', () => budgets.settled());
  app.decorate('settled', () => budgets.settled());
  const timeEntries = createTimeEntriesService({
    db,
    clock,
    events,
    periods,
    invoicedPeriods: createInvoicedPeriodsService(),
    budgets,
  });
  const approvals = createApprovalsService({ db, clock, events, timeEntries });
  const accounts = createAccountsService({ db, clock, events, periods });
  const clients = createClientsService({ db, clock, events, timeEntries, accounts });
  const tasks = createTasksService({ db, clock, events, timeEntries });
  const roles = createRolesService({ db, clock, events });
  // Assignments come before projects and people: a new project's first assignments are made
  // through them, so they read projects and people through those modules' directories.
  const assignments = createAssignmentsService({
    db,
    clock,
    projects: createProjectsDirectory(),
    events,
    timeEntries,
    users: createUsersDirectory(),
    tasks,
  });
  const projects = createProjectsService({ db, clock, timeEntries, events, clients, assignments });
  const users = createUsersService({
    db,
    clock,
    events,
    timeEntries,
    accounts,
    projects,
    roles,
  });
  const invoices = createInvoicesService({
    db,
    clock,
    events,
    clients,
    projects,
    timeEntries,
    accounts,
  });
  const reports = createReportsService({ db, clock });
  const nativeReports = createNativeReportsService({ db, clock });
  const savedReports = createSavedReportsService({ db, clock, events, auth });
  const webhooks = createWebhooksService({
    db,
    clock,
    events,
    settings: {
      allowedTargets: deps.webhooks?.allowedTargets ?? [],
      timeoutMs: deps.webhooks?.timeoutMs ?? 10_000,
      leaseMs: (deps.webhooks?.timeoutMs ?? 10_000) * 3 + 30_000,
      random: deps.webhooks?.random ?? Math.random,
      elapsed: () => performance.now(),
    },
  });
  const webhookWorker = createWebhookWorker({
    webhooks,
    pollMs: deps.webhooks?.pollMs ?? 1000,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  if (deps.webhooks?.worker) app.addHook('onReady', async () => webhookWorker.start());
  // Attempts under way finish (or time out) before the database goes away.
  app.addHook('onClose', () => webhookWorker.stop());
  app.decorate('webhookWorker', webhookWorker);
  const audit = createAuditService({
    clock,
    events,
    webhooks,
    retentionDays: deps.auditRetentionDays ?? 0,
  });
  if (deps.webhooks?.worker && (deps.auditRetentionDays ?? 0) > 0) {
    // The processes that do background work also forget what retention no longer keeps.
    const prune = () =>
      void audit.prune().catch((error: unknown) => {
        deps.logger?.error({ err: error }, 'audit log pruning failed');
      });
    const timer = setInterval(prune, 60 * 60 * 1000);
    timer.unref();
    app.addHook('onReady', async () => prune());
    app.addHook('onClose', async () => clearInterval(timer));
  }
  const imports = createImportsService({
    db,
    clock,
    users,
    clients,
    projects,
    tasks,
    assignments,
    timeEntries,
    ...(deps.importBatchSize ? { batchSize: deps.importBatchSize } : {}),
  });
  const harvestImports = createHarvestImportsService({
    db,
    clock,
    // A source is reached under the same rule as a webhook receiver: public addresses only,
    // unless a setting allows others.
    source: {
      timeoutMs: 60_000,
      allowedTargets: deps.webhooks?.allowedTargets ?? [],
      userAgent: `Punch import (${publicUrl})`,
      ...(deps.importSourcePageSize ? { pageSize: deps.importSourcePageSize } : {}),
    },
    users,
    clients,
    projects,
    tasks,
    assignments,
    timeEntries,
  });
  const idempotency = createIdempotencyService({ db, clock });
  const logins = createLoginsService({ db, clock, auth, events, users });
  const sessions = createSessionsService({ db, clock, auth });
  const employees = createEmployeesService({ users, logins, projects });
  const projectRates = createProjectRatesService({
    db,
    clock,
    events,
    accounts,
    projects,
    users,
  });
  const documentMaxBytes = deps.documentMaxBytes ?? DEFAULT_DOCUMENT_MAX_BYTES;
  const documents = createEmployeeDocumentsService({
    db,
    clock,
    users,
    events,
    maxBytes: documentMaxBytes,
  });

  healthRoutes(app, { db });

  await app.register(
    async (harvest) => {
      harvest.addHook('onRequest', async (request, reply) => {
        const agent = request.headers['user-agent'];
        if (typeof agent !== 'string' || agent.trim() === '') {
          return reply.code(400).send({
            message:
              'Missing User-Agent header: name your application and a contact, e.g. "MyApp (you@example.com)"',
          });
        }
      });
      harvest.addHook('onRequest', harvestAuthenticate(auth));
      const limit = deps.rateLimit ?? { max: 100, windowSeconds: 15 };
      if (limit.max > 0) {
        // Per token, as Harvest counts (§1.8); runs after authentication, so the actor is known.
        // In-memory, so each server process counts on its own.
        await harvest.register(rateLimit, {
          max: limit.max,
          timeWindow: limit.windowSeconds * 1000,
          // Harvest sends no X-RateLimit headers (§1.7); Retry-After on 429 is what clients read.
          addHeaders: {
            'x-ratelimit-limit': false,
            'x-ratelimit-remaining': false,
            'x-ratelimit-reset': false,
            'retry-after': true,
          },
          addHeadersOnExceeding: {
            'x-ratelimit-limit': false,
            'x-ratelimit-remaining': false,
            'x-ratelimit-reset': false,
          },
          keyGenerator: (request) =>
            request.actor?.credential.kind === 'token'
              ? `token:${request.actor.credential.tokenId}`
              : request.actor
                ? `user:${request.actor.userId}`
                : `ip:${request.ip}`,
          errorResponseBuilder: (request, context) => {
            // Routes with their own budget (reports) name its window in their config.
            const windowSeconds =
              request.routeOptions.config.rateLimitWindowSeconds ?? limit.windowSeconds;
            return new DomainError(
              'rate_limited',
              'rate_limited',
              `Rate limit of ${context.max} requests per ${windowSeconds} seconds exceeded; retry after ${context.after}`,
            );
          },
        });
      }
      harvest.addHook('preValidation', async (request) => mergeHarvestParams(request));
      const idempotent = idempotencyHooks(idempotency);
      harvest.addHook('preHandler', idempotent.preHandler);
      harvest.addHook('onSend', idempotent.onSend);
      harvest.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      harvestCompanyRoutes(harvest, { accounts, publicUrl });
      harvestUsersRoutes(harvest, { users, publicUrl });
      harvestClientsRoutes(harvest, { clients, publicUrl });
      harvestTasksRoutes(harvest, { tasks, publicUrl });
      harvestRolesRoutes(harvest, { roles, publicUrl });
      harvestProjectsRoutes(harvest, { projects, publicUrl });
      harvestAssignmentsRoutes(harvest, { assignments, publicUrl });
      harvestTimeEntriesRoutes(harvest, { timeEntries, publicUrl });
      harvestInvoicesRoutes(harvest, { invoices, publicUrl });
      const reportsLimit = deps.reportsRateLimit ?? { max: 100, windowSeconds: 15 * 60 };
      harvestReportsRoutes(harvest, {
        reports,
        budgets,
        publicUrl,
        rateLimit: limit.max > 0 ? (reportsLimit.max > 0 ? reportsLimit : null) : undefined,
      });
    },
    { prefix: '/v2' },
  );

  const operations = createOperationCollector();
  // The Flowtly-compatible API (JSON-LD / Hydra), at /api/... and at the root.
  const workTimes = createWorkTimesService({ db, timeEntries, accounts, projects, users });
  await app.register(async (flowtly) => {
    flowtly.addHook('onRoute', operations.onRoute);
    flowtly.addHook('onRequest', flowtlyHooks.onRequest);
    flowtly.addHook('onRequest', flowtlyAuthenticate(auth));
    flowtly.addHook('preValidation', flowtlyHooks.preValidation);
    flowtly.addHook('onSend', flowtlyHooks.onSend);
    flowtlyWorkTimesRoutes(flowtly, { workTimes });
    flowtlyEmployeesRoutes(flowtly, { employees });
    flowtlyProjectRatesRoutes(flowtly, { projectRates });
    await flowtlyEmployeeDocumentsRoutes(flowtly, { documents, maxBytes: documentMaxBytes });
    flowtlyProjectsRoutes(flowtly, { projects });
    flowtlyWorkingHoursRoutes(flowtly, { timeEntries });
  });
  // The entrypoint, contexts and Hydra documentation are public, as API Platform serves them:
  // every response links to /api/docs.jsonld, and a client reads it before it has a token.
  await app.register(async (flowtly) => {
    flowtly.addHook('onRequest', flowtlyHooks.onRequest);
    flowtly.addHook('onSend', flowtlyHooks.onSend);
    flowtlyEntrypointRoutes(flowtly, { operations });
  });
  // The native API (ADR 0014): what the web app and the CLI speak. Cookies are read here only:
  // a session signs in to this API alone, so no other API needs CSRF protection.
  await app.register(
    async (native) => {
      native.decorateRequest('nativeSession', null);
      native.decorateRequest('reauthenticate', null);
      await native.register(cookie);
      native.addHook('onRequest', requireJsonBody);
      native.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      signInRoutes(native, { sessions, publicUrl });
      setupRoutes(native, { setup: createSetupService({ db, clock, auth }) });
      sharedReportRoutes(native, { saved: savedReports, reports: nativeReports });
      await native.register(async (signedIn) => {
        signedIn.addHook(
          'onRequest',
          nativeAuthenticate({ auth, sessions, secureCookie: cookieIsSecure(publicUrl) }),
        );
        sessionsRoutes(signedIn, { sessions, publicUrl });
        nativeTokensRoutes(signedIn, { auth, sessions });
        nativeUsersRoutes(signedIn, { users, accounts, auth });
        nativeTimeEntriesRoutes(signedIn, { timeEntries });
        nativeTimesheetsRoutes(signedIn, { timeEntries });
        nativeHarvestImportsRoutes(signedIn, { harvestImports });
        nativeApprovalsRoutes(signedIn, { approvals });
        nativeInvoicesRoutes(signedIn, { invoices });
        nativeReportsRoutes(signedIn, { reports: nativeReports });
        nativeSavedReportsRoutes(signedIn, {
          saved: savedReports,
          publicUrl,
          now: () => clock.now().getTime(),
        });
        nativeBudgetsRoutes(signedIn, { budgets });
        nativeWebhooksRoutes(signedIn, { webhooks });
        nativeAuditRoutes(signedIn, { audit });
        await signedIn.register(async (uploads) => nativeImportsRoutes(uploads, { imports }));
        nativeAssignmentsRoutes(signedIn, { assignments });
        nativeClientsRoutes(signedIn, { clients });
        nativeTasksRoutes(signedIn, { tasks });
        nativeProjectsRoutes(signedIn, { projects });
        nativeAccountsRoutes(signedIn, { accounts });
        nativeEventsRoutes(signedIn, {
          events,
          timeEntries,
          pollMs: deps.liveUpdatePollMs ?? 1000,
        });
      });
    },
    { prefix: NATIVE_PREFIX },
  );

  // Login and invitation acceptance answer plain JSON (LexikJWT's shape), without a token.
  await app.register(async (flowtly) => {
    flowtly.addHook('onRequest', flowtlyHooks.onRequest);
    flowtly.addHook('preValidation', flowtlyHooks.preValidation);
    flowtlyLoginRoutes(flowtly, { auth, logins, sessions });
  });

  return app;
}
