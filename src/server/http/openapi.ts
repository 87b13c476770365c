import { STATUS_CODES } from 'node:http';
import swagger, { formatParamUrl, type SwaggerTransform } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { EmployeeProjectRates } from '../modules/project-rates/project-rates.schemas.ts';
import {
  ClientsTimeReportRow,
  ProjectsTimeReportRow,
  TasksTimeReportRow,
  TeamTimeReportRow,
} from '../modules/reports/reports.schemas.ts';
import type { App } from './app-types.ts';
import { isFlowtlyPath } from './flowtly-transport.ts';
import { isNativePath } from './native-transport.ts';

const DESCRIPTION = `Punch speaks three APIs over one data model.

**Punch's own API** under \`/punch/v1\`: camelCase JSON, cursor lists (\`{data, nextCursor}\`),
errors as \`{"error": {"code", "message"}}\` with stable codes. The web app signs in with
\`POST /punch/v1/sessions\` (an HttpOnly cookie; unsafe requests then send \`X-CSRF-Token\`);
scripts use \`Authorization: Bearer <token>\`, with \`Punch-Account-Id\` to pick another
account of the same login. Live updates: \`GET /punch/v1/events\` (Server-Sent Events).

**Harvest v2-compatible API** under \`/v2\` (also reachable as \`/api/v2\`, with or without a
trailing slash or a \`.json\` suffix). Authenticate with \`Authorization: Bearer <token>\` (or
\`?access_token=\`), pick the account with \`Harvest-Account-Id\` (or \`?account_id=\`) and send a
\`User-Agent\` naming your application. Fields whose names start with \`x_\` are Punch extensions.

**Flowtly-compatible API** (API Platform's JSON-LD and Hydra) under \`/api\` and at the root:
work times, employees with their project rates, documents, logins, working-hours stats and
feedback. Authenticate with \`Authorization: Bearer <token>\`: a JWT from \`POST /api/login\`
or a personal access token. \`Accept: application/json\` gives plain JSON; PATCH takes
\`application/merge-patch+json\`. The Hydra description is at \`/api/docs.jsonld\`.

Create a token with \`npx punch token create --email you@example.com\`.`;

/** Security requirement of every Harvest operation: a token and the account, together. */
export const HARVEST_SECURITY = [{ BearerAuth: [], AccountAuth: [] }];
/** The native API: a bearer token or JWT, or the web app's session cookie (ADR 0015). */
export const NATIVE_SECURITY: Record<string, string[]>[] = [
  { BearerAuth: [] },
  { SessionCookie: [] },
];

/**
 * The response of an operation that answers 204: no body (`reply.code(204).send()` type-checks,
 * as the static type is undefined) and no content in the document.
 */
export const NoContent = Type.Unsafe<undefined>({ type: 'null', description: 'No Content' });

// ---------------------------------------------------------------------------------------------
// Error bodies, as http/error-handler.ts writes them (documentation only: errors are not
// serialized through these schemas).

