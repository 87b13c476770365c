import fc from 'fast-check';
import qs from 'qs';

/**
 * Request generators for test/fuzz.test.ts, derived from route schemas. A generated request is
 * a plan: values of the world (ids, IRIs, tokens) are `{{name}}` placeholders, filled in when
 * the request is sent, because the world is rebuilt whenever a successful write breaks it.
 * A JSON value that is exactly `{{name}}` becomes that world value (a number for an id);
 * anywhere else a placeholder is replaced as text.
 */

/** The parts of a JSON Schema the generators read. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  example?: unknown;
}

export type Api = 'harvest' | 'flowtly' | 'public';

/** One method of one registered route, with what its schema says about its input. */
export interface Operation {
  method: string;
  /** The route as registered, e.g. `/v2/clients/:clientId`. */
  url: string;
  api: Api;
  hidden: boolean;
  body?: SchemaNode;
  querystring?: SchemaNode;
  params?: SchemaNode;
  /** Request types the route declares (`consumes`), e.g. multipart/form-data. */
  consumes: string[];
  /** Properties of the success response: the shape a free-form (Flowtly) input takes. */
  shape?: Record<string, SchemaNode>;
  /** Query keys the route advertises (Hydra `hydra:search` variables), found at run time. */
  searchKeys: string[];
}

/** What the generators may vary besides the route's own schema, all read from the app. */
export interface Vocabulary {
  /** Every property name of every input and output schema of the app. */
  knownKeys: string[];
}

export interface QueryPair {
  key: string;
  value: string;
  /** Sent as is (already percent-encoded, or deliberately malformed like `%zz`). */
  raw: boolean;
}

export type BodyPlan =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | {
      kind: 'multipart';
      field: string;
      fileName: string;
      fileType: string;
      content: string;
      /** How the multipart framing is broken, if at all. */
      damage: 'none' | 'no-boundary' | 'truncated' | 'wrong-boundary';
    };

export type AuthPlan =
  | 'ok'
  | 'none'
  | 'bad-token'
  | 'basic'
  | 'bad-account'
  | 'other-account'
  | 'no-agent'
  | 'query-token';

export interface RequestPlan {
  method: string;
  /** Path with placeholders, every segment already percent-encoded. */
  path: string;
  query: QueryPair[];
  body: BodyPlan;
  /** `right` is the type the API documents for the method; the others are deliberate misfits. */
  contentType: 'right' | 'none' | 'text/plain' | 'other-json' | 'form';
  auth: AuthPlan;
  badAccountId: string;
  accept?: string;
}

// ---------------------------------------------------------------------------------------------
// Hostile values, shared by every schema

const LONG = 'x'.repeat(10_001);
const BEYOND_64_BITS = '9223372036854775808';
const DEEP = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

/** Numbers (and numbers as text) databases, JavaScript and PostgreSQL's bigint cannot all hold. */
const HOSTILE_NUMBERS: unknown[] = [
  -1,
  0,
  0.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  2 ** 64,
  Number.MAX_SAFE_INTEGER,
  BEYOND_64_BITS,
  '-9223372036854775809',
  '99999999999999999999999999999',
  '1e308',
  '1e309',
  '-1',
  '0.0000001',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '0x1F',
  '1,5',
  '1_000',
  '１２',
  ' 12 ',
  '12abc',
];

const HOSTILE_STRINGS: unknown[] = [
  '',
  ' ',
  '\t\n',
  LONG,
  'x'.repeat(256),
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\uffff',
  '\u202e',
  '🎉'.repeat(300),
  "'; DROP TABLE clients; --",
  '%00',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '{{missing}}',
  // Names every plain object answers to: a lookup table read with them finds a function.
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

const HOSTILE_DATES: unknown[] = [
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '2026-03-04T25:00:00Z',
  '2026-03-04T09:30:00+99:00',
  '2026-03-04T09:30:00.123456789123Z',
  '20260304',
  '2026-3-4',
  '1970-01-01',
  '1900-01-01T00:00:00Z',
  'yesterday',
  '2026-W10',
  '2026-063',
];

const HOSTILE_IRIS: unknown[] = [
  '/api/employees/emp_99999999999999999999',
  `/api/employees/emp_${BEYOND_64_BITS}`,
  '/api/employees/emp_0',
  '/api/employees/emp_-1',
  '/api/employees/emp_{{member}}%00',
  '/api/projects/prj_0',
  `/api/projects/prj_${BEYOND_64_BITS}`,
  '/api/projects/%00',
  '/api/projects/%zz',
  `/api/projects/${'x'.repeat(300)}`,
  'http://[::1/api/employees/emp_1',
  'https://evil.example/api/employees/emp_{{member}}',
  '/api/employee_working_hours/wkt_{{entry}}',
];

const HOSTILE_SHAPES: unknown[] = [
  null,
  true,
  false,
  [],
  [1, 2, 3],
  [null],
  [[[]]],
  {},
  { a: { b: { c: {} } } },
  { '@id': '/api/employees/emp_{{member}}' },
  { id: '{{member}}' },
  DEEP(64),
  Array.from({ length: 10_001 }, (_, i) => i + 1),
];

/** Any hostile value, whatever the schema. */
export const hostileAny: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_IRIS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SHAPES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
);

