import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MANAGER_PERMISSIONS,
  type ManagerPermission,
} from '../src/server/modules/auth/auth.rules.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DIALECTS } from './dialects.ts';
import { createHarvestCaller, createToken, createUser } from './factories.ts';
import type { Headers } from './harvest-requests.ts';

/**
 * Every operation the app registers (read from its OpenAPI document, so a route is covered the
 * day it is added) × every kind of caller: anonymous, another account's administrator (with
 * the victim account's header, and with its ids), a member and a manager with no permission
 * and with each one, on objects that are another member's (person, time, rates, documents), of
 * a project they do not manage, or of the account's catalog. The oracle is Harvest's matrix
 * (reference §2.5); a "leak" is a 2xx the caller should not get, a list that shows a secret
 * marker, or a refused request that changed stored data. The administrator's own reads are
 * the control: they must succeed, or the ids below name nothing and the matrix proves nothing.
 */

type Caller =
  | { kind: 'admin' }
  | { kind: 'anonymous' }
  | { kind: 'other-account-header' }
  | { kind: 'other-account-ids' }
  | { kind: 'member' }
  | { kind: 'manager'; permission: ManagerPermission | null };

interface Operation {
  method: string;
  path: string;
  api: 'harvest' | 'flowtly' | 'native' | 'punch';
  public: boolean;
}

/** What an operation reaches in the victim's world. */
type Target =
  | 'self' // the caller's own things, the company, "me"
  | 'person' // the other member: their record, rates, documents, logins, stats
  | 'entry' // the other member's time entry
  | 'project' // a project the caller does not manage, and its assignments
  | 'client'
  | 'task'
  | 'role';

const marker = () => randomBytes(4).toString('hex');

/** Which target an operation's path (or, for creates, its body) reaches. */
function targetOf(op: Operation): Target {
  const p = op.path;
  if (/\/me(\/|$)/.test(p) || p === '/v2/company') return 'self';
  // The native API's own sessions and the caller's own timer.
  if (p.startsWith('/punch/v1/sessions') || p.startsWith('/punch/v1/timer')) return 'self';
  if (p.startsWith('/punch/v1/time-entries')) return 'entry';
  // Reading one's own week and options; writing cells of the victim's week is writing their time.
  if (p === '/punch/v1/timesheet') return op.method === 'GET' ? 'self' : 'entry';
  if (p === '/punch/v1/tracking-options') return 'self';
  if (p.startsWith('/punch/v1/clients')) return 'client';
  if (p.startsWith('/punch/v1/tasks')) return 'task';
  if (p.startsWith('/punch/v1/projects')) return 'project';
  if (p.startsWith('/punch/v1/people')) return 'person';
  if (p === '/punch/v1/account') return 'self';
  // One's own weeks and one's queue (each lists only what the caller may see); acting on the
  // victim's week is acting on their time.
  if ((p === '/punch/v1/timesheet-weeks' || p === '/punch/v1/approvals') && op.method === 'GET')
    return 'self';
  if (p.startsWith('/punch/v1/timesheet-weeks') || p.startsWith('/punch/v1/approvals'))
    return 'entry';
  // A report shows each caller only the time they may see; running one changes nothing.
  if (p.startsWith('/punch/v1/reports')) return 'self';
  // Budgets list only the projects the caller may see.
  if (p === '/punch/v1/budgets') return 'self';
  // One's own saved reports; the victim's are the victim's alone.
  if (p === '/punch/v1/saved-reports') return 'self';
  if (p.startsWith('/punch/v1/saved-reports')) return 'entry';
  // Without the link's token nothing opens (see urlOf).
  if (p.startsWith('/punch/v1/shared-reports')) return 'entry';
  // Webhooks carry every change of the account: administrators' only.
  if (p.startsWith('/punch/v1/webhooks')) return 'entry';
  // An import writes into the caller's own account (administrators').
  if (p === '/punch/v1/imports' || p === '/punch/v1/imports/harvest') return 'self';
  // The audit log shows every change of the account, the victim's time among them.
  if (p === '/punch/v1/audit-log') return 'entry';
  // Invoices bill the victim's time: administrators' only.
  if (p.startsWith('/v2/invoices') || p.startsWith('/punch/v1/invoices')) return 'entry';
  if (p.startsWith('/v2/users') || p.startsWith('/api/employees')) return 'person';
  if (p.startsWith('/v2/time_entries') || p.startsWith('/api/employee_working_hours'))
    return 'entry';
  if (p.startsWith('/v2/deleted_time_entries')) return 'entry';
  if (p.startsWith('/v2/projects') || p.startsWith('/api/projects')) return 'project';
  if (p.startsWith('/v2/user_assignments') || p.startsWith('/v2/task_assignments'))
    return 'project';
  if (p.startsWith('/v2/reports')) return 'entry';
  if (p.startsWith('/v2/clients')) return 'client';
  if (p.startsWith('/v2/tasks')) return 'task';
  if (p.startsWith('/v2/roles')) return 'role';
  throw new Error(`authorization matrix: no target for ${op.method} ${p}; add it`);
}