const HarvestError = Type.Object(
  { message: Type.String() },
  { title: 'HarvestError', description: 'Harvest 400, 403, 422 and 429 bodies.' },
);
const HarvestAuthenticationError = Type.Object(
  { error: Type.String(), error_description: Type.String() },
  { title: 'HarvestAuthenticationError', description: 'Harvest 401 body (OAuth 2 style).' },
);
const HarvestNotFoundError = Type.Object(
  { status: Type.Integer(), error: Type.String() },
  { title: 'HarvestNotFoundError', description: 'Harvest 404 body: `{"status":404,...}`.' },
);
/** The keys API Platform's errors and violation lists share (both spellings of each). */
const problemKeys = {
  '@context': Type.String(),
  '@id': Type.String(),
  title: Type.String(),
  'hydra:title': Type.String(),
  detail: Type.String(),
  'hydra:description': Type.String(),
  description: Type.String(),
  status: Type.Integer(),
  type: Type.String(),
};
const HydraError = Type.Object(
  { ...problemKeys, '@type': Type.String({ description: '`hydra:Error`.' }) },
  { title: 'HydraError', description: "API Platform's error (application/problem+json)." },
);
const ConstraintViolation = Type.Object(
  { propertyPath: Type.String(), message: Type.String(), code: Type.String() },
  { title: 'ConstraintViolation' },
);
const ConstraintViolationList = Type.Object(
  {
    ...problemKeys,
    '@type': Type.String({ description: '`ConstraintViolationList`.' }),
    violations: Type.Array(ConstraintViolation),
  },
  { title: 'ConstraintViolationList', description: "API Platform's 422: one violation a field." },
);
const JwtAuthenticationError = Type.Object(
  { code: Type.Integer(), message: Type.String() },
  { title: 'JwtAuthenticationError', description: "LexikJWT's 401 (application/json)." },
);
const PunchError = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Array(Type.String())),
      fields: Type.Optional(
        Type.Array(
          Type.Object(
            {
              field: Type.String({
                description: "The field's path, dot-separated (`cells.0.seconds`).",
              }),
              rule: Type.String({
                description:
                  'blank, type, enum, min, max, minLength, maxLength, minItems, format, unknown or invalid.',
              }),
              limit: Type.Optional(
                Type.Union([Type.Number(), Type.String()], {
                  description: "The rule's number, or the type or format expected.",
                }),
              ),
            },
            { title: 'FieldProblem' },
          ),
          {
            description:
              "On validation_failed: each schema error as data, to be worded in the reader's language at its field.",
          },
        ),
      ),
    }),
  },
  { title: 'PunchError', description: "Errors of Punch's own endpoints." },
);

const ERROR_SCHEMAS = [
  HarvestError,
  HarvestAuthenticationError,
  HarvestNotFoundError,
  HydraError,
  ConstraintViolationList,
  JwtAuthenticationError,
  PunchError,
];

/** Schemas without a title of their own, named for the document; the map key is the schema. */
const NAMES = new Map<unknown, string>([
  [ClientsTimeReportRow, 'HarvestClientsTimeReportResult'],
  [ProjectsTimeReportRow, 'HarvestProjectsTimeReportResult'],
  [TasksTimeReportRow, 'HarvestTasksTimeReportResult'],
  [TeamTimeReportRow, 'HarvestTeamTimeReportResult'],
  [EmployeeProjectRates.properties.rates.items, 'EmployeeProjectRate'],
]);

// ---------------------------------------------------------------------------------------------
// Responses every operation of an API may give, derived centrally (see `errorsOf`).

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const media = (type: string, schema: string) => ({ [type]: { schema: ref(schema) } });
const PROBLEM = 'application/problem+json';
const JSON_TYPE = 'application/json';
const LD = 'application/ld+json';
const MERGE_PATCH = 'application/merge-patch+json';