const typesOf = (schema: SchemaNode): string[] =>
  schema.type === undefined ? [] : [schema.type].flat();

/** Values at and just past the bounds the schema declares. */
function boundaryValues(schema: SchemaNode): unknown[] {
  const values: unknown[] = [];
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    const max = schema.maximum ?? schema.exclusiveMaximum;
    const min = schema.minimum ?? schema.exclusiveMinimum;
    if (max !== undefined) values.push(max, max + 1, max * 10, String(max + 1), max + 0.5);
    if (min !== undefined) values.push(min, min - 1, String(min - 1), min - 0.5);
    if (types.includes('integer')) values.push(1.5, '1.5', '2.0');
  }
  if (types.includes('string')) {
    if (schema.maxLength !== undefined && schema.maxLength <= 10_000) {
      values.push('y'.repeat(schema.maxLength), 'y'.repeat(schema.maxLength + 1));
    }
    if (schema.minLength) values.push('', ' '.repeat(schema.minLength));
    if (schema.format === 'date' || schema.format === 'date-time') values.push(...HOSTILE_DATES);
    if (schema.format === 'email') values.push('a@', '@b', 'a@b', `${'a'.repeat(250)}@x.io`);
  }
  if (schema.enum) values.push('not-a-member', String(schema.enum[0]).toUpperCase());
  if (types.includes('array')) values.push([null], ['x'], [-1], [BEYOND_64_BITS], '1,2');
  if (types.includes('boolean')) values.push('yes', 'TRUE', 2, 'on');
  // The wrong JSON type, for each type the schema does not take.
  for (const wrong of [0, 'text', true, [], {}, null]) {
    const kind =
      wrong === null
        ? 'null'
        : Array.isArray(wrong)
          ? 'array'
          : typeof wrong === 'number'
            ? 'integer'
            : typeof wrong;
    if (!types.includes(kind) && !(kind === 'integer' && types.includes('number'))) {
      values.push(wrong);
    }
  }
  return values;
}

/** A hostile value for a field of this schema: its own bounds first, then anything. */
export function hostileFor(schema: SchemaNode | undefined): fc.Arbitrary<unknown> {
  const own = schema ? boundaryValues(schema) : [];
  if (own.length === 0) return hostileAny;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...own) },
    { weight: 1, arbitrary: hostileAny },
  );
}

// ---------------------------------------------------------------------------------------------
// Valid values: from the schema, or from the world when the key names a world thing

const DAYS = ['2026-03-04', '2026-03-02', '2026-02-27', '2026-01-01', '2025-12-31'];
const INSTANTS = ['2026-03-04T09:30:00Z', '2026-03-01T00:00:00+01:00', '2025-12-31T23:59:59Z'];

const uniqueEmail = fc
  .string({ unit: fc.constantFrom(...'abcdef0123456789'.split('')), minLength: 8, maxLength: 8 })
  .map((hex) => `fuzz-${hex}@example.com`);

const employeeIri = fc.constantFrom(
  '/api/employees/emp_{{member}}',
  '/api/employees/emp_{{self}}',
  '/api/employees/{{member}}',
  'http://punch.test/api/employees/emp_{{member}}',
);
const projectIri = fc.constantFrom(
  '/api/projects/prj_{{project}}',
  '/api/projects/{{project}}',
  '/projects/prj_{{project}}',
);

/**
 * Valid values for keys that name something of the world. This is the one hand-written part:
 * which world thing a key means. Which keys exist, and where, comes from the schemas.
 */