/** A report over the victim's time, grouped by the dimensions whose names are secrets. */
const MATRIX_REPORT = {
  period: 'custom',
  from: '2026-03-01',
  to: '2026-03-31',
  groupBy: ['project', 'person'],
};

const READS_CLIENTS: readonly (ManagerPermission | null)[] = [
  'client_and_task_manager',
  'project_creator',
];

/** Whether this caller may legitimately get a 2xx from this operation on the victim's world. */
function mayReach(caller: Caller, op: Operation): boolean {
  if (caller.kind === 'admin') return true;
  if (caller.kind !== 'member' && caller.kind !== 'manager') return false;
  const target = targetOf(op);
  const write = op.method !== 'GET';
  const permission = caller.kind === 'manager' ? caller.permission : null;
  switch (target) {
    case 'self':
      // Reading oneself and the company is everyone's; changing the company is not.
      return !(write && (op.path === '/v2/company' || op.path === '/punch/v1/account'));
    case 'client':
      return (
        caller.kind === 'manager' &&
        (write ? permission === 'client_and_task_manager' : READS_CLIENTS.includes(permission))
      );
    case 'task':
      return caller.kind === 'manager' && permission === 'client_and_task_manager';
    case 'project':
      // Creating a new project of one's own is what project_creator is for.
      return (
        caller.kind === 'manager' &&
        permission === 'project_creator' &&
        op.method === 'POST' &&
        (op.path === '/v2/projects' || op.path === '/punch/v1/projects')
      );
    case 'person':
    case 'entry':
    case 'role':
      // Another member's record and time, and the account's roles, are administrators' here.
      return false;
  }
}

const isCollection = (op: Operation) => !op.path.includes('{');

/** Markers a caller must never see in a response body. */
function secretsFor(caller: Caller, m: Markers): string[] {
  if (caller.kind === 'admin') return [];
  const always = [m.person, m.entry, m.project, m.role];
  if (caller.kind !== 'member' && caller.kind !== 'manager') return [...always, m.client, m.task];
  const permission = caller.kind === 'manager' ? caller.permission : null;
  const secrets = [...always];
  if (!(caller.kind === 'manager' && READS_CLIENTS.includes(permission))) secrets.push(m.client);
  if (!(caller.kind === 'manager' && permission === 'client_and_task_manager'))
    secrets.push(m.task);
  return secrets;
}