const RESPONSES: Record<string, Json> = {
  HarvestBadRequest: {
    description: 'Bad Request: no User-Agent, a body that is not JSON, or a NUL in the URL.',
    content: media(JSON_TYPE, 'HarvestError'),
  },
  HarvestUnauthorized: {
    description: 'The token is missing, invalid, revoked or expired, or not of this account.',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
    content: media(JSON_TYPE, 'HarvestAuthenticationError'),
  },
  HarvestForbidden: {
    description: 'The person may not do this (access level or manager permissions).',
    content: media(JSON_TYPE, 'HarvestError'),
  },
  HarvestNotFound: {
    description: 'Nothing with this id in the account (or visible to the person).',
    content: media(JSON_TYPE, 'HarvestNotFoundError'),
  },
  HarvestUnprocessableEntity: {
    description: 'Invalid parameters, or a rule refused the change; the message says which.',
    content: media(JSON_TYPE, 'HarvestError'),
  },
  HarvestTooManyRequests: {
    description: 'Rate limit exceeded; retry after the given number of seconds.',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: media(JSON_TYPE, 'HarvestError'),
  },
  FlowtlyBadRequest: {
    description: 'Bad Request: malformed JSON, a wrong type or IRI, a bad page, a NUL in the URL.',
    content: media(PROBLEM, 'HydraError'),
  },
  FlowtlyUnauthorized: {
    description: 'JWT Token not found, invalid or expired (on login: invalid credentials).',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
    content: media(JSON_TYPE, 'JwtAuthenticationError'),
  },
  FlowtlyForbidden: { description: 'Access Denied.', content: media(PROBLEM, 'HydraError') },
  FlowtlyTooManyRequests: {
    description:
      'Too many failed sign-ins from this address for this login (or this address); retry after the given seconds.',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: media(PROBLEM, 'HydraError'),
  },
  FlowtlyNotFound: {
    description: 'Not Found (also for an unknown format suffix such as `.xml`).',
    content: media(PROBLEM, 'HydraError'),
  },
  FlowtlyNotAcceptable: {
    description: 'The Accept header asks for neither application/ld+json nor application/json.',
    content: media(PROBLEM, 'HydraError'),
  },
  FlowtlyUnsupportedMediaType: {
    description: 'The Content-Type is missing or not one this operation takes.',
    content: media(PROBLEM, 'HydraError'),
  },
  FlowtlyUnprocessableEntity: {
    description: 'Validation failed: one violation per field.',
    content: media(PROBLEM, 'ConstraintViolationList'),
  },
  PunchBadRequest: { description: 'Bad Request.', content: media(JSON_TYPE, 'PunchError') },
  PunchUnauthorized: {
    description: 'The token is missing or invalid.',
    content: media(JSON_TYPE, 'PunchError'),
  },
  NativeUnauthorized: {
    description:
      'No credential, an invalid or ended one (`unauthenticated`, `invalid_token`), or a wrong e-mail or password at sign-in (`bad_credentials`).',
    content: media(JSON_TYPE, 'PunchError'),
  },
  NativeForbidden: {
    description:
      'Not allowed (`forbidden`), or a cookie request without its CSRF token (`csrf_failed`).',
    content: media(JSON_TYPE, 'PunchError'),
  },
  NativeNotFound: {
    description: 'No such record, or not one the caller may see.',
    content: media(JSON_TYPE, 'PunchError'),
  },
  NativePayloadTooLarge: {
    description: 'A request body over the size the server takes (`body_too_large`).',
    content: media(JSON_TYPE, 'PunchError'),
  },
  NativeUnsupportedMediaType: {
    description: 'A request body that is not application/json.',
    content: media(JSON_TYPE, 'PunchError'),
  },
  NativeUnprocessableEntity: {
    description: 'The input breaks a rule; `code` says which, `details` lists every message.',
    content: media(JSON_TYPE, 'PunchError'),
  },
  NativeTooManyRequests: {
    description: 'Too many failed sign-ins (`sign_in_throttled`); see Retry-After.',
    content: media(JSON_TYPE, 'PunchError'),
  },
};

type ApiName = 'Harvest' | 'Flowtly' | 'Punch';

const apiOf = (path: string): ApiName =>
  path === '/v2' || path.startsWith('/v2/') ? 'Harvest' : isFlowtlyPath(path) ? 'Flowtly' : 'Punch';