function worldValue(key: string): fc.Arbitrary<unknown> | undefined {
  const name = key.replace(/\[.*$/, '');
  switch (name) {
    case 'user_id':
      return fc.constantFrom('{{self}}', '{{member}}', '{{invitee}}', '{{manager}}');
    case 'user_ids':
    case 'teammate_ids':
      return fc.constantFrom(['{{member}}'], ['{{member}}', '{{manager}}'], []);
    case 'project_id':
      return fc.constant('{{project}}');
    case 'task_id':
      return fc.constantFrom('{{task}}', '{{spareTask}}');
    case 'client_id':
      return fc.constant('{{client}}');
    case 'account_id':
      return fc.constantFrom('{{account}}', '{{otherAccount}}');
    case 'cursor':
      // Opaque: only a list's own links carry a valid one.
      return fc.constant(undefined);
    case 'employee':
      return employeeIri;
    case 'project':
    case 'defaultProject':
      return projectIri;
    case 'email':
    case 'contactEmail':
      return uniqueEmail;
    case 'username':
      return fc.oneof(fc.constant('{{loginEmail}}'), uniqueEmail);
    case 'password':
      return fc.constantFrom('{{loginPassword}}', '{{loginPassword}}', 'fuzz-password-2');
    case 'token':
      return fc.constant('{{invitation}}');
    case 'started_time':
    case 'ended_time':
      return fc.constantFrom('8:00am', '08:00', '17:30', '5:15pm', null);
    case 'hours':
      return fc.constantFrom(1.5, '2', '0:30', 8);
    case 'seconds':
    case 'weeklyCapacitySeconds':
      return fc.constantFrom(3600, 0, 27000);
    case 'ratePerHour':
      return fc.constantFrom('95.00', 120, '0.5');
    case 'currency':
      return fc.constantFrom('USD', 'EUR', 'PLN');
    case 'timezone':
      return fc.constantFrom('UTC', 'Europe/Warsaw', 'Eastern Time (US & Canada)');
    case 'date':
      return fc.constantFrom(...DAYS, '2026-03-04T00:00:00+00:00');
    case 'dateFrom':
    case 'dateTo':
    case 'spent_date':
    case 'start_date':
    case 'starts_on':
    case 'ends_on':
    case 'from':
    case 'to':
      return fc.constantFrom(...DAYS);
    case 'since':
    case 'updated_since':
      return fc.constantFrom(...INSTANTS);
    case 'order':
      return fc.constantFrom('asc', 'desc');
    case 'exists':
    case 'active':
    case 'pagination':
      return fc.constantFrom('true', 'false', '1', '0');
    case 'page':
      return fc.constantFrom(1, 2, '1');
    case 'itemsPerPage':
    case 'per_page':
      return fc.constantFrom(1, 30, 100);
    default:
      return undefined;
  }
}

/** A value the schema allows (bounds kept small so that valid writes mostly succeed). */
export function validFor(
  schema: SchemaNode | undefined,
  key: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  // A key naming a world thing takes the world's value: a random id would name nothing.
  const world = worldValue(key);
  if (world) return world;
  if (schema) return fromSchema(schema, key, depth);
  return fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 100 }));
}

function fromSchema(schema: SchemaNode, key: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const options = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (options.length > 0) return fc.oneof(...options.map((o) => validFor(o, key, depth)));
  const types = typesOf(schema);
  const nonNull = types.filter((t) => t !== 'null');
  if (nonNull.length === 0)
    return types.includes('null') ? fc.constant(null) : fc.jsonValue({ maxDepth: 1 });
  const arbitraries = nonNull.map((type) => ofType(schema, type, key, depth));
  if (types.includes('null')) arbitraries.push(fc.constant(null));
  return arbitraries.length === 1 ? arbitraries[0]! : fc.oneof(...arbitraries);
}

function ofType(
  schema: SchemaNode,
  type: string,
  key: string,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'integer': {
      const min = Math.max(schema.minimum ?? -5, -1000);
      const max = Math.min(schema.maximum ?? 1000, Math.max(min, 1000));
      return fc.integer({ min, max });
    }
    case 'number': {
      const min = Math.max(schema.minimum ?? 0, -1000);
      const max = Math.min(schema.maximum ?? schema.exclusiveMaximum ?? 1000, 1000);
      return fc.oneof(
        fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
        fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringFor(schema);
    case 'array':
      return depth > 2
        ? fc.constant([])
        : fc.array(validFor(schema.items, `${key}[]`, depth + 1), { maxLength: 3 });
    case 'object':
      return depth > 2 ? fc.constant({}) : objectFor(schema, depth + 1);
    default:
      return fc.constant(null);
  }
}

function stringFor(schema: SchemaNode): fc.Arbitrary<string> {
  if (schema.format === 'date') return fc.constantFrom(...DAYS);
  if (schema.format === 'date-time') return fc.constantFrom(...INSTANTS);
  if (schema.format === 'email') return uniqueEmail;
  const maxLength = Math.min(schema.maxLength ?? 24, 24);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  if (schema.pattern) {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ minLength: Math.max(minLength, 1), maxLength });
}

/**
 * An object with the required properties and some optional ones, all valid. Keys naming a world
 * thing (`project_id`, `spent_date`) are mostly present, so that valid writes get past the
 * service's own checks and reach the database.
 */
