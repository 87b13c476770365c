import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL, buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/dialects.ts';
import {
  createHarvestCaller,
  createOwnerWithLogin,
  createToken,
  createUser,
} from '../../../test/factories.ts';
import type { Headers } from '../../../test/harvest-requests.ts';
import { createAuthService } from '../modules/auth/auth.service.ts';
import { createSetupService } from '../modules/setup/setup.service.ts';

/** The parts of the OpenAPI document these tests read. */
interface Operation {
  operationId?: string;
  security?: unknown[];
  tags?: string[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, ResponseObject | { $ref: string }>;
}
interface ResponseObject {
  description: string;
  content?: Record<string, { schema?: unknown }>;
}
interface Document {
  servers?: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, ResponseObject> };
}

/** One live call: the operation it reached (as the document names it) and what it answered. */
interface Call {
  method: string;
  path: string;
  status: number;
  type: string | undefined;
  body: unknown;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const LD = 'application/ld+json';
const MERGE_PATCH = 'application/merge-patch+json';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');

/** The named schemas generated clients are expected to find. */
const NAMED = [
  'HarvestTimeEntry',
  'HarvestTimeEntries',
  'DeletedTimeEntry',
  'HarvestUser',
  'HarvestUsers',
  'HarvestUserRate',
  'HarvestTeammate',
  'HarvestProject',
  'HarvestClient',
  'HarvestTask',
  'HarvestUserAssignment',
  'HarvestTaskAssignment',
  'HarvestProjectAssignment',
  'HarvestCompany',
  'HarvestRole',
  'HarvestPaginationLinks',
  'HarvestClientsTimeReportResult',
  'HarvestProjectsTimeReportResult',
  'HarvestTasksTimeReportResult',
  'HarvestTeamTimeReportResult',
  'HarvestClientsTimeReportResults',
  'CreateTimeEntryBody',
  'WorkTime',
  'WorkTimeCollection',
  'Employee',
  'EmployeeCollection',
  'EmployeePreview',
  'EmployeeProjectRates',
  'EmployeeProjectRate',
  'EmployeeDocuments',
  'EmployeeDocument',
  'HarvestError',
  'HarvestAuthenticationError',
  'HarvestNotFoundError',
  'HydraError',
  'ConstraintViolationList',
  'JwtAuthenticationError',
  'PunchError',
];

/** The OpenAPI address of a response schema, as a JSON pointer into the document. */
const pointer = (...parts: string[]) =>
  `#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

async function multipart(bytes: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    type: encoded.headers.get('content-type') ?? '',
  };
}

/** TypeScript diagnostics of `files` (name → source) compiled strictly together. */
function typeCheck(dir: string, files: Record<string, string>): Record<string, string[]> {
  const names = Object.keys(files).map((name) => join(dir, name));
  const program = ts.createProgram(names, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
  });
  const result: Record<string, string[]> = {};
  for (const name of Object.keys(files)) {
    const source = program.getSourceFile(join(dir, name));
    const diagnostics = source
      ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      : [];
    result[name] = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return result;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the OpenAPI document`, () => {
    let t: TestApp;
    let doc: Document;
    const calls: Call[] = [];

    async function call(
      method: Method,
      path: string,
      url: string,
      options: { headers?: Headers; payload?: unknown; type?: string } = {},
    ) {
      const { payload, type } = options;
      const res = await t.app.inject({
        method,
        url,
        headers: { ...options.headers, ...(type ? { 'content-type': type } : {}) },
        ...(payload === undefined
          ? {}
          : { payload: Buffer.isBuffer(payload) ? payload : JSON.stringify(payload) }),
      });
      const media = res.headers['content-type']?.toString().split(';')[0]?.trim();
      const body = res.body !== '' && media?.endsWith('json') ? res.json<unknown>() : undefined;
      calls.push({ method: method.toLowerCase(), path, status: res.statusCode, type: media, body });
      return res;
    }

    /** A sample of operations of both APIs, successes and errors, recorded in `calls`. */
    async function sample() {
      // First run, while the database has no account yet.
      const setup = createSetupService({
        db: t.db,
        clock: t.clock,
        auth: createAuthService({ db: t.db, clock: t.clock }),
      });
      await call('GET', '/punch/v1/setup', '/punch/v1/setup');
      const firstRun = {
        code: (await setup.issueSetupCode()) ?? '',
        accountName: 'First',
        email: 'first.run@example.com',
        password: 'first run password',
      };
      await call('POST', '/punch/v1/setup', '/punch/v1/setup', {
        payload: { ...firstRun, code: 'WRONG' },
        type: 'application/json',
      });
      await call('POST', '/punch/v1/setup', '/punch/v1/setup', {
        payload: firstRun,
        type: 'application/json',
      });
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const json = 'application/json';
      const client = (
        await call('POST', '/v2/clients', '/v2/clients', {
          headers: h,
          payload: { name: 'Acme' },
          type: json,
        })
      ).json<{ id: number }>();
      const project = (
        await call('POST', '/v2/projects', '/v2/projects', {
          headers: h,
          payload: { client_id: client.id, name: 'Aurora' },
          type: json,
        })
      ).json<{ id: number }>();
      const task = (
        await call('POST', '/v2/tasks', '/v2/tasks', {
          headers: h,
          payload: { name: 'Build' },
          type: json,
        })
      ).json<{ id: number }>();
      const projectPath = `/v2/projects/${project.id}`;
      await call(
        'POST',
        '/v2/projects/{projectId}/task_assignments',
        `${projectPath}/task_assignments`,
        {
          headers: h,
          payload: { task_id: task.id },
          type: json,
        },
      );
      const person = await createUser(t.db, t.clock, admin.accountId, { firstName: 'Ada' });
      for (const userId of [admin.user.id, person.id]) {
        await call(
          'POST',
          '/v2/projects/{projectId}/user_assignments',
          `${projectPath}/user_assignments`,
          {
            headers: h,
            payload: { user_id: userId },
            type: json,
          },
        );
      }
      const entry = { project_id: project.id, task_id: task.id, spent_date: '2026-03-04' };
      const reference = { id: '982', group_id: 'acme/site', permalink: 'https://example.com/982' };
      const logged = (
        await call('POST', '/v2/time_entries', '/v2/time_entries', {
          headers: h,
          payload: { ...entry, hours: 1.5, notes: 'Review', external_reference: reference },
          type: json,
        })
      ).json<{ id: number }>();
      await call(
        'DELETE',
        '/v2/time_entries/{timeEntryId}/external_reference',
        `/v2/time_entries/${logged.id}/external_reference`,
        { headers: h },
      );
      const timer = (
        await call('POST', '/v2/time_entries', '/v2/time_entries', {
          headers: h,
          payload: entry,
          type: json,
        })
      ).json<{ id: number }>();
      const item = '/v2/time_entries/{timeEntryId}';
      for (const action of ['stop', 'stop', 'restart', 'restart']) {
        await call('PATCH', `${item}/${action}`, `/v2/time_entries/${timer.id}/${action}`, {
          headers: h,
        });
      }
      await call('POST', '/v2/time_entries', '/v2/time_entries', {
        headers: h,
        payload: { project_id: project.id },
        type: json,
      });
      await call('GET', '/v2/time_entries', '/v2/time_entries', { headers: h });
      await call('GET', '/v2/time_entries', '/v2/time_entries?page=0', { headers: h });
      await call('GET', item, `/v2/time_entries/${logged.id}`, { headers: h });
      await call('DELETE', item, `/v2/time_entries/${logged.id}`, { headers: h });
      await call('GET', item, `/v2/time_entries/${logged.id}`, { headers: h });
      await call('GET', '/v2/projects/{projectId}', projectPath, { headers: h });
      await call('GET', '/v2/users', '/v2/users', { headers: h });
      await call('GET', '/v2/users/me', '/v2/users/me', { headers: h });
      await call('GET', '/v2/company', '/v2/company', { headers: h });
      await call('GET', '/v2/users/me', '/v2/users/me', {
        headers: { ...h, authorization: 'Bearer nope' },
      });
      await call('GET', '/v2/users/me', '/v2/users/me', {
        headers: { authorization: h.authorization, 'harvest-account-id': String(admin.accountId) },
      });
      const member = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'member',
        accountId: admin.accountId,
      });
      await call('POST', '/v2/clients', '/v2/clients', {
        headers: member.headers,
        payload: { name: 'Not mine' },
        type: json,
      });
      // Every Harvest resource created and deleted: each POST's 201, each DELETE's 200.
      const throwaway: [string, string, object][] = [
        ['clients', 'clientId', { name: 'Spare client' }],
        ['tasks', 'taskId', { name: 'Spare task' }],
        ['roles', 'roleId', { name: 'Spare role' }],
        ['projects', 'projectId', { client_id: client.id, name: 'Spare project' }],
        ['users', 'userId', { first_name: 'Al', last_name: 'Spare', email: 'al@example.com' }],
      ];
      for (const [collection, param, payload] of throwaway) {
        const spare = (
          await call('POST', `/v2/${collection}`, `/v2/${collection}`, {
            headers: h,
            payload,
            type: json,
          })
        ).json<{ id: number }>();
        const path = `/v2/${collection}/{${param}}`;
        await call('DELETE', path, `/v2/${collection}/${spare.id}`, { headers: h });
      }
      for (const kind of ['billable_rates', 'cost_rates']) {
        await call('POST', `/v2/users/{userId}/${kind}`, `/v2/users/${person.id}/${kind}`, {
          headers: h,
          payload: { amount: 90 },
          type: json,
        });
      }
      const spareTask = (
        await call('POST', '/v2/tasks', '/v2/tasks', {
          headers: h,
          payload: { name: 'Spare assigned task' },
          type: json,
        })
      ).json<{ id: number }>();
      const assigned = (
        await call(
          'POST',
          '/v2/projects/{projectId}/task_assignments',
          `${projectPath}/task_assignments`,
          { headers: h, payload: { task_id: spareTask.id }, type: json },
        )
      ).json<{ id: number }>();
      await call(
        'DELETE',
        '/v2/projects/{projectId}/task_assignments/{assignmentId}',
        `${projectPath}/task_assignments/${assigned.id}`,
        { headers: h },
      );
      const seated = await createUser(t.db, t.clock, admin.accountId, { firstName: 'Seated' });
      const seat = (
        await call(
          'POST',
          '/v2/projects/{projectId}/user_assignments',
          `${projectPath}/user_assignments`,
          { headers: h, payload: { user_id: seated.id }, type: json },
        )
      ).json<{ id: number }>();
      await call(
        'DELETE',
        '/v2/projects/{projectId}/user_assignments/{assignmentId}',
        `${projectPath}/user_assignments/${seat.id}`,
        { headers: h },
      );
      const report = '/v2/reports/time/clients';
      await call('GET', report, `${report}?from=20260301&to=20260331`, { headers: h });
      await call('GET', report, `${report}?to=20260331`, { headers: h });