/** What the document cannot tell about a route, read from its options as it is documented. */
interface RouteFacts {
  /** Answers a file, not JSON-LD (no Accept negotiation). */
  fileOutput: boolean;
  /** Request types a Flowtly route takes instead of JSON-LD/JSON (e.g. an upload). */
  inputTypes?: readonly string[];
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `[]` (public) or `[{}, …]` (a token is optional): no token is needed. */
function isPublic(operation: Json): boolean {
  const security = operation.security;
  return Array.isArray(security) && (security.length === 0 || security.some(isEmptyObject));
}
const isEmptyObject = (value: unknown) => isObject(value) && Object.keys(value).length === 0;

/** A GET anyone signed in may make: their own person, the company. */
const forEveryone = (method: string, path: string) =>
  method === 'get' && (path === '/v2/company' || /\/me(?:\/|$)/.test(path));

const hasQuery = (operation: Json) =>
  Array.isArray(operation.parameters) &&
  operation.parameters.some((p) => isObject(p) && p.in === 'query');

/**
 * The error responses an operation can give, in its API's format (http/error-handler.ts), by
 * API, method and path; generous rather than missing one:
 *  - Harvest: 400 (User-Agent, body, NUL), 401, 403 unless anyone may, 404 on item paths, 422
 *    on writes and on reads with parameters, 429;
 *  - Flowtly: 400, 401 (on login too: bad credentials), 403 unless public, 404 (also an unknown
 *    format suffix), 406 unless a file is answered, 415 on POST/PATCH, 422 on writes and reads
 *    with parameters;
 *  - Punch: 400, and 401 when a token is needed.
 */
function errorsOf(api: ApiName, method: string, path: string, operation: Json, facts?: RouteFacts) {
  const write = method !== 'get';
  const validated = write || hasQuery(operation);
  const open = isPublic(operation);
  const item = path.includes('{');
  const errors: [number, string, boolean][] =
    api === 'Harvest'
      ? [
          [400, 'HarvestBadRequest', true],
          [401, 'HarvestUnauthorized', !open],
          [403, 'HarvestForbidden', !open && !forEveryone(method, path)],
          [404, 'HarvestNotFound', item],
          [422, 'HarvestUnprocessableEntity', validated],
          [429, 'HarvestTooManyRequests', true],
        ]
      : api === 'Flowtly'
        ? [
            [400, 'FlowtlyBadRequest', true],
            [401, 'FlowtlyUnauthorized', true],
            [403, 'FlowtlyForbidden', !open && !forEveryone(method, path)],
            [404, 'FlowtlyNotFound', true],
            [406, 'FlowtlyNotAcceptable', !facts?.fileOutput],
            [415, 'FlowtlyUnsupportedMediaType', method === 'post' || method === 'patch'],
            [422, 'FlowtlyUnprocessableEntity', validated],
            [429, 'FlowtlyTooManyRequests', path === '/api/login' || path === '/login'],
          ]
        : isNativePath(path)
          ? [
              [400, 'PunchBadRequest', true],
              // Signing in is public, and answers 401 to a wrong password; first-run setup is
              // public, and answers 403 to a wrong setup code.
              [401, 'NativeUnauthorized', !open || path === '/punch/v1/sessions'],
              [403, 'NativeForbidden', !open || (write && path === '/punch/v1/setup')],
              // Items, and any operation naming a person or project in its query or body.
              [404, 'NativeNotFound', true],
              [413, 'NativePayloadTooLarge', write],
              [415, 'NativeUnsupportedMediaType', write],
              [422, 'NativeUnprocessableEntity', validated],
              [429, 'NativeTooManyRequests', open && write],
            ]
          : [
              [400, 'PunchBadRequest', true],
              [401, 'PunchUnauthorized', !open],
            ];
  return errors.filter(([, , applies]) => applies);
}

/** The request types a Flowtly write takes (flowtly-transport.ts `assertInputType`). */
function flowtlyInputTypes(method: string, facts?: RouteFacts): readonly string[] {
  return facts?.inputTypes ?? (method === 'patch' ? [MERGE_PATCH] : [LD, JSON_TYPE]);
}

/** A Hydra collection schema (flowtly-schema.ts): JSON-LD object or, in plain JSON, an array. */
function splitCollection(schema: unknown): { ld: unknown; json: unknown } | null {
  if (!isObject(schema) || !Array.isArray(schema.anyOf) || schema.anyOf.length !== 2) return null;
  const [ld, json] = schema.anyOf as unknown[];
  const hydra = isObject(ld) && isObject(ld.properties) && 'hydra:member' in ld.properties;
  return hydra && isObject(json) && json.type === 'array' ? { ld, json } : null;
}

/** Media types, request bodies and errors of one operation. */
function completeOperation(path: string, method: string, operation: Json, facts?: RouteFacts) {
  const api = apiOf(path);
  const responses = (operation.responses ?? {}) as Record<string, Json>;
  for (const [status, response] of Object.entries(responses)) {
    if (response.description === 'Default Response') {
      response.description = STATUS_CODES[Number(status)] ?? 'Response';
    }
  }
  if (api === 'Flowtly') {
    // Flowtly's public operations (login, invitations) answer plain JSON, as LexikJWT does.
    const plain = isPublic(operation);
    for (const [status, response] of Object.entries(responses)) {
      if (!status.startsWith('2') || status === '204' || method === 'delete') continue;
      const content = response.content as Record<string, { schema?: unknown }> | undefined;
      const schema = content?.[JSON_TYPE]?.schema;
      if (facts?.fileOutput) {
        response.content = { '*/*': { schema: { type: 'string', format: 'binary' } } };
        response.description = "The file's bytes, with its own Content-Type and file name.";
      } else if (!plain) {
        const body = schema ?? { type: 'object' };
        const collection = splitCollection(body);
        response.content = {
          [LD]: { schema: collection ? collection.ld : body },
          [JSON_TYPE]: { schema: collection ? collection.json : body },
        };
      }
    }
    const types = method === 'post' || method === 'patch' ? flowtlyInputTypes(method, facts) : [];
    const requestBody = operation.requestBody as Json | undefined;
    if (types.length > 0) {
      const current = requestBody?.content as Record<string, { schema?: unknown }> | undefined;
      const schema = Object.values(current ?? {})[0]?.schema;
      operation.requestBody = {
        ...(requestBody ?? {}),
        // A route without a body schema reads its body itself (an upload, an optional password).
        required: requestBody?.required ?? types.includes('multipart/form-data'),
        content: Object.fromEntries(
          types.map((type) => [
            type,
            {
              schema:
                schema ??
                (type === 'multipart/form-data'
                  ? {
                      type: 'object',
                      properties: { file: { type: 'string', format: 'binary' } },
                      required: ['file'],
                    }
                  : { type: 'object' }),
            },
          ]),
        ),
      };
    }
  }
  for (const [status, name] of errorsOf(api, method, path, operation, facts)) {
    responses[String(status)] ??= { $ref: `#/components/responses/${name}` };
  }
  operation.responses = Object.fromEntries(
    Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)),
  );
}