function objectFor(schema: SchemaNode, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {}).map(([key, child]) => {
    const entry = validFor(child, key, depth).map((value) => [key, value] as const);
    if (required.has(key)) return entry;
    return fc.option(entry, { freq: worldValue(key) ? 6 : 2, nil: undefined });
  });
  return fc
    .tuple(...entries)
    .map((pairs) => Object.fromEntries(pairs.filter((pair) => pair !== undefined)));
}

// ---------------------------------------------------------------------------------------------
// Spoiled ids: a valid value (an IRI, an id list) with the world id in it replaced

/**
 * What replaces an id inside a valid value, by the kind of defect each probes (drawn evenly by
 * kind, so that a long list of one kind does not crowd out the others): numbers past what a
 * JavaScript number or a 64-bit column holds, text that is not an id, and escapes that do not
 * decode (`%zz`, a cut UTF-8 sequence) or decode to a path.
 */
const SPOILED_ID_TEXTS = fc.oneof(
  fc.constantFrom(
    BEYOND_64_BITS,
    '18446744073709551616',
    '99999999999999999999999999',
    '9007199254740993',
  ),
  fc.constantFrom('0', '-1', '1.5', '1e3', '00001', '+1', ' 1', '0x10', ''),
  fc.constantFrom('%00', '%zz', '%', '%E0%A4%A', '%2F..', '%C0%AF'),
);
const SPOILED_ID_VALUES: unknown[] = [
  0,
  -1,
  2 ** 63,
  1e26,
  1.5,
  BEYOND_64_BITS,
  '-1',
  '',
  null,
  true,
];

/** A world value in a plan, `{{name}}`; whole, when it is all of a JSON value. */
export const PLACEHOLDER = /\{\{(\w+)\}\}/g;
export const WHOLE_PLACEHOLDER = /^\{\{(\w+)\}\}$/;

function spoil(value: unknown, text: string, replacement: unknown): unknown {
  if (typeof value === 'string') {
    return WHOLE_PLACEHOLDER.test(value) ? replacement : value.replace(PLACEHOLDER, text);
  }
  if (Array.isArray(value)) return value.map((v) => spoil(v, text, replacement));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, spoil(v, text, replacement)]),
    );
  }
  return value;
}

/**
 * A value valid for the key but for its world id, replaced by one no database or JavaScript
 * number holds the same way (`/api/employees/emp_9223372036854775808`, `[1e26]`); for a key
 * that names no world thing, a hostile value. Ids inside valid values are where bounds go
 * missing: the schema sees a string, the code finds a number in it.
 */
export function spoiledFor(schema: SchemaNode | undefined, key: string): fc.Arbitrary<unknown> {
  return validFor(schema, key).chain((valid) =>
    JSON.stringify(valid ?? null).includes('{{')
      ? fc
          .tuple(SPOILED_ID_TEXTS, fc.constantFrom(...SPOILED_ID_VALUES))
          .map(([text, replacement]) => spoil(valid, text, replacement))
      : hostileFor(schema),
  );
}

// ---------------------------------------------------------------------------------------------
// Bodies

type Mutation =
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'delete'; key: string }
  | { kind: 'unknown'; key: string; value: unknown };

const UNKNOWN_KEYS = [
  'id',
  'account_id',
  'created_at',
  'deleted_at',
  '@id',
  '@type',
  '@context',
  'constructor',
  'prototype',
  'x'.repeat(300),
  'a\u0000b',
  '',
  'user[name]',
  '__proto__',
];

/** Raw JSON texts no object generator produces: malformed, prototype keys, deep nesting. */
const RAW_BODIES = [
  '{',
  '{"name":',
  '[',
  'null',
  '""',
  '0',
  'tru',
  '{"__proto__":{"is_admin":true},"name":"p"}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"name":"a","name":"b"}',
  '{"name":"\\ud800"}',
  '{"name":"\\u0000"}',
  '['.repeat(100_000),
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"hours":1e999}',
  '{"hours":-0}',
  '\uFEFF{}',
  '{"a":1}garbage',
];

/**
 * A body for a route: a valid object (from the declared schema, or for a free-form input from
 * its example and response shape); hostile, the same object with one to three fields made
 * hostile, or no object at all.
 */