      // Flowtly, as the person (their own work time) and as the administrator.
      const own: Headers = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, person.id)).token}`,
      };
      const ad: Headers = { authorization: `Bearer ${admin.token}` };
      const asJson = { ...own, accept: 'application/json' };
      const list = '/api/employee_working_hours';
      const workItem = `${list}/{id}`;
      const workTime = {
        employee: `/api/employees/emp_${person.id}`,
        project: `/api/projects/prj_${project.id}`,
        date: '2026-03-04',
        seconds: 5400,
        description: 'Budget review',
      };
      const made = (
        await call('POST', list, list, {
          headers: own,
          payload: workTime,
          type: LD,
        })
      ).json<{ id: number }>();
      const wkt = `${list}/wkt_${made.id}`;
      await call('POST', list, list, { headers: own, payload: workTime, type: 'application/json' });
      await call('POST', list, list, {
        headers: own,
        payload: { ...workTime, seconds: -1 },
        type: LD,
      });
      await call('POST', list, list, { headers: own, payload: workTime, type: 'text/plain' });
      await call('POST', list, list, { headers: own, payload: 'not json', type: LD });
      await call('GET', workItem, wkt, { headers: own });
      await call('GET', workItem, wkt, { headers: asJson });
      await call('GET', workItem, wkt, { headers: { ...own, accept: 'text/html' } });
      await call('GET', workItem, `${list}/wkt_999999999`, { headers: own });
      await call('GET', workItem, wkt, {});
      await call('GET', list, list, { headers: own });
      await call('GET', list, list, { headers: asJson });
      await call('GET', list, `${list}?page=0`, { headers: own });
      await call('PATCH', workItem, wkt, {
        headers: own,
        payload: { seconds: 3600 },
        type: MERGE_PATCH,
      });
      await call('PATCH', workItem, wkt, { headers: own, payload: { seconds: 3600 }, type: LD });
      await call('DELETE', workItem, wkt, { headers: own });

      await call('GET', '/api/employees', '/api/employees', { headers: ad });
      await call('GET', '/api/employees', '/api/employees', {
        headers: { ...ad, accept: 'application/json' },
      });
      await call('GET', '/api/employees/me', '/api/employees/me', { headers: own });
      const employee = '/api/employees/{id}';
      await call('GET', employee, `/api/employees/emp_${person.id}`, { headers: ad });
      const created = (
        await call('POST', '/api/employees', '/api/employees', {
          headers: ad,
          payload: {
            firstName: 'Grace',
            lastName: 'Hopper',
            email: `grace-${person.id}@example.com`,
          },
          type: LD,
        })
      ).json<{ id: number; email: string }>();
      const grace = `/api/employees/emp_${created.id}`;
      await call('POST', '/api/employees', '/api/employees', {
        headers: own,
        payload: { firstName: 'Not', lastName: 'Allowed', email: 'nope@example.com' },
        type: LD,
      });
      await call('PATCH', employee, grace, {
        headers: ad,
        payload: { phone: '123' },
        type: MERGE_PATCH,
      });
      await call('POST', `${employee}/user`, `${grace}/user`, {
        headers: ad,
        payload: { password: 'correct horse' },
        type: LD,
      });
      const login = { username: created.email, password: 'correct horse' };
      await call('POST', '/api/login', '/api/login', { payload: login, type: 'application/json' });
      await call('POST', '/api/login', '/api/login', {
        payload: { ...login, password: 'wrong horse' },
        type: 'application/json',
      });
      await call('DELETE', `${employee}/user`, `${grace}/user`, { headers: ad });
      // Without a password, an invitation; accepted with the login's password, it answers a JWT.
      const invited = (
        await call('POST', `${employee}/user`, `${grace}/user`, { headers: ad })
      ).json<{ invitationToken: string }>();
      await call('POST', '/api/invitations/accept', '/api/invitations/accept', {
        payload: { token: invited.invitationToken, password: 'correct horse' },
        type: 'application/json',
      });
      await call('DELETE', `${employee}/user`, `${grace}/user`, { headers: ad });
      await call('DELETE', employee, grace, { headers: ad });

      const rates = `${employee}/project-rates`;
      const personRates = `/api/employees/emp_${person.id}/project-rates`;
      const rate = (
        await call('POST', rates, personRates, {
          headers: ad,
          payload: { project: `/api/projects/prj_${project.id}`, ratePerHour: '95.00' },
          type: LD,
        })
      ).json<{ rates: { id: number }[] }>();
      const rateId = rate.rates[0]?.id ?? 0;
      await call('GET', rates, personRates, { headers: ad });
      await call('PATCH', `${rates}/{rateId}`, `${personRates}/${rateId}`, {
        headers: ad,
        payload: { position: 'Lead' },
        type: MERGE_PATCH,
      });
      await call('DELETE', `${rates}/{rateId}`, `${personRates}/${rateId}`, { headers: ad });

      const documents = `${employee}/documents`;
      const personDocuments = `/api/employees/emp_${person.id}/documents`;
      const upload = await multipart(PDF, 'contract.pdf', 'application/pdf');
      const document = (
        await call('POST', documents, personDocuments, {
          headers: ad,
          payload: upload.payload,
          type: upload.type,
        })
      ).json<{ id: number }>();
      await call('GET', documents, personDocuments, { headers: ad });
      await call('GET', `${documents}/{documentId}`, `${personDocuments}/${document.id}`, {
        headers: ad,
      });
      await call('GET', documents, `/api/employees/emp_${admin.user.id}/documents`, {
        headers: own,
      });
      await call('DELETE', `${documents}/{documentId}`, `${personDocuments}/${document.id}`, {
        headers: ad,
      });

      await call('GET', '/api/projects/{id}', `/api/projects/prj_${project.id}`, { headers: own });
      await call(
        'GET',
        `${employee}/working-hours-stats/{date}`,
        `/api/employees/emp_${person.id}/working-hours-stats/2026-03-04`,
        { headers: own },
      );
      await call(
        'GET',
        `${employee}/working-hours-stats/{date}`,
        `/api/employees/emp_${person.id}/working-hours-stats/someday`,
        { headers: own },
      );
      await call(
        'GET',
        `${employee}/feedback-suggestion`,
        `/api/employees/emp_${person.id}/feedback-suggestion`,
        {
          headers: own,
        },
      );
      await call('GET', '/health', '/health');
      await nativeSample();
    }

    /** The native API: sessions and the signed-in person, each error code path once. */
    async function nativeSample() {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const json = 'application/json';
      const credentials = { email: owner.email, password: owner.password };
      const signIn = async () => {
        const res = await call('POST', '/punch/v1/sessions', '/punch/v1/sessions', {
          payload: credentials,
          type: json,
        });
        const { csrfToken, sessionId } = res.json<{ csrfToken: string; sessionId: number }>();
        const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
        return { csrfToken, sessionId, headers: { cookie } as Headers };
      };
      const first = await signIn();
      const second = await signIn();
      await call('POST', '/punch/v1/sessions', '/punch/v1/sessions', {
        payload: { ...credentials, password: 'wrong horse' },
        type: json,
      });
      await call('POST', '/punch/v1/sessions', '/punch/v1/sessions', {
        payload: 'email=a',
        type: 'application/x-www-form-urlencoded',
      });
      await call('POST', '/punch/v1/sessions', '/punch/v1/sessions', {
        payload: { email: owner.email },
        type: json,
      });
      await call('GET', '/punch/v1/me', '/punch/v1/me', { headers: first.headers });
      await call('GET', '/punch/v1/me', '/punch/v1/me');
      const unsafe = { ...first.headers, 'x-csrf-token': first.csrfToken };
      await call('PATCH', '/punch/v1/me', '/punch/v1/me', {
        headers: unsafe,
        payload: { locale: 'zh' },
        type: json,
      });
      await call(
        'POST',
        '/punch/v1/sessions/current/account',
        '/punch/v1/sessions/current/account',
        {
          headers: unsafe,
          payload: { accountId: owner.accountId },
          type: json,
        },
      );
      await call(
        'POST',
        '/punch/v1/sessions/current/account',
        '/punch/v1/sessions/current/account',
        {
          headers: unsafe,
          payload: { accountId: 999999 },
          type: json,
        },
      );
      const issued = (
        await call('POST', '/punch/v1/me/tokens', '/punch/v1/me/tokens', {
          headers: unsafe,
          payload: { name: 'sample' },
          type: json,
        })
      ).json<{ id: number }>();
      await call('GET', '/punch/v1/me/tokens', '/punch/v1/me/tokens', { headers: first.headers });
      await call('DELETE', '/punch/v1/me/tokens/{tokenId}', `/punch/v1/me/tokens/${issued.id}`, {
        headers: unsafe,
      });
      await call('POST', '/punch/v1/me/password', '/punch/v1/me/password', {
        headers: unsafe,
        payload: { currentPassword: 'wrong', newPassword: 'whatever long' },
        type: json,
      });
      await call('GET', '/punch/v1/sessions', '/punch/v1/sessions', { headers: first.headers });
      await call('GET', '/punch/v1/sessions/current', '/punch/v1/sessions/current', {
        headers: first.headers,
      });
      await call(
        'DELETE',
        '/punch/v1/sessions/{sessionId}',
        `/punch/v1/sessions/${second.sessionId}`,
        {
          headers: first.headers,
        },
      );
      await call(
        'DELETE',
        '/punch/v1/sessions/{sessionId}',
        `/punch/v1/sessions/${second.sessionId}`,
        {
          headers: { ...first.headers, 'x-csrf-token': first.csrfToken },
        },
      );
      await call(
        'DELETE',
        '/punch/v1/sessions/{sessionId}',
        `/punch/v1/sessions/${second.sessionId}`,
        {
          headers: { ...first.headers, 'x-csrf-token': first.csrfToken },
        },
      );
      await call('DELETE', '/punch/v1/sessions/current', '/punch/v1/sessions/current', {
        headers: { ...first.headers, 'x-csrf-token': first.csrfToken },
      });

      // Time entries and the timer, by bearer token, on a project made through Harvest.
      const harvest = {
        authorization: `Bearer ${owner.token}`,
        'harvest-account-id': String(owner.accountId),
        'user-agent': 'tests',
        'content-type': 'application/json',
      };
      const make = async (url: string, body: object) =>
        (
          await t.app.inject({
            method: 'POST',
            url,
            headers: harvest,
            payload: JSON.stringify(body),
          })
        ).json<{ id: number }>();
      const client = await make('/v2/clients', { name: 'Native' });
      const project = await make('/v2/projects', {
        client_id: client.id,
        name: 'N',
        bill_by: 'none',
      });
      const task = await make('/v2/tasks', { name: 'Native task' });
      await make(`/v2/projects/${project.id}/task_assignments`, { task_id: task.id });
      await make(`/v2/projects/${project.id}/user_assignments`, { user_id: owner.userId });
      const bearer = { authorization: `Bearer ${owner.token}` } as Headers;
      const entries = '/punch/v1/time-entries';
      const entry = (
        await call('POST', entries, entries, {
          headers: bearer,
          payload: { projectId: project.id, taskId: task.id, spentDate: '2026-03-02', seconds: 60 },
          type: json,
        })
      ).json<{ id: number }>();
      await call('POST', entries, entries, {
        headers: bearer,
        payload: { projectId: project.id },
        type: json,
      });
      await call('GET', entries, `${entries}?limit=1`, { headers: bearer });
      const item = `${entries}/{timeEntryId}`;
      await call('GET', item, `${entries}/${entry.id}`, { headers: bearer });
      await call('GET', item, `${entries}/999999999`, { headers: bearer });
      await call('PATCH', item, `${entries}/${entry.id}`, {
        headers: bearer,
        payload: { seconds: 120 },
        type: json,
      });
      await call('POST', '/punch/v1/timer', '/punch/v1/timer', {
        headers: bearer,
        payload: { projectId: project.id, taskId: task.id },
        type: json,
      });
      await call('GET', '/punch/v1/timer', '/punch/v1/timer', { headers: bearer });
      await call('POST', '/punch/v1/timer/stop', '/punch/v1/timer/stop', { headers: bearer });
      await call('POST', '/punch/v1/timer/stop', '/punch/v1/timer/stop', { headers: bearer });
      await call('GET', '/punch/v1/timer', '/punch/v1/timer', { headers: bearer });
      await call('DELETE', item, `${entries}/${entry.id}`, { headers: bearer });
      const sheet = '/punch/v1/timesheet';
      await call('PUT', sheet, sheet, {
        headers: bearer,
        payload: {
          cells: [{ projectId: project.id, taskId: task.id, date: '2026-03-03', seconds: 900 }],
        },
        type: json,
      });
      await call('PUT', sheet, sheet, {
        headers: bearer,
        payload: { cells: [{ projectId: project.id, taskId: task.id, date: 'x', seconds: 1 }] },
        type: json,
      });
      await call('GET', sheet, `${sheet}?week=2026-03-03`, { headers: bearer });
      const weeks = '/punch/v1/timesheet-weeks';
      const week = { weekStart: '2026-03-02' };
      for (const action of ['submit', 'submit', 'withdraw', 'withdraw']) {
        await call('POST', `${weeks}/${action}`, `${weeks}/${action}`, {
          headers: bearer,
          payload: week,
          type: json,
        });
      }
      await call('GET', weeks, `${weeks}?from=2026-02-01`, { headers: bearer });
      await call('GET', weeks, `${weeks}?from=2026-02-30`, { headers: bearer });
      for (const until of ['2026-03-05T00:00:00Z', '2026-03-01T00:00:00Z']) {
        await call('POST', `${weeks}/unlock`, `${weeks}/unlock`, {
          headers: bearer,
          payload: { ...week, userId: owner.userId, until },
          type: json,
        });
      }
      const approvals = '/punch/v1/approvals';
      await call('GET', approvals, approvals, { headers: bearer });
      // Invoices, on Harvest's door and the native one.
      const inv = '/v2/invoices';
      const hv = { ...harvest } as Headers;
      const invoice = (
        await call('POST', inv, inv, {
          headers: hv,
          payload: {
            client_id: client.id,
            line_items: [{ kind: 'Service', description: 'Work', quantity: 2, unit_price: 50 }],
          },
          type: json,
        })
      ).json<{ id: number }>();
      await call('POST', inv, inv, { headers: hv, payload: { client_id: 999999 }, type: json });
      await call('GET', inv, `${inv}?state=draft`, { headers: hv });
      await call('GET', `${inv}/{invoiceId}`, `${inv}/${invoice.id}`, { headers: hv });
      await call('PATCH', `${inv}/{invoiceId}`, `${inv}/${invoice.id}`, {
        headers: hv,
        payload: { subject: 'Sample' },
        type: json,
      });
      const message = (
        await call('POST', `${inv}/{invoiceId}/messages`, `${inv}/${invoice.id}/messages`, {
          headers: hv,
          payload: { event_type: 'send' },
          type: json,
        })
      ).json<{ id: number }>();
      await call('GET', `${inv}/{invoiceId}/messages`, `${inv}/${invoice.id}/messages`, {
        headers: hv,
      });
      await call(
        'DELETE',
        `${inv}/{invoiceId}/messages/{messageId}`,
        `${inv}/${invoice.id}/messages/${message.id}`,
        { headers: hv },
      );
      const payment = (
        await call('POST', `${inv}/{invoiceId}/payments`, `${inv}/${invoice.id}/payments`, {
          headers: hv,
          payload: { amount: 10 },
          type: json,
        })
      ).json<{ id: number }>();
      await call('POST', `${inv}/{invoiceId}/payments`, `${inv}/${invoice.id}/payments`, {
        headers: hv,
        payload: { amount: 1000 },
        type: json,
      });
      await call('GET', `${inv}/{invoiceId}/payments`, `${inv}/${invoice.id}/payments`, {
        headers: hv,
      });
      await call(
        'DELETE',
        `${inv}/{invoiceId}/payments/{paymentId}`,
        `${inv}/${invoice.id}/payments/${payment.id}`,
        { headers: hv },
      );
      await call(
        'GET',
        '/v2/reports/uninvoiced',
        '/v2/reports/uninvoiced?from=20260301&to=20260331',
        {
          headers: hv,
        },
      );
      await call('GET', '/v2/reports/uninvoiced', '/v2/reports/uninvoiced?from=20260301', {
        headers: hv,
      });
      await call('DELETE', `${inv}/{invoiceId}`, `${inv}/${invoice.id}`, { headers: hv });
      const nInv = '/punch/v1/invoices';
      const billing = { clientId: client.id, projectIds: [project.id] };
      await call('POST', `${nInv}/preview`, `${nInv}/preview`, {
        headers: bearer,
        payload: billing,
        type: json,
      });
      const drafted = (
        await call('POST', nInv, nInv, { headers: bearer, payload: billing, type: json })
      ).json<{ id: number }>();
      await call('POST', nInv, nInv, {
        headers: bearer,
        payload: { clientId: client.id, number: 'x'.repeat(300) },
        type: json,
      });
      await call('GET', nInv, nInv, { headers: bearer });
      await call('GET', `${nInv}/{invoiceId}`, `${nInv}/${drafted.id}`, { headers: bearer });
      // Nothing billable on this project: a line of its own makes something to pay.
      await t.app.inject({
        method: 'PATCH',
        url: `/v2/invoices/${drafted.id}`,
        headers: harvest,
        payload: JSON.stringify({
          line_items: [{ kind: 'Service', description: 'Work', quantity: 1, unit_price: 5 }],
        }),
      });
      await call('POST', `${nInv}/{invoiceId}/send`, `${nInv}/${drafted.id}/send`, {
        headers: bearer,
      });
      await call('POST', `${nInv}/{invoiceId}/payments`, `${nInv}/${drafted.id}/payments`, {
        headers: bearer,
        payload: { amountMinor: 1 },
        type: json,
      });
      await call('GET', `${nInv}/{invoiceId}/pdf`, `${nInv}/${drafted.id}/pdf?language=uk`, {
        headers: bearer,
      });
      await call('DELETE', `${nInv}/{invoiceId}`, `${nInv}/${drafted.id}`, { headers: bearer });
      // Reports: run (and a refused definition), entries, files; saved reports and their links.
      const rep = '/punch/v1/reports';
      const definition = { period: 'this_month', groupBy: ['project', 'week'] };
      await call('POST', `${rep}/run`, `${rep}/run`, {
        headers: bearer,
        payload: definition,
        type: json,
      });
      await call('POST', `${rep}/run`, `${rep}/run`, {
        headers: bearer,
        payload: { period: 'custom', groupBy: ['project'] },
        type: json,
      });
      await call('POST', `${rep}/entries`, `${rep}/entries`, {
        headers: bearer,
        payload: { definition, limit: 1 },
        type: json,
      });
      for (const format of ['csv', 'xlsx']) {
        await call('POST', `${rep}/export`, `${rep}/export`, {
          headers: bearer,
          payload: { definition, format, content: 'totals' },
          type: json,
        });
      }
      const saved = '/punch/v1/saved-reports';
      const report = (
        await call('POST', saved, saved, {
          headers: bearer,
          payload: { name: 'Monthly', definition },
          type: json,
        })
      ).json<{ id: number }>();
      await call('GET', saved, saved, { headers: bearer });
      await call('PATCH', `${saved}/{reportId}`, `${saved}/${report.id}`, {
        headers: bearer,
        payload: { name: 'By week' },
        type: json,
      });
      const link = (
        await call('POST', `${saved}/{reportId}/shares`, `${saved}/${report.id}/shares`, {
          headers: bearer,
          payload: { days: 3 },
          type: json,
        })
      ).json<{ token: string; share: { id: number } }>();
      await call('GET', `${saved}/{reportId}/shares`, `${saved}/${report.id}/shares`, {
        headers: bearer,
      });
      const shared = '/punch/v1/shared-reports/{token}';
      await call('GET', shared, `/punch/v1/shared-reports/${link.token}`);
      await call('GET', `${shared}/entries`, `/punch/v1/shared-reports/${link.token}/entries`);
      await call(
        'GET',
        `${shared}/export`,
        `/punch/v1/shared-reports/${link.token}/export?format=csv&content=entries`,
      );
      await call(
        'DELETE',
        `${saved}/{reportId}/shares/{shareId}`,
        `${saved}/${report.id}/shares/${link.share.id}`,
        { headers: bearer },
      );
      await call('GET', shared, `/punch/v1/shared-reports/${link.token}`);
      await call('DELETE', `${saved}/{reportId}`, `${saved}/${report.id}`, { headers: bearer });
      await call('GET', '/punch/v1/budgets', '/punch/v1/budgets', { headers: bearer });
      const hooks = '/punch/v1/webhooks';
      const hook = (
        await call('POST', hooks, hooks, {
          headers: bearer,
          payload: { url: 'http://127.0.0.1:9/hooks', events: ['client.*'] },
          type: json,
        })
      ).json<{ webhook: { id: number } }>().webhook;
      await call('POST', hooks, hooks, {
        headers: bearer,
        payload: { url: 'http://10.1.2.3/hooks', events: ['client.*'] },
        type: json,
      });
      await call('GET', hooks, hooks, { headers: bearer });
      const one = `${hooks}/{webhookId}`;
      await call('GET', one, `${hooks}/${hook.id}`, { headers: bearer });
      await call('PATCH', one, `${hooks}/${hook.id}`, {
        headers: bearer,
        payload: { events: ['*'], description: 'ERP' },
        type: json,
      });
      await call('POST', `${one}/secret`, `${hooks}/${hook.id}/secret`, { headers: bearer });
      const pinged = (
        await call('POST', `${one}/ping`, `${hooks}/${hook.id}/ping`, { headers: bearer })
      ).json<{ id: number }>();
      await call('GET', `${one}/deliveries`, `${hooks}/${hook.id}/deliveries?status=failed`, {
        headers: bearer,
      });
      await call(
        'GET',
        `${one}/deliveries/{deliveryId}`,
        `${hooks}/${hook.id}/deliveries/${pinged.id}`,
        { headers: bearer },
      );
      await call(
        'POST',
        `${one}/deliveries/{deliveryId}/redeliver`,
        `${hooks}/${hook.id}/deliveries/${pinged.id}/redeliver`,
        { headers: bearer },
      );
      await call('DELETE', one, `${hooks}/${hook.id}`, { headers: bearer });
      await call('GET', '/punch/v1/audit-log', '/punch/v1/audit-log?entityType=webhook', {
        headers: bearer,
      });
      await call('GET', '/punch/v1/audit-log', '/punch/v1/audit-log?action=exploded', {
        headers: bearer,
      });
      const toggl =
        'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration\nNobody,nobody@example.com,C,P,T,n,No,2026-03-04,09:00:00,2026-03-04,10:00:00,01:00:00\n';
      const exported = await multipart(Buffer.from(toggl), 'toggl.csv', 'text/csv');
      await call('POST', '/punch/v1/imports', '/punch/v1/imports?dryRun=true', {
        headers: bearer,
        payload: exported.payload,
        type: exported.type,
      });
      const unknown = await multipart(Buffer.from('Name\nA\n'), 'other.csv', 'text/csv');
      await call('POST', '/punch/v1/imports', '/punch/v1/imports', {
        headers: bearer,
        payload: unknown.payload,
        type: unknown.type,
      });
      await call('POST', '/punch/v1/imports', '/punch/v1/imports', {
        headers: bearer,
        payload: { kind: 'csv' },
        type: json,
      });
      // An account read through its Harvest API: this very server, listening on loopback.
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const fromHarvest = '/punch/v1/imports/harvest';
      await call('POST', fromHarvest, fromHarvest, {
        headers: bearer,
        payload: {
          baseUrl: address,
          token: String(hv.authorization).replace(/^Bearer /, ''),
          accountId: String(hv['harvest-account-id']),
          dryRun: true,
        },
        type: json,
      });
      await call('POST', fromHarvest, fromHarvest, {
        headers: bearer,
        payload: { baseUrl: 'http://127.0.0.1:9', token: 't', accountId: '1' },
        type: json,
      });
      await call('GET', '/v2/reports/project_budget', '/v2/reports/project_budget', {
        headers: hv,
      });
      // Submitted, approved (twice: the second is refused), reopened, submitted, rejected.
      const steps = ['submit', 'approve', 'approve', 'reopen', 'submit', 'reject'] as const;
      for (const action of steps) {
        const own = action === 'submit';
        const url = own ? `${weeks}/submit` : `${approvals}/${action}`;
        await call('POST', url, url, {
          headers: bearer,
          payload: own
            ? week
            : {
                weeks: [{ ...week, userId: owner.userId }],
                ...(action === 'reject' ? { reason: 'Friday is missing' } : {}),
              },
          type: json,
        });
      }
      await call('GET', '/punch/v1/tracking-options', '/punch/v1/tracking-options', {
        headers: bearer,
      });
      const clients = '/punch/v1/clients';
      const made = (
        await call('POST', clients, clients, {
          headers: bearer,
          payload: { name: 'C' },
          type: json,
        })
      ).json<{ id: number }>();
      await call('GET', clients, clients, { headers: bearer });
      await call('PATCH', `${clients}/{clientId}`, `${clients}/${made.id}`, {
        headers: bearer,
        payload: { address: 'Here' },
        type: json,
      });
      await call('GET', `${clients}/{clientId}`, `${clients}/${made.id}`, { headers: bearer });
      await call('DELETE', `${clients}/{clientId}`, `${clients}/${made.id}`, { headers: bearer });
      const tasks = '/punch/v1/tasks';
      const kind = (
        await call('POST', tasks, tasks, {
          headers: bearer,
          payload: { name: 'Native kind', defaultHourlyRate: 50 },
          type: json,
        })
      ).json<{ id: number }>();
      await call('GET', tasks, `${tasks}?isActive=true`, { headers: bearer });
      await call('PATCH', `${tasks}/{taskId}`, `${tasks}/${kind.id}`, {
        headers: bearer,
        payload: { isActive: false },
        type: json,
      });
      await call('GET', `${tasks}/{taskId}`, `${tasks}/${kind.id}`, { headers: bearer });
      await call('DELETE', `${tasks}/{taskId}`, `${tasks}/${kind.id}`, { headers: bearer });
      await call('GET', '/punch/v1/projects', '/punch/v1/projects?isActive=true', {
        headers: bearer,
      });
      await call('GET', '/punch/v1/projects/{projectId}', `/punch/v1/projects/${project.id}`, {
        headers: bearer,
      });
      const native = (
        await call('POST', '/punch/v1/projects', '/punch/v1/projects', {
          headers: bearer,
          payload: {
            clientId: client.id,
            name: 'Native project',
            billBy: 'Project',
            hourlyRate: 90,
          },
          type: json,
        })
      ).json<{ id: number }>();
      await call('PATCH', '/punch/v1/projects/{projectId}', `/punch/v1/projects/${native.id}`, {
        headers: bearer,
        payload: { isActive: false },
        type: json,
      });
      await call('DELETE', '/punch/v1/projects/{projectId}', `/punch/v1/projects/${native.id}`, {
        headers: bearer,
      });
      await call('GET', '/punch/v1/people', '/punch/v1/people?q=a', { headers: bearer });
      await call('GET', '/punch/v1/account', '/punch/v1/account', { headers: bearer });
      const rates = '/punch/v1/people/{userId}/rates';
      const ownRates = `/punch/v1/people/${owner.userId}/rates`;
      await call('POST', rates, ownRates, {
        headers: bearer,
        payload: { kind: 'billable', amount: 120, startDate: '2026-01-01' },
        type: json,
      });
      await call('GET', rates, `${ownRates}?kind=billable`, { headers: bearer });
      await call('GET', rates, `${ownRates}?kind=wrong`, { headers: bearer });
      await call('PATCH', '/punch/v1/account', '/punch/v1/account', {
        headers: bearer,
        payload: { clock: '24h' },
        type: json,
      });
      await call('GET', '/punch/v1/people/{userId}', `/punch/v1/people/${owner.userId}`, {
        headers: bearer,
      });
      const person = (
        await call('POST', '/punch/v1/people', '/punch/v1/people', {
          headers: bearer,
          payload: { firstName: 'New', lastName: 'Person', email: 'new.person@example.com' },
          type: json,
        })
      ).json<{ id: number }>();
      await call('PATCH', '/punch/v1/people/{userId}', `/punch/v1/people/${person.id}`, {
        headers: bearer,
        payload: { weeklyCapacitySeconds: 72000 },
        type: json,
      });
      const members = '/punch/v1/projects/{projectId}/members';
      const member = (
        await call('POST', members, `/punch/v1/projects/${project.id}/members`, {
          headers: bearer,
          payload: { personId: person.id },
          type: json,
        })
      ).json<{ id: number }>();
      await call('GET', members, `/punch/v1/projects/${project.id}/members`, { headers: bearer });
      await call(
        'PATCH',
        `${members}/{assignmentId}`,
        `/punch/v1/projects/${project.id}/members/${member.id}`,
        {
          headers: bearer,
          payload: { budget: 10 },
          type: json,
        },
      );
      await call(
        'DELETE',
        `${members}/{assignmentId}`,
        `/punch/v1/projects/${project.id}/members/${member.id}`,
        {
          headers: bearer,
        },
      );
      await call('DELETE', '/punch/v1/people/{userId}', `/punch/v1/people/${person.id}`, {
        headers: bearer,
      });
      const projectTasks = '/punch/v1/projects/{projectId}/tasks';
      const spare = await make('/v2/tasks', { name: 'Spare task' });
      const added = (
        await call('POST', projectTasks, `/punch/v1/projects/${project.id}/tasks`, {
          headers: bearer,
          payload: { taskId: spare.id },
          type: json,
        })
      ).json<{ id: number }>();
      await call('GET', projectTasks, `/punch/v1/projects/${project.id}/tasks`, {
        headers: bearer,
      });
      await call(
        'PATCH',
        `${projectTasks}/{assignmentId}`,
        `/punch/v1/projects/${project.id}/tasks/${added.id}`,
        {
          headers: bearer,
          payload: { billable: true },
          type: json,
        },
      );
      await call(
        'DELETE',
        `${projectTasks}/{assignmentId}`,
        `/punch/v1/projects/${project.id}/tasks/${added.id}`,
        {
          headers: bearer,
        },
      );
      const last = await signIn();
      await call('POST', '/punch/v1/me/password', '/punch/v1/me/password', {
        headers: { ...last.headers, 'x-csrf-token': last.csrfToken },
        payload: { currentPassword: owner.password, newPassword: 'a new long password' },
        type: json,
      });
    }

    const operation = (c: { method: string; path: string }) => doc.paths[c.path]?.[c.method];
    const resolve = (
      response: ResponseObject | { $ref: string } | undefined,
    ): ResponseObject | undefined =>
      response && '$ref' in response
        ? doc.components.responses[response.$ref.replace('#/components/responses/', '')]
        : response;

    let dir: string;
    beforeAll(async () => {
      // Port 9 on loopback refuses at once: a ping is answered without reaching any network.
      t = await buildTestApp(dialect, { webhooks: { allowedTargets: ['127.0.0.1'] } });
      dir = await mkdtemp(join(tmpdir(), 'punch-openapi-'));
      const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
      doc = res.json<Document>();
      await sample();
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
      await t.close();
    });

    it("passes Redocly's recommended rules without an error or a warning", async () => {
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({
        source: JSON.stringify(doc),
        absoluteRef: join(dir, 'openapi.json'),
        config,
      });
      const report = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`);
      expect(report.filter((p) => p.startsWith('error'))).toEqual([]);
      expect(report).toEqual([]);
    });

    it('publishes its schemas by name and refers to them', () => {
      expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(NAMED));
      const json = (path: string, method: string, status: string, type = 'application/json') =>
        resolve(doc.paths[path]?.[method]?.responses[status])?.content?.[type]?.schema;
      expect(json('/v2/time_entries/{timeEntryId}', 'get', '200')).toEqual({
        $ref: '#/components/schemas/HarvestTimeEntry',
      });
      expect(json('/v2/users/{userId}/billable_rates/{rateId}', 'get', '200')).toEqual({
        $ref: '#/components/schemas/HarvestUserRate',
      });
      expect(json('/v2/time_entries', 'get', '200')).toEqual({
        $ref: '#/components/schemas/HarvestTimeEntries',
      });
      expect(json('/api/employee_working_hours', 'get', '200', LD)).toEqual({
        $ref: '#/components/schemas/WorkTimeCollection',
      });
      expect(json('/api/employee_working_hours', 'get', '200')).toEqual({
        type: 'array',
        items: { $ref: '#/components/schemas/WorkTime' },
      });
      expect(json('/v2/time_entries', 'post', '422')).toEqual({
        $ref: '#/components/schemas/HarvestError',
      });
      expect(json('/api/employees', 'post', '422', 'application/problem+json')).toEqual({
        $ref: '#/components/schemas/ConstraintViolationList',
      });
      // Nullable fields stay type arrays.
      const entry = doc.components.schemas.HarvestTimeEntry as {
        properties: Record<string, { type?: unknown }>;
      };
      expect(entry.properties.notes?.type).toEqual(['string', 'null']);
      // No titled schema is left inline in an operation.
      const inline: string[] = [];
      const walk = (node: unknown, at: string) => {
        if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
        else if (typeof node === 'object' && node !== null) {
          const record = node as Record<string, unknown>;
          if (typeof record.title === 'string' && (record.type ?? record.anyOf) !== undefined) {
            inline.push(`${at}: ${record.title}`);
          }
          for (const [key, value] of Object.entries(record)) {
            if (key !== 'parameters') walk(value, `${at}/${key}`);
          }
        }
      };
      walk(doc.paths, '');
      expect(inline).toEqual([]);
    });

    it('answers the outside review: servers, media types, statuses, errors', () => {
      expect(doc.servers?.map((server) => server.url)).toEqual([TEST_PUBLIC_URL, '/']);
      const workTimes = doc.paths['/api/employee_working_hours/{id}'];
      const ok = resolve(workTimes?.get?.responses['200']);
      expect(Object.keys(ok?.content ?? {})).toEqual([LD, 'application/json']);
      expect(Object.keys(workTimes?.patch?.requestBody?.content ?? {})).toEqual([MERGE_PATCH]);
      expect(
        Object.keys(doc.paths['/api/employee_working_hours']?.post?.requestBody?.content ?? {}),
      ).toEqual([LD, 'application/json']);
      expect(Object.keys(workTimes?.delete?.responses ?? {})).toContain('204');
      expect(workTimes?.delete?.responses['200']).toBeUndefined();
      expect(resolve(workTimes?.delete?.responses['204'])?.content).toBeUndefined();
      for (const action of ['stop', 'restart']) {
        const patch = doc.paths[`/v2/time_entries/{timeEntryId}/${action}`]?.patch;
        expect(Object.keys(patch?.responses ?? {}), action).toContain('422');
      }
      const tags = new Set(doc.tags.map((tag) => tag.name));
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const statuses = Object.keys(op.responses);
          // One success each: 201 for a creation, 204 for a Flowtly removal (API Platform's).
          const success = statuses.filter((s) => s.startsWith('2'));
          expect(success, `${method} ${path}`).toHaveLength(1);
          if (method === 'delete' && path.startsWith('/api/')) {
            expect(success, `${method} ${path}`).toEqual(['204']);
          }
          expect(
            statuses.some((s) => s.startsWith('4')),
            `${method} ${path}`,
          ).toBe(true);
          expect(op.operationId, `${method} ${path}`).toBeDefined();
          for (const tag of op.tags ?? []) expect(tags, `${method} ${path}`).toContain(tag);
          // Public operations cannot answer "no token"; login refuses credentials with a 401.
          if (op.security?.length === 0 && path !== '/api/login' && path !== '/punch/v1/sessions') {
            expect(statuses, `${method} ${path}`).not.toContain('401');
          }
        }
      }
      // Every Flowtly error is a problem document, but 401, which is LexikJWT's JSON.
      const flowtlyErrors = doc.paths['/api/employees']?.post?.responses ?? {};
      for (const [status, response] of Object.entries(flowtlyErrors)) {
        if (!status.startsWith('4')) continue;
        expect(Object.keys(resolve(response)?.content ?? {}), status).toEqual([
          status === '401' ? 'application/json' : 'application/problem+json',
        ]);
      }
    });

    it('documents every status and media type a sample of live calls answers', () => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addSchema(doc, 'openapi');
      const failures: string[] = [];
      for (const c of calls) {
        const at = `${c.method.toUpperCase()} ${c.path} → ${c.status} ${c.type ?? ''}`;
        const op = operation(c);
        const response = resolve(op?.responses[String(c.status)]);
        if (!response) {
          failures.push(`${at}: status not documented`);
          continue;
        }
        const content = response.content ?? {};
        if (c.status === 204 || c.type === undefined) {
          if (Object.keys(content).length > 0) failures.push(`${at}: documents a body`);
          continue;
        }
        const type = c.type in content ? c.type : '*/*' in content ? '*/*' : undefined;
        if (!type) {
          failures.push(`${at}: media type not documented (${Object.keys(content).join(', ')})`);
          continue;
        }
        if (c.body === undefined) continue;
        const raw = op?.responses[String(c.status)];
        const where =
          raw && '$ref' in raw
            ? pointer(...raw.$ref.slice(2).split('/'), 'content', type, 'schema')
            : pointer(
                'paths',
                c.path,
                c.method,
                'responses',
                String(c.status),
                'content',
                type,
                'schema',
              );
        const validate = ajv.compile({ $ref: `openapi${where}` });
        if (!validate(c.body)) failures.push(`${at}: ${ajv.errorsText(validate.errors)}`);
      }
      expect(failures).toEqual([]);
      // Every creation and removal the document lists was made, and succeeded.
      const succeeded = new Set(
        calls.filter((c) => c.status < 300).map((c) => `${c.method} ${c.path}`),
      );
      const writes = Object.entries(doc.paths).flatMap(([path, item]) =>
        ['post', 'delete'].filter((m) => item[m]).map((m) => `${m} ${path}`),
      );
      expect(writes.filter((w) => !succeeded.has(w))).toEqual([]);
      // The sample reaches both APIs, their errors and their 204s.
      const seen = new Set(calls.map((c) => c.status));
      for (const status of [200, 201, 204, 400, 401, 403, 404, 406, 415, 422]) {
        expect(seen, String(status)).toContain(status);
      }
    });

    it('generates TypeScript types that recorded responses check against, strictly', async () => {
      const source = astToString(
        await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]),
      );
      const recorded = (c: Call) => operation(c) !== undefined && c.body !== undefined;
      const first = (method: string, path: string, status: number, type?: string) => {
        const found = calls.find(
          (c) =>
            c.method === method &&
            c.path === path &&
            c.status === status &&
            (type === undefined || c.type === type),
        );
        if (!found) throw new Error(`no recorded ${method} ${path} ${status}`);
        return JSON.stringify(found.body);
      };
      const named: [string, string][] = [
        ['HarvestTimeEntry', first('get', '/v2/time_entries/{timeEntryId}', 200)],
        ['HarvestTimeEntries', first('get', '/v2/time_entries', 200)],
        ['HarvestUser', first('get', '/v2/users/me', 200)],
        ['HarvestUsers', first('get', '/v2/users', 200)],
        ['HarvestProject', first('get', '/v2/projects/{projectId}', 200)],
        ['HarvestCompany', first('get', '/v2/company', 200)],
        ['HarvestError', first('patch', '/v2/time_entries/{timeEntryId}/stop', 422)],
        ['HarvestClientsTimeReportResults', first('get', '/v2/reports/time/clients', 200)],
        ['WorkTime', first('get', '/api/employee_working_hours/{id}', 200, LD)],
        ['WorkTimeCollection', first('get', '/api/employee_working_hours', 200, LD)],
        ['EmployeeCollection', first('get', '/api/employees', 200, LD)],
        ['ConstraintViolationList', first('post', '/api/employee_working_hours', 422)],
        ['HydraError', first('patch', '/api/employee_working_hours/{id}', 415)],
        ['JwtAuthenticationError', first('get', '/api/employee_working_hours/{id}', 401)],
      ];
      const lines = [
        "import type { components, paths } from './schema';",
        ...named.map(
          ([name, body], i) =>
            `export const named${i}: components['schemas']['${name}'] = ${body};`,
        ),
        // Every recorded answer, typed through its operation: status and media type included.
        ...calls.filter(recorded).map((c, i) => {
          const type = `paths[${JSON.stringify(c.path)}][${JSON.stringify(c.method)}]['responses'][${c.status}]['content'][${JSON.stringify(c.type)}]`;
          return `export const call${i}: ${type} = ${JSON.stringify(c.body)};`;
        }),
      ];
      const entry = JSON.parse(first('get', '/v2/time_entries/{timeEntryId}', 200)) as Record<
        string,
        unknown
      >;
      const wrong = [
        "import type { components } from './schema';",
        `export const wrongType: components['schemas']['HarvestTimeEntry'] = ${JSON.stringify({ ...entry, hours: String(entry.hours) })};`,
        `export const extraKey: components['schemas']['WorkTime'] = ${first('get', '/api/employee_working_hours/{id}', 200, LD).replace(/^\{/, '{"secret":1,')};`,
      ];
      const files = {
        'schema.ts': source,
        'recorded.ts': lines.join('\n'),
        'wrong.ts': wrong.join('\n'),
      };
      for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
      const diagnostics = typeCheck(dir, files);
      expect(diagnostics['schema.ts']).toEqual([]);
      expect(diagnostics['recorded.ts']).toEqual([]);
      // The check can fail: a string for a number, and a key the schema does not have.
      expect(diagnostics['wrong.ts']).toHaveLength(2);
      expect(calls.filter(recorded).length).toBeGreaterThan(40);
    });
  });
}