// ---------------------------------------------------------------------------------------------
// Named schemas: every titled schema (and a few named here) becomes `components.schemas.X`,
// referenced with `$ref`. The route schemas themselves are left as they are: this works on the
// generated document only, so validation and serialization cannot change.

const pascal = (words: string) =>
  words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');

const refName = (value: unknown) =>
  isObject(value) && typeof value.$ref === 'string'
    ? value.$ref.replace('#/components/schemas/', '')
    : undefined;

/** The component name of a schema, or undefined to keep it inline. */
function componentName(schema: Json): string | undefined {
  const properties = isObject(schema.properties) ? schema.properties : {};
  // A Harvest list (harvest-list.ts): named by its key as Harvest names them (TimeEntries),
  // or after its items when the key says nothing (`results` of the reports).
  const page = typeof schema.title === 'string' ? /^Harvest (\w+) page$/.exec(schema.title) : null;
  if (page) {
    const key = page[1] ?? '';
    const items = refName((properties[key] as Json | undefined)?.items);
    return key === 'results' && items ? `${items}s` : `Harvest${pascal(key)}`;
  }
  // A Hydra collection (flowtly-schema.ts), JSON-LD branch: named after its members.
  const members = refName((properties['hydra:member'] as Json | undefined)?.items);
  if (members) return `${members}Collection`;
  return typeof schema.title === 'string' ? pascal(schema.title) : undefined;
}

/** Keywords holding values, not schemas: never walked into. */
const VALUES = new Set(['example', 'examples', 'default', 'const', 'enum']);