export function bodyFor(
  op: Operation,
  vocabulary: Vocabulary,
  hostile: boolean,
): fc.Arbitrary<BodyPlan> {
  const schema = op.body;
  const declared = schema?.properties;
  // Free-form inputs (Flowtly's `Type.Unsafe` bodies, bodiless POSTs) take the response shape.
  const shape: Record<string, SchemaNode> = declared ?? op.shape ?? {};
  const base: fc.Arbitrary<Record<string, unknown>> =
    schema && declared ? objectFor(schema, 0) : freeFormBase(shape, schema?.example);
  if (!hostile) return base.map((value): BodyPlan => ({ kind: 'json', value }));
  const keys = [...new Set([...Object.keys(shape), ...vocabulary.knownKeys])];
  const own = Object.keys(shape);
  // Mostly a field the valid object has, so the rest of it still passes; sometimes any field.
  const mutationsOf = (object: Record<string, unknown>): fc.Arbitrary<Mutation[]> => {
    const present = Object.keys(object);
    const anyOwn = own.length > 0 ? own : keys;
    const keyArb =
      present.length > 0
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...present) },
            { weight: 1, arbitrary: fc.constantFrom(...anyOwn) },
          )
        : fc.constantFrom(...anyOwn);
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      {
        weight: 5,
        arbitrary: keyArb.chain((key) =>
          hostileFor(shape[key]).map((value) => ({ kind: 'set' as const, key, value })),
        ),
      },
      {
        weight: 5,
        arbitrary: keyArb.chain((key) =>
          spoiledFor(shape[key], key).map((value) => ({ kind: 'set' as const, key, value })),
        ),
      },
      { weight: 1, arbitrary: keyArb.map((key) => ({ kind: 'delete' as const, key })) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...UNKNOWN_KEYS, ...keys),
            fc.oneof(hostileAny, fc.constant('{{member}}')),
          )
          .map(([key, value]) => ({ kind: 'unknown' as const, key, value })),
      },
      {
        weight: 2,
        // A key of another operation with a value valid there (e.g. `employee` on a project rate).
        arbitrary: fc
          .constantFrom(...keys)
          .chain((key) =>
            validFor(undefined, key).map((value) => ({ kind: 'set' as const, key, value })),
          ),
      },
    );
    return fc.array(mutation, { minLength: 1, maxLength: 3 });
  };
  const mutated = base.chain((object) =>
    mutationsOf(object).map((mutations): BodyPlan => ({
      kind: 'json',
      value: applyMutations(object, mutations),
    })),
  );
  return fc.oneof(
    { weight: 12, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constant<BodyPlan>({ kind: 'none' }) },
    { weight: 2, arbitrary: hostileAny.map((value): BodyPlan => ({ kind: 'json', value })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...RAW_BODIES).map((text): BodyPlan => ({ kind: 'text', text })),
    },
  );
}

function applyMutations(
  object: Record<string, unknown>,
  mutations: Mutation[],
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...object };
  for (const m of mutations) {
    if (m.kind === 'delete') {
      Reflect.deleteProperty(result, m.key);
    } else {
      Object.defineProperty(result, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return result;
}

/** The documented example, pointed at the world, plus some response properties with valid values. */
function freeFormBase(
  shape: Record<string, SchemaNode>,
  example: unknown,
): fc.Arbitrary<Record<string, unknown>> {
  const writable = Object.entries(shape).filter(
    ([key]) => !key.startsWith('@') && !['id', 'createdAt', 'updatedAt'].includes(key),
  );
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, child] of writable) model[key] = validFor(child, key);
  const fromExample: Record<string, fc.Arbitrary<unknown>> = {};
  if (typeof example === 'object' && example !== null && !Array.isArray(example)) {
    for (const [key, value] of Object.entries(example)) {
      fromExample[key] = worldValue(key) ?? fc.constant(value);
    }
  }
  return fc
    .tuple(fc.record(fromExample), fc.record(model, { requiredKeys: [] }), fc.boolean())
    .map(([documented, extra, both]) => (both ? { ...documented, ...extra } : documented));
}

// ---------------------------------------------------------------------------------------------
// Multipart uploads (routes that declare multipart/form-data)

const PDF = '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n';

const validUpload: fc.Arbitrary<BodyPlan> = fc.record({
  kind: fc.constant('multipart' as const),
  field: fc.constant('file'),
  fileName: fc.constantFrom('contract.pdf', 'umowa łódź.pdf', 'scan.PDF'),
  fileType: fc.constantFrom('application/pdf', 'image/png', ''),
  content: fc.constant(PDF),
  damage: fc.constant('none' as const),
});

const hostileUpload: fc.Arbitrary<BodyPlan> = fc.record({
  kind: fc.constant('multipart' as const),
  field: fc.constantFrom('file', 'file', 'attachment', '', 'file\u0000'),
  fileName: fc.constantFrom(
    'contract.pdf',
    '',
    'a\u0000.pdf',
    `${'n'.repeat(1000)}.pdf`,
    `${'n'.repeat(10_001)}.pdf`,
    '../../etc/passwd',
    '"quoted".pdf',
    'report\r\n.pdf',
    '\ud800.pdf',
  ),
  fileType: fc.constantFrom(
    'application/pdf',
    'text/html',
    'application/x-msdownload',
    '',
    'a\u0000b',
  ),
  content: fc.oneof(
    fc.constant(PDF),
    fc.constant(''),
    fc.constant('MZ\u0090\u0000'),
    fc.constant('<html><script>alert(1)</script></html>'),
    fc.string({ unit: 'binary', maxLength: 64 }),
  ),
  damage: fc.constantFrom('none', 'none', 'no-boundary', 'truncated', 'wrong-boundary'),
});