interface Markers {
  person: string;
  entry: string;
  project: string;
  client: string;
  task: string;
  role: string;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: authorization matrix`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const send = async (
      method: string,
      url: string,
      headers: Headers,
      payload?: unknown,
    ): Promise<{ status: number; body: string }> => {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      });
      return { status: res.statusCode, body: res.body };
    };

    /** The victim account A, with a second member's objects and a project nobody else manages. */
    async function victimWorld() {
      const m: Markers = {
        person: `Person${marker()}`,
        entry: `entry-${marker()}`,
        project: `Project${marker()}`,
        client: `Client${marker()}`,
        task: `Task${marker()}`,
        role: `Role${marker()}`,
      };
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = { ...admin.headers, 'content-type': 'application/json' };
      const ok = async (method: string, url: string, payload: unknown) => {
        const res = await send(method, url, h, payload);
        expect(res.status, `${method} ${url}: ${res.body}`).toBeLessThan(300);
        return JSON.parse(res.body) as { id: number } & Record<string, unknown>;
      };
      const client = await ok('POST', '/v2/clients', { name: m.client });
      const ownClient = await ok('POST', '/v2/clients', { name: 'Own client' });
      const project = await ok('POST', '/v2/projects', {
        client_id: client.id,
        name: m.project,
        bill_by: 'Project',
        hourly_rate: 100,
        budget_by: 'project',
        budget: 100,
      });
      const ownProject = await ok('POST', '/v2/projects', {
        client_id: ownClient.id,
        name: 'Own project',
      });
      const task = await ok('POST', '/v2/tasks', { name: m.task });
      const ownTask = await ok('POST', '/v2/tasks', { name: 'Own task' });
      const taskAssignment = await ok('POST', `/v2/projects/${project.id}/task_assignments`, {
        task_id: task.id,
      });
      await ok('POST', `/v2/projects/${ownProject.id}/task_assignments`, { task_id: ownTask.id });
      const role = await ok('POST', '/v2/roles', { name: m.role });
      const other = await ok('POST', '/v2/users', {
        first_name: m.person,
        last_name: 'Other',
        email: `${m.person.toLowerCase()}@example.com`,
      });
      const billable = await ok('POST', `/v2/users/${other.id}/billable_rates`, { amount: 90 });
      const cost = await ok('POST', `/v2/users/${other.id}/cost_rates`, { amount: 40 });
      const userAssignment = await ok('POST', `/v2/projects/${project.id}/user_assignments`, {
        user_id: other.id,
      });
      const entry = await ok('POST', '/v2/time_entries', {
        user_id: other.id,
        project_id: project.id,
        task_id: task.id,
        spent_date: '2026-03-04',
        hours: 2,
        notes: m.entry,
      });
      const projectRate = await send(
        'POST',
        `/api/employees/${other.id}/project-rates`,
        { authorization: h.authorization, 'content-type': 'application/ld+json' },
        { project: `/api/projects/${project.id}`, ratePerHour: '95.00', dateFrom: '2026-01-01' },
      );
      expect(projectRate.status, projectRate.body).toBe(201);
      const rateOnProject = (JSON.parse(projectRate.body) as { rates: { id: number }[] }).rates[0]!
        .id;
      const document = await t.db
        .insertInto('employee_documents')
        .values({
          user_id: other.id,
          file_name: `${m.person}.txt`,
          content_type: 'text/plain',
          size_bytes: 5,
          sha256: 'x',
          content: new TextEncoder().encode('hello'),
          uploaded_by: admin.user.id,
          created_at: t.clock.now().getTime(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const invoice = await ok('POST', '/v2/invoices', {
        client_id: client.id,
        subject: m.entry,
        line_items: [{ kind: 'Service', description: m.entry, quantity: 1, unit_price: 10 }],
      });
      const invoiceMessage = await ok('POST', `/v2/invoices/${invoice.id}/messages`, {
        event_type: 'send',
      });
      const invoicePayment = await ok('POST', `/v2/invoices/${invoice.id}/payments`, {
        amount: 1,
      });
      const nativeAdmin = { authorization: h.authorization, 'content-type': 'application/json' };
      const savedReport = await send('POST', '/punch/v1/saved-reports', nativeAdmin, {
        name: m.entry,
        definition: MATRIX_REPORT,
      });
      expect(savedReport.status, savedReport.body).toBe(201);
      const savedReportId = (JSON.parse(savedReport.body) as { id: number }).id;
      const share = await send(
        'POST',
        `/punch/v1/saved-reports/${savedReportId}/shares`,
        nativeAdmin,
        {},
      );
      expect(share.status, share.body).toBe(201);
      const webhook = await send('POST', '/punch/v1/webhooks', nativeAdmin, {
        url: `https://hooks.example.com/${m.entry}`,
        events: ['*'],
        description: m.entry,
      });
      expect(webhook.status, webhook.body).toBe(201);
      const webhookId = (JSON.parse(webhook.body) as { webhook: { id: number } }).webhook.id;
      // A delivery to read and redeliver, without reaching for the network.
      const delivery = await t.db
        .insertInto('webhook_deliveries')
        .values({
          account_id: admin.accountId,
          webhook_id: webhookId,
          event_id: null,
          event_type: 'webhook.ping',
          status: 'failed',
          attempts: 1,
          next_attempt_at: 0,
          locked_until: null,
          first_attempted_at: 0,
          last_attempted_at: 0,
          last_status_code: 500,
          last_duration_ms: 1,
          last_error: null,
          delivered_at: null,
          created_at: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        m,
        admin,
        ids: {
          savedReport: savedReportId,
          webhook: webhookId,
          delivery: delivery.id,
          share: (JSON.parse(share.body) as { share: { id: number } }).share.id,
          invoice: invoice.id,
          invoiceMessage: invoiceMessage.id,
          invoicePayment: invoicePayment.id,
          client: client.id,
          project: project.id,
          ownProject: ownProject.id,
          ownTask: ownTask.id,
          task: task.id,
          taskAssignment: taskAssignment.id,
          userAssignment: userAssignment.id,
          role: role.id,
          person: other.id,
          billable: billable.id,
          cost: cost.id,
          entry: entry.id,
          projectRate: rateOnProject,
          document: document.id,
          token: admin.tokenId,
        },
      };
    }
    type World = Awaited<ReturnType<typeof victimWorld>>;

    /** The path with the victim's ids filled in. */
    function urlOf(op: Operation, w: World): string {
      const i = w.ids;
      const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        switch (name) {
          case 'userId':
            return String(i.person);
          case 'timeEntryId':
            return String(i.entry);
          case 'sessionId':
            // Nobody in the matrix signed in with a password: no session is anyone's.
            return '1';
          case 'projectId':
            return String(i.project);
          case 'clientId':
            return String(i.client);
          case 'taskId':
            return String(i.task);
          case 'roleId':
            return String(i.role);
          case 'assignmentId':
            return String(
              op.path.includes('user_assignments') || op.path.includes('/members/')
                ? i.userAssignment
                : i.taskAssignment,
            );
          case 'rateId':
            if (op.path.includes('billable_rates')) return String(i.billable);
            if (op.path.includes('cost_rates')) return String(i.cost);
            return String(i.projectRate);
          case 'documentId':
            return String(i.document);
          case 'tokenId':
            return String(i.token);
          case 'date':
            return '2026-03-04';
          case 'invoiceId':
            return String(i.invoice);
          case 'paymentId':
            return String(i.invoicePayment);
          case 'messageId':
            return String(i.invoiceMessage);
          case 'reportId':
            return String(i.savedReport);
          case 'shareId':
            return String(i.share);
          case 'webhookId':
            return String(i.webhook);
          case 'deliveryId':
            return String(i.delivery);
          case 'token':
            // A share link is its own credential: whoever holds it reads that one report, by
            // design. What the matrix asks is that the route gives nothing without it.
            return 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
          case 'id':
            if (op.path.startsWith('/api/employees')) return `emp_${i.person}`;
            if (op.path.startsWith('/api/employee_working_hours')) return `wkt_${i.entry}`;
            if (op.path.startsWith('/api/projects')) return String(i.project);
            break;
        }
        throw new Error(`authorization matrix: no id for {${name}} in ${op.path}; add it`);
      });
      if (op.path.endsWith('/rates') && op.method === 'GET') return `${url}?kind=billable`;
      return op.path.startsWith('/v2/reports') ? `${url}?from=20260101&to=20261231` : url;
    }

    /** A body that would do something to the victim's objects, were it allowed. */
    function bodyOf(op: Operation, w: World): unknown {
      if (op.method === 'GET' || op.method === 'DELETE') return undefined;
      const i = w.ids;
      const key = `${op.method} ${op.path}`;
      const bodies: Record<string, unknown> = {
        'POST /v2/time_entries': {
          user_id: i.person,
          project_id: i.project,
          task_id: i.task,
          spent_date: '2026-03-05',
          hours: 1,
        },
        'POST /api/employee_working_hours': {
          employee: `/api/employees/emp_${i.person}`,
          project: `/api/projects/${i.project}`,
          date: '2026-03-05',
          seconds: 60,
        },
        'POST /v2/projects': { client_id: i.client, name: `New ${marker()}` },
        'POST /v2/clients': { name: `New ${marker()}` },
        'POST /v2/tasks': { name: `New ${marker()}` },
        'POST /v2/roles': { name: `New ${marker()}`, user_ids: [i.person] },
        'POST /v2/users': {
          first_name: 'New',
          last_name: 'Person',
          email: `new-${marker()}@example.com`,
        },
        'POST /api/employees': {
          firstName: 'New',
          lastName: 'Person',
          email: `new-${marker()}@example.com`,
        },
        'POST /v2/projects/{projectId}/user_assignments': { user_id: i.person },
        'POST /v2/projects/{projectId}/task_assignments': { task_id: i.task },
        'POST /v2/users/{userId}/billable_rates': { amount: 1 },
        'POST /v2/users/{userId}/cost_rates': { amount: 1 },
        'POST /api/employees/{id}/project-rates': {
          project: `/api/projects/${i.project}`,
          ratePerHour: '1.00',
          dateFrom: '2027-01-01',
        },
        'POST /api/employees/{id}/user': { password: 'a long password' },
        'PATCH /v2/users/{userId}/teammates': { teammate_ids: [i.person] },
        'PATCH /v2/company': { wants_timestamp_timers: true },
        'POST /punch/v1/time-entries': {
          userId: i.person,
          projectId: i.project,
          taskId: i.task,
          spentDate: '2026-03-05',
          seconds: 60,
        },
        'PATCH /punch/v1/time-entries/{timeEntryId}': { notes: 'changed', seconds: 3 },
        'POST /punch/v1/timer': { projectId: i.project, taskId: i.task },
        'POST /punch/v1/projects': { clientId: i.client, name: `New ${marker()}` },
        'POST /punch/v1/people/{userId}/rates': { kind: 'billable', amount: 1 },
        'PUT /punch/v1/timesheet': {
          userId: i.person,
          cells: [{ projectId: i.project, taskId: i.task, date: '2026-03-05', seconds: 60 }],
        },
        'POST /punch/v1/timesheet-weeks/submit': { userId: i.person, weekStart: '2026-03-02' },
        'POST /punch/v1/timesheet-weeks/withdraw': { userId: i.person, weekStart: '2026-03-02' },
        'POST /punch/v1/timesheet-weeks/unlock': {
          userId: i.person,
          weekStart: '2026-03-02',
          until: '2026-03-05T00:00:00Z',
        },
        'POST /punch/v1/approvals/approve': {
          weeks: [{ userId: i.person, weekStart: '2026-03-02' }],
        },
        'POST /punch/v1/approvals/reopen': {
          weeks: [{ userId: i.person, weekStart: '2026-03-02' }],
        },
        'POST /v2/invoices': {
          client_id: i.client,
          line_items_import: { project_ids: [i.project], time: { summary_type: 'project' } },
        },
        'PATCH /v2/invoices/{invoiceId}': { subject: 'changed' },
        'POST /v2/invoices/{invoiceId}/payments': { amount: 1 },
        'POST /v2/invoices/{invoiceId}/messages': { event_type: 'close' },
        'POST /punch/v1/invoices': { clientId: i.client, projectIds: [i.project] },
        'POST /punch/v1/invoices/preview': { clientId: i.client, projectIds: [i.project] },
        'POST /punch/v1/invoices/{invoiceId}/payments': {},
        'POST /punch/v1/reports/run': MATRIX_REPORT,
        'POST /punch/v1/saved-reports': { name: 'Mine', definition: MATRIX_REPORT },
        'PATCH /punch/v1/saved-reports/{reportId}': { name: 'Changed' },
        'POST /punch/v1/webhooks': { url: 'https://hooks.example.com/new', events: ['*'] },
        'PATCH /punch/v1/webhooks/{webhookId}': { description: 'changed' },
        'POST /punch/v1/reports/entries': { definition: MATRIX_REPORT },
        'POST /punch/v1/reports/export': {
          definition: MATRIX_REPORT,
          format: 'csv',
          content: 'entries',
        },
        'POST /punch/v1/approvals/reject': {
          weeks: [{ userId: i.person, weekStart: '2026-03-02' }],
          reason: 'no',
        },
      };
      if (key in bodies) return bodies[key];
      if (op.method === 'PATCH') {
        if (op.api === 'flowtly') return { description: 'changed', firstName: 'Changed' };
        return { name: 'Changed', notes: 'changed', hours: 3, first_name: 'Changed' };
      }
      return {};
    }

    /** Whether a create's body names the victim's objects (else another account may create). */
    const namesVictimObjects = (op: Operation) =>
      [
        'POST /v2/time_entries',
        'POST /api/employee_working_hours',
        'POST /v2/projects',
        'POST /v2/roles',
        'POST /punch/v1/time-entries',
        'POST /punch/v1/timer',
        'PUT /punch/v1/timesheet',
        'POST /punch/v1/projects',
        'POST /punch/v1/timesheet-weeks/submit',
        'POST /punch/v1/timesheet-weeks/withdraw',
        'POST /punch/v1/timesheet-weeks/unlock',
        'POST /punch/v1/approvals/approve',
        'POST /punch/v1/approvals/reject',
        'POST /punch/v1/approvals/reopen',
        'POST /v2/invoices',
        'POST /punch/v1/invoices',
        'POST /punch/v1/invoices/preview',
      ].includes(`${op.method} ${op.path}`) || !isCollection(op);

    async function headersOf(caller: Caller, w: World, op: Operation): Promise<Headers> {
      const type =
        op.method === 'PATCH' && op.api === 'flowtly'
          ? 'application/merge-patch+json'
          : op.api === 'flowtly'
            ? 'application/ld+json'
            : 'application/json';
      const base: Headers = {
        'user-agent': 'Punch matrix (tests@example.com)',
        'content-type': type,
      };
      const as = (token: string, accountId: number): Headers => ({
        ...base,
        authorization: `Bearer ${token}`,
        ...(op.api === 'harvest' ? { 'harvest-account-id': String(accountId) } : {}),
        // A token may name another account of its login on the native API.
        ...(op.api === 'native' ? { 'punch-account-id': String(accountId) } : {}),
      });
      switch (caller.kind) {
        case 'anonymous':
          return base;
        case 'admin':
          return as(w.admin.token, w.admin.accountId);
        case 'other-account-header':
          return as(outsider.token, w.admin.accountId);
        case 'other-account-ids':
          return as(outsider.token, outsider.accountId);
        case 'member':
        case 'manager': {
          const key = caller.kind === 'member' ? 'member' : `manager:${caller.permission ?? '-'}`;
          let person = insiders.get(key);
          if (!person) {
            const user = await createUser(t.db, t.clock, w.admin.accountId, {
              accessLevel: caller.kind,
              managerPermissions:
                caller.kind === 'manager' && caller.permission ? [caller.permission] : [],
            });
            // Everyone inside has a project of their own (a manager manages it), never the victim's.
            const assigned = await send(
              'POST',
              `/v2/projects/${w.ids.ownProject}/user_assignments`,
              { ...w.admin.headers, 'content-type': 'application/json' },
              { user_id: user.id, is_project_manager: caller.kind === 'manager' },
            );
            expect(assigned.status, assigned.body).toBe(201);
            person = (await createToken(t.db, t.clock, user.id)).token;
            insiders.set(key, person);
          }
          return as(person, w.admin.accountId);
        }
      }
    }

    /** Everything stored about the victim account, to prove a refused request wrote nothing. */
    async function snapshot(): Promise<string> {
      const db = t.db;
      const tables = [
        'clients',
        'projects',
        'tasks',
        'users',
        'time_entries',
        'user_assignments',
        'task_assignments',
        'user_rates',
        'project_rates',
        'employee_documents',
        'roles',
        'role_users',
        'teammates',
        'identities',
        'invitations',
        'accounts',
        'timesheet_weeks',
        'invoices',
        'invoice_line_items',
        'invoice_payments',
        'invoice_messages',
        'saved_reports',
        'report_shares',
        'budget_states',
      ] as const;
      const rows = await Promise.all(
        tables.map((table) =>
          db
            .selectFrom(table)
            .selectAll()
            .execute()
            .then((r) =>
              JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? v.length : v)),
            ),
        ),
      );
      return rows.join('\n');
    }

    let outsider: Awaited<ReturnType<typeof createHarvestCaller>>;
    const insiders = new Map<string, string>();

    it('finds no leak in any operation for any caller', async () => {
      await t.app.ready();
      const doc = t.app.swagger() as {
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      };
      const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, spec]) => ({
          method: method.toUpperCase(),
          path,
          api: path.startsWith('/v2')
            ? 'harvest'
            : path.startsWith('/api')
              ? 'flowtly'
              : path.startsWith('/punch/v1')
                ? 'native'
                : 'punch',
          public:
            Array.isArray(spec.security) &&
            (spec.security.length === 0 ||
              spec.security.some((s) => Object.keys(s as object).length === 0)),
        })),
      );
      // The live-update stream never ends for a caller it accepts (inject() would wait for
      // ever); who sees which event is its own suite's business (native-events.api.test).
      const guarded = operations.filter(
        (op) => !op.public && op.api !== 'punch' && op.path !== '/punch/v1/events',
      );
      expect(guarded.length).toBeGreaterThan(70);

      outsider = await createHarvestCaller(t.db, t.clock);
      const callers: Caller[] = [
        { kind: 'anonymous' },
        { kind: 'other-account-header' },
        { kind: 'other-account-ids' },
        { kind: 'member' },
        { kind: 'manager', permission: null },
        ...MANAGER_PERMISSIONS.map((permission) => ({ kind: 'manager' as const, permission })),
      ];
      const leaks: string[] = [];
      let requests = 0;
      // Reads first, then writes in an order that keeps the victim's objects alive longest.
      const order = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
      const ordered = [...guarded].sort(
        (a, b) => order.indexOf(a.method) - order.indexOf(b.method),
      );

      const w = await victimWorld();
      // The control: the administrator reads every object the matrix aims at.
      for (const op of ordered.filter((o) => o.method === 'GET')) {
        const res = await send('GET', urlOf(op, w), await headersOf({ kind: 'admin' }, w, op));
        requests++;
        // Only a manager has teammates: asked of a member, the answer is a 422 that says so.
        // The cookie's session is asked of a token: there is none.
        const expected = op.path.endsWith('/teammates')
          ? 422
          : op.path === '/punch/v1/sessions/current'
            ? 401
            : 200;
        if (res.status !== expected) {
          leaks.push(`control: admin GET ${urlOf(op, w)} → ${res.status}`);
        }
      }

      for (const op of ordered) {
        for (const caller of callers) {
          if (caller.kind === 'other-account-header' && op.api !== 'harvest' && op.api !== 'native')
            continue;
          const url = urlOf(op, w);
          const body = bodyOf(op, w);
          // A list answers each caller with what they may see (checked by the markers below);
          // a create that names nothing of the victim's is another account's own business.
          const allowed =
            (op.method === 'GET' && isCollection(op)) ||
            (caller.kind === 'other-account-ids' && !namesVictimObjects(op)) ||
            mayReach(caller, op);
          const before = allowed || op.method === 'GET' ? null : await snapshot();
          const res = await send(op.method, url, await headersOf(caller, w, op), body);
          requests++;
          const who =
            caller.kind === 'manager' ? `manager(${caller.permission ?? 'none'})` : caller.kind;
          const what = `${who} ${op.method} ${url} → ${res.status}`;
          if (res.status >= 500) leaks.push(`5xx: ${what} ${res.body.slice(0, 200)}`);
          if (caller.kind === 'anonymous' || caller.kind === 'other-account-header') {
            if (res.status !== 401) leaks.push(`not 401: ${what}`);
          } else if (!allowed && res.status < 300) {
            leaks.push(`2xx: ${what} ${res.body.slice(0, 160)}`);
          }
          if (res.status < 300) {
            for (const secret of secretsFor(caller, w.m)) {
              if (res.body.includes(secret)) leaks.push(`shows ${secret}: ${what}`);
            }
          }
          if (before !== null && (await snapshot()) !== before) {
            leaks.push(`changed data: ${what}`);
          }
        }
      }
      console.log(
        `authorization matrix (${dialect}): ${guarded.length} operations × ${callers.length} callers, ${requests} requests, ${leaks.length} leaks`,
      );
      expect(leaks).toEqual([]);
    }, 300_000);
  });
}