function hoistSchemas(document: Json): void {
  const components = (document.components ??= {}) as Json;
  const schemas = (components.schemas ??= {}) as Record<string, unknown>;
  const fingerprints = new Map<string, string>();
  const hoist = (name: string, schema: Json) => {
    const fingerprint = JSON.stringify(schema);
    const known = fingerprints.get(name);
    if (known !== undefined && known !== fingerprint) {
      throw new Error(`OpenAPI: two different schemas would be named ${name}`);
    }
    fingerprints.set(name, fingerprint);
    schemas[name] = schema;
    return ref(name);
  };
  // Post-order, so that a schema refers to the named schemas inside it.
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    const copy: Json = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] = VALUES.has(key) ? value : visit(value);
    }
    // An object of any keys (a body read by hand, an answer without a schema) says so: client
    // generators otherwise take a bare `{"type":"object"}` for an empty object.
    if (copy.type === 'object' && !('properties' in copy) && !('additionalProperties' in copy)) {
      copy.additionalProperties = true;
    }
    if (typeof copy.title === 'string' && /^Harvest \w+ page$/.test(copy.title)) {
      const properties = copy.properties as Json;
      if (isObject(properties.links)) {
        properties.links = hoist('HarvestPaginationLinks', properties.links);
      }
    }
    const name = componentName(copy);
    return name ? hoist(name, copy) : copy;
  };
  for (const item of Object.values(document.paths as Record<string, Json>)) {
    for (const operation of Object.values(item)) {
      if (!isObject(operation)) continue;
      const responses = isObject(operation.responses) ? Object.values(operation.responses) : [];
      for (const part of [operation.requestBody, ...responses]) {
        if (!isObject(part) || !isObject(part.content)) continue;
        for (const entry of Object.values(part.content)) {
          if (isObject(entry) && entry.schema !== undefined) entry.schema = visit(entry.schema);
        }
      }
    }
  }
  for (const schema of ERROR_SCHEMAS) {
    const json = JSON.parse(JSON.stringify(schema)) as Json;
    visit(json);
  }
  components.schemas = Object.fromEntries(
    Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The route schema, with the schemas named in NAMES titled (a copy: the route's stays as is). */
function withNames(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNames);
  if (!isObject(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) copy[key] = withNames(value);
  const name = NAMES.get(node);
  return name ? { ...copy, title: name } : copy;
}

const TAGS = [
  { name: 'Harvest: Company', description: 'The account and its settings.' },
  { name: 'Harvest: Users', description: 'People in the account.' },
  { name: 'Harvest: Clients', description: 'The clients projects belong to.' },
  { name: 'Harvest: Projects', description: 'Projects of clients, with billing and budgets.' },
  { name: 'Harvest: Tasks', description: 'Kinds of work, attached to projects.' },
  { name: 'Harvest: Assignments', description: 'People and tasks on projects.' },
  { name: 'Harvest: Time entries', description: 'Tracked time and timers.' },
  { name: 'Harvest: Roles', description: 'Business roles: labels on people, for reports.' },
  {
    name: 'Harvest: Invoices',
    description:
      'Invoices from tracked time or free-form, with payments and messages (recorded; Punch sends no e-mail).',
  },
  {
    name: 'Harvest: Reports',
    description:
      'Time reports: rounded hours and billable amounts per client, project, task or person.',
  },
  {
    name: 'Flowtly: Work times',
    description:
      'WorkTime (JSON-LD/Hydra): the same rows as Harvest time entries. Also at /employee_working_hours, /api/employee-working-hours, /api/work-times and without /api.',
  },
  { name: 'Flowtly: Employees', description: 'People of the account as Flowtly employees.' },
  { name: 'Flowtly: Projects', description: 'Projects, so work-time project IRIs resolve.' },
  {
    name: 'Flowtly: Authentication',
    description: 'JWT login (LexikJWT-style) and accepting a login invitation.',
  },
  {
    name: 'Punch: Setup',
    description: 'First run: the first account, created with the code `punch serve` printed.',
  },
  {
    name: 'Punch: Sessions',
    description:
      "Signing in to the web app (HttpOnly cookie; unsafe requests send X-CSRF-Token), signing out, and the login's sessions.",
  },
  { name: 'Punch: People', description: 'Who is signed in, in which account, with its settings.' },
  { name: 'Punch: Account', description: "The account's settings." },
  {
    name: 'Punch: Time entries',
    description: 'Tracked time and the running timer, in seconds and camelCase.',
  },
  { name: 'Punch: Clients', description: 'The clients projects belong to.' },
  { name: 'Punch: Tasks', description: 'Kinds of work, attached to projects.' },
  { name: 'Punch: Projects', description: "Clients' projects, with billing and budgets." },
  {
    name: 'Punch: Timesheets',
    description: "A person's week as rows by days, written many cells at a time.",
  },
  {
    name: 'Punch: Approvals',
    description:
      "Weeks submitted for approval, the approver's queue, decisions, and locked periods.",
  },
  {
    name: 'Punch: Invoices',
    description: 'Invoices of tracked time: preview, create, mark sent, record payments, PDF.',
  },
  {
    name: 'Punch: Reports',
    description:
      'Reports grouped by up to two dimensions with a chart, the entries behind them, exports, saved reports and their share links.',
  },
  {
    name: 'Punch: Shared reports',
    description:
      'A shared report opened by its link: no sign-in, read-only, until revoked or expired.',
  },
  {
    name: 'Punch: Budgets',
    description: "Projects' budgets: spent, remaining, alert level and a burn forecast.",
  },
  {
    name: 'Punch: Webhooks',
    description:
      'Signed HTTP deliveries of events to your URLs, with retries for a day, a delivery log, redelivery and a test ping (administrators).',
  },
  {
    name: 'Punch: Audit log',
    description:
      'Every change: who made it, when, which way it came in, and its fields before and after (administrators).',
  },
  {
    name: 'Punch: Imports',
    description:
      "Other trackers' exports (Harvest, Toggl Track, Clockify, Kimai) imported, with a dry run (administrators).",
  },
  {
    name: 'Punch: Live updates',
    description: 'Server-Sent Events of every change the caller may see, from the events outbox.',
  },
  { name: 'Operations', description: 'Health and API description.' },
];

/** Registers the OpenAPI generator (from route schemas), `/openapi.json` and the `/docs` page. */
export async function registerOpenApi(app: App, publicUrl: string): Promise<void> {
  const facts = new Map<string, RouteFacts>();
  const remember = (route: RouteOptions, url: string) => {
    const config = route.config;
    for (const method of [route.method].flat()) {
      facts.set(`${method.toLowerCase()} ${formatParamUrl(url)}`, {
        fileOutput: config?.flowtlyFileOutput === true,
        ...(config?.flowtlyInputTypes ? { inputTypes: config.flowtlyInputTypes } : {}),
      });
    }
  };
  const transform: SwaggerTransform = ({ schema, url, route }) => {
    remember(route, url);
    if (!isObject(schema) || !isObject(schema.response)) return { schema, url };
    return { schema: { ...schema, response: withNames(schema.response) }, url };
  };

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Punch API',
        version: '0.1.0',
        description: DESCRIPTION,
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Relative: the API is served where this document is, whatever the host or proxy.
      // The configured public URL first (what generated clients default to), then the host the
      // document was fetched from.
      servers: [{ url: publicUrl, description: 'This Punch (PUBLIC_URL)' }, { url: '/' }],
      // Flowtly operations need a bearer token only; Harvest ones add the account header.
      security: [{ BearerAuth: [] }],
      components: {
        securitySchemes: {
          BearerAuth: { type: 'http', scheme: 'bearer' },
          AccountAuth: { type: 'apiKey', in: 'header', name: 'Harvest-Account-Id' },
          SessionCookie: { type: 'apiKey', in: 'cookie', name: 'punch_session' },
        },
      },
      tags: TAGS,
    },
    transform,
    transformObject: (documentObject) => {
      if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
      const document = documentObject.openapiObject as Json;
      for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
        for (const [method, operation] of Object.entries(item)) {
          if (isObject(operation)) {
            completeOperation(path, method, operation, facts.get(`${method} ${path}`));
          }
        }
      }
      hoistSchemas(document);
      const text = JSON.stringify(document.paths);
      (document.components as Json).responses = Object.fromEntries(
        Object.entries(RESPONSES).filter(([name]) => text.includes(`/responses/${name}"`)),
      );
      return document;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