/** The bytes and content type of a multipart plan. */
export function encodeMultipart(plan: Extract<BodyPlan, { kind: 'multipart' }>): {
  payload: Buffer;
  type: string;
} {
  const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
  const text =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="note"\r\n\r\nscanned\r\n` +
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${plan.field}"; filename="${plan.fileName}"\r\n` +
    `Content-Type: ${plan.fileType}\r\n\r\n${plan.content}\r\n` +
    `--${boundary}--\r\n`;
  const payload = Buffer.from(
    plan.damage === 'truncated' ? text.slice(0, text.length / 2) : text,
    'utf8',
  );
  const type =
    plan.damage === 'no-boundary'
      ? 'multipart/form-data'
      : plan.damage === 'wrong-boundary'
        ? 'multipart/form-data; boundary=other'
        : `multipart/form-data; boundary=${boundary}`;
  return { payload, type };
}

// ---------------------------------------------------------------------------------------------
// Paths

/**
 * Valid path segments by the collection the parameter follows (`/clients/:clientId` → a client).
 * Which world thing a collection holds is the hand-written part; the routes come from the app.
 */
function validSegments(collection: string, api: Api): string[] {
  switch (collection) {
    case 'clients':
      return ['{{client}}'];
    case 'users':
      return ['{{self}}', '{{member}}', '{{invitee}}', '{{manager}}'];
    case 'billable_rates':
      return ['{{billableRate}}'];
    case 'cost_rates':
      return ['{{costRate}}'];
    case 'tasks':
      return ['{{task}}', '{{spareTask}}'];
    case 'time_entries':
      return ['{{entry}}', '{{runningEntry}}'];
    case 'roles':
      return ['{{role}}'];
    case 'projects':
      return api === 'harvest' ? ['{{project}}'] : ['prj_{{project}}', '{{project}}'];
    case 'user_assignments':
      return ['{{userAssignment}}', '{{spareUserAssignment}}'];
    case 'task_assignments':
      return ['{{taskAssignment}}', '{{spareTaskAssignment}}'];
    case 'employees':
      return ['emp_{{member}}', 'emp_{{self}}', '{{member}}', 'emp_{{invitee}}', 'emp_{{manager}}'];
    case 'project-rates':
      return ['{{projectRate}}'];
    case 'documents':
      return ['{{document}}'];
    case 'employee_working_hours':
    case 'employee-working-hours':
    case 'work-times':
      return ['wkt_{{entry}}', '{{entry}}', 'wkt_{{runningEntry}}'];
    case 'working-hours-stats':
      return ['2026-03-04', '2026-03-02T10:00:00+01:00'];
    case 'contexts':
      return ['WorkTime', 'Employee', 'Entrypoint', 'ConstraintViolationList'];
    case 'docs':
    case 'static':
      return ['index.html', 'swagger-initializer.js', 'json', 'yaml'];
    default:
      return ['{{member}}', '{{project}}', '{{entry}}'];
  }
}

const HOSTILE_SEGMENTS: { text: string }[] = [
  '0',
  '-1',
  '1.5',
  '1e3',
  'abc',
  BEYOND_64_BITS,
  '18446744073709551616',
  '99999999999999999999999999',
  '%00',
  '{{member}}%00',
  'emp_{{member}}%00',
  'x'.repeat(101),
  LONG,
  '%zz',
  '%',
  '%FF',
  '%C0%AF',
  '..',
  '%2e%2e',
  '%2F',
  '%20',
  '+',
  'me',
  'null',
  'emp_',
  'emp_-1',
  'emp_99999999999999999999',
  'wkt_1e3',
  'prj_%00',
  '{{member}}.json',
  '{{member}}.jsonld',
  '{{member}}.xml',
  '%EF%BC%91',
  '..%2F..%2Fpackage.json',
].map((text) => ({ text }));

/** A path for the route: each parameter a valid world id; hostile, one or more of them not. */
export function pathFor(op: Operation, hostile: boolean): fc.Arbitrary<string> {
  const parts = op.url.split('/');
  const params = parts.flatMap((part, i) => (part.startsWith(':') || part === '*' ? [i] : []));
  const spoiled =
    hostile && params.length > 0
      ? fc.subarray(params, { minLength: 1 })
      : fc.constant<number[]>([]);
  const path = spoiled.chain((bad) =>
    fc
      .tuple(
        ...parts.map((part, i) => {
          if (!params.includes(i)) return fc.constant(part);
          if (bad.includes(i)) return fc.constantFrom(...HOSTILE_SEGMENTS).map((s) => s.text);
          return fc.constantFrom(...validSegments(parts[i - 1] ?? '', op.api));
        }),
      )
      .map((segments) => segments.join('/')),
  );
  // The other spellings each API accepts (Harvest §1.1; API Platform's format suffixes).
  const spellings: ((p: string) => string)[] =
    op.api === 'harvest'
      ? [(p) => p, (p) => p, (p) => `/api${p}`, (p) => `${p}.json`, (p) => `${p}/`]
      : op.api === 'flowtly'
        ? [
            (p) => p,
            (p) => p,
            (p) => `${p}.jsonld`,
            (p) => `${p}.json`,
            ...(hostile ? [(p: string) => `${p}.xml`] : []),
          ]
        : [(p) => p];
  return fc.tuple(path, fc.constantFrom(...spellings)).map(([p, spell]) => spell(p));
}

// ---------------------------------------------------------------------------------------------
// Query strings

/** Hostile query values, as text: a query string has no other type. */
const HOSTILE_QUERY: QueryPair['value'][] = [
  '-1',
  '0',
  '1.5',
  BEYOND_64_BITS,
  '99999999999999999999999999',
  '1e308',
  'NaN',
  'abc',
  '',
  ' ',
  LONG,
  '2026-02-30',
  '+275760-09-13',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  'true ',
  '/api/employees/emp_99999999999999999999',
  '/api/projects/%2500',
  'emp_{{member}}',
];
const RAW_QUERY = ['%00', 'a%00b', '%zz', '%', '%FF', '%C0%AF', '%E2%80%AE'];

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

type Form = 'plain' | 'array' | 'object' | 'deep' | 'repeat' | 'empty' | 'bare';

function pairsOf(
  key: string,
  a: Omit<QueryPair, 'key'>,
  b: Omit<QueryPair, 'key'>,
  form: Form,
): QueryPair[] {
  switch (form) {
    case 'plain':
      return [{ key, ...a }];
    case 'array':
      return [
        { key: `${key}[]`, ...a },
        { key: `${key}[]`, ...b },
      ];
    case 'object':
      return [{ key: `${key}[after]`, ...a }];
    case 'deep':
      return [{ key: `${key}[a][b][c][d][e][f][g]`, ...a }];
    case 'repeat':
      return [
        { key, ...a },
        { key, ...b },
      ];
    case 'empty':
      return [{ key, value: '', raw: false }];
    case 'bare':
      return [{ key, value: '', raw: true }];
  }
}

const UNKNOWN_QUERY_KEYS = [
  'unknown',
  'id',
  'x'.repeat(300),
  'a%00',
  '__proto__',
  'constructor[prototype]',
];

/**
 * The query string for a route: some of its declared (or advertised) keys with valid values;
 * hostile, one to three more pairs with hostile values, bracket forms or unknown keys.
 */
export function queryFor(
  op: Operation,
  extraKeys: string[],
  hostile: boolean,
): fc.Arbitrary<QueryPair[]> {
  const declared = op.querystring?.properties ?? {};
  const keys = [...new Set([...Object.keys(declared), ...op.searchKeys])];
  const validPair = (key: string) =>
    validFor(declared[key], key).map((v): QueryPair | undefined =>
      v === undefined ? undefined : { key, value: valueText(v), raw: false },
    );
  const valid = fc
    .tuple(
      ...keys.map((key) =>
        fc.option(validPair(key), { freq: worldValue(key) ? 4 : 3, nil: undefined }),
      ),
    )
    .map((pairs) => pairs.filter((pair) => pair !== undefined));
  if (!hostile) return valid;
  const every = [...new Set([...keys, ...extraKeys])];
  const value = (key: string): fc.Arbitrary<Omit<QueryPair, 'key'>> =>
    fc.oneof(
      {
        weight: 1,
        arbitrary: validFor(declared[key], key).map((v) => ({ value: valueText(v), raw: false })),
      },
      {
        weight: 3,
        arbitrary: fc.constantFrom(...HOSTILE_QUERY).map((v) => ({ value: v, raw: false })),
      },
      {
        weight: 3,
        arbitrary: spoiledFor(declared[key], key).map((v) => ({ value: valueText(v), raw: false })),
      },
      {
        weight: 2,
        arbitrary: hostileFor(declared[key]).map((v) => ({ value: valueText(v), raw: false })),
      },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY).map((v) => ({ value: v, raw: true })) },
    );
  const forms: Form[] = [
    'plain',
    'plain',
    'plain',
    'array',
    'object',
    'deep',
    'repeat',
    'empty',
    'bare',
  ];
  const keyArb = fc.oneof(
    {
      weight: every.length > 0 ? 5 : 0,
      arbitrary: fc.constantFrom(...(every.length > 0 ? every : ['page'])),
    },
    { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_QUERY_KEYS) },
  );
  const bad = keyArb.chain((key) =>
    fc
      .tuple(value(key), value(key), fc.constantFrom(...forms))
      .map(([a, b, form]) => pairsOf(key, a, b, form)),
  );
  return fc
    .tuple(valid, fc.array(bad, { minLength: 1, maxLength: 3 }))
    .map(([good, spoiled]) => [...good, ...spoiled.flat()]);
}

/** A lone surrogate has no UTF-8 form: it is sent as U+FFFD, as a browser would. */
const encode = (text: string): string =>
  encodeURIComponent(
    text.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );

/** Encodes pairs (placeholders still in) as a query string, brackets left readable. */
export function encodeQuery(pairs: QueryPair[]): string {
  return pairs
    .map(({ key, value, raw }) => {
      const k = encode(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
      if (raw && value === '') return k;
      return `${k}=${raw ? value : encode(value)}`;
    })
    .join('&');
}

/** A form body as Harvest clients send it (Rails brackets for nested values). */
export function encodeForm(value: unknown): string {
  if (typeof value !== 'object' || value === null) return valueText(value);
  return qs.stringify(value, { arrayFormat: 'brackets' });
}

// ---------------------------------------------------------------------------------------------
// The whole request

type Dimension = 'path' | 'query' | 'body' | 'auth' | 'type' | 'accept';

/**
 * A request for an operation. Each request is valid in every respect but the hostile ones:
 * none, one (mostly), or several of path, query, body, credentials, content type and Accept.
 * A request hostile in one respect only gets past the others and reaches deeper code.
 */
export function requestFor(
  op: Operation,
  vocabulary: Vocabulary,
  extraQueryKeys: string[],
): fc.Arbitrary<RequestPlan> {
  const writes = ['POST', 'PATCH', 'PUT'].includes(op.method);
  const hasParams = op.url.includes(':') || op.url.includes('*');
  const dims: Dimension[] = [
    ...(hasParams ? (['path'] as const) : []),
    'query',
    ...(writes ? (['body', 'type'] as const) : []),
    'auth',
    'accept',
  ];
  const weights: Record<Dimension, number> = {
    path: 3,
    query: 3,
    body: 6,
    auth: 1,
    type: 1,
    accept: 1,
  };
  const focus: fc.Arbitrary<Dimension[]> = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Dimension[]>([]) },
    ...dims.map((d) => ({ weight: weights[d], arbitrary: fc.constant<Dimension[]>([d]) })),
    { weight: 2, arbitrary: fc.subarray(dims, { minLength: 2 }) },
  );
  return focus.chain((hostile) => {
    const is = (d: Dimension) => hostile.includes(d);
    const body: fc.Arbitrary<BodyPlan> = !writes
      ? is('body')
        ? hostileAny.map((value): BodyPlan => ({ kind: 'json', value }))
        : fc.constant<BodyPlan>({ kind: 'none' })
      : op.consumes.includes('multipart/form-data')
        ? is('body')
          ? fc.oneof(hostileUpload, bodyFor(op, vocabulary, true))
          : validUpload
        : bodyFor(op, vocabulary, is('body'));
    return fc.record({
      method: fc.constant(op.method),
      path: pathFor(op, is('path')),
      query: queryFor(op, extraQueryKeys, is('query')),
      body,
      contentType: is('type')
        ? fc.constantFrom(
            'none' as const,
            'text/plain' as const,
            'other-json' as const,
            'form' as const,
          )
        : fc.constant('right' as const),
      auth: is('auth')
        ? fc.constantFrom<AuthPlan>(
            'none',
            'bad-token',
            'basic',
            'bad-account',
            'other-account',
            'no-agent',
            'query-token',
          )
        : fc.constant<AuthPlan>('ok'),
      badAccountId: fc.constantFrom(
        '0',
        '-1',
        BEYOND_64_BITS,
        '1.5',
        'abc',
        '',
        LONG,
        '{{account}} ',
      ),
      accept: is('accept')
        ? fc.constantFrom(
            'text/html',
            'application/xml, */*;q=0.1',
            'x'.repeat(300),
            '*/*',
            'application/json;q=abc',
          )
        : fc.constantFrom(undefined, undefined, 'application/ld+json', 'application/json'),
    });
  });
}
