import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Checks a Harvest API response against the community OpenAPI description of Harvest v2 (the
 * contract Harvest clients are generated from). Beyond the schema, which marks nothing as
 * required, every documented property must be present: real Harvest emits every key, and
 * clients index into them without checking.
 *
 * The spec is third-party and not part of this repository. It is looked for at
 * HARVEST_OPENAPI_SPEC, by default in the reference folder beside the clone; when it is absent
 * this conformance tier is skipped (test/global-setup.ts says so in one line), unless
 * HARVEST_OPENAPI_REQUIRED=1 (CI) makes its absence an error.
 */
export const HARVEST_SPEC_PATH =
  process.env.HARVEST_OPENAPI_SPEC ??
  fileURLToPath(new URL('../../shared/harvest-openapi/harvest-openapi.yaml', import.meta.url));

export const harvestSpecAvailable = existsSync(HARVEST_SPEC_PATH);

if (!harvestSpecAvailable && process.env.HARVEST_OPENAPI_REQUIRED === '1') {
  throw new Error(`HARVEST_OPENAPI_REQUIRED=1 but no Harvest OpenAPI spec at ${HARVEST_SPEC_PATH}`);
}

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  anyOf?: OpenApiSchema[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
}

/**
 * The community spec marks every field nullable, which would let a presenter emit null where
 * Harvest always sends a value. Only these fields, null in Harvest's docs or real traffic, keep
 * `nullable`; extend the list (with a source) when an endpoint needs another.
 */
const HARVEST_NULLABLE = new Set([
  // users (§6.1): rates are null when unset or hidden; avatar and calendar source may be absent
  'default_hourly_rate',
  'cost_rate',
  'avatar_url',
  'calendar_integration_source',
  // time entries (§4.1)
  'notes',
  'locked_reason',
  'timer_started_at',
  'started_time',
  'ended_time',
  'billable_rate',
  'user_assignment',
  'task_assignment',
  'invoice',
  'external_reference',
  'group_id',
  'account_id',
  'permalink',
  'service',
  'service_icon_url',
  // projects, clients, assignments, rates (§6.2-§6.6)
  'code',
  'budget',
  'hourly_rate',
  'fee',
  'cost_budget',
  'over_budget_notification_date',
  'starts_on',
  'ends_on',
  'address',
  'statement_key',
  'start_date',
  'end_date',
  // pagination (§3): null on the first/last page and in cursor mode
  'next_page',
  'previous_page',
  'page',
  'next',
  'previous',
  // invoices, their lines, payments and messages (Invoices API): null until set or when none
  'purchase_order',
  'tax',
  'tax2',
  'discount',
  'subject',
  'period_start',
  'period_end',
  'sent_at',
  'paid_at',
  'paid_date',
  'closed_at',
  'recurring_invoice_id',
  'estimate',
  'retainer',
  'creator',
  'project',
  'recorded_by',
  'recorded_by_email',
  'transaction_id',
  'payment_gateway',
  'sent_by',
  'sent_by_email',
  'sent_from',
  'sent_from_email',
  'body',
  'event_type',
  'send_reminder_on',
]);

/**
 * Null in Harvest's docs although the generated spec says otherwise: in cursor mode `page` is
 * null on all but the first and last pages (reference §3.2; docs win over the spec).
 */
const NULLABLE_BY_DOCS = new Set(['page']);

function restrictNullable(schema: OpenApiSchema): void {
  // The spec's fix for nullable assignments is `anyOf: [ref, {type: null}]` plus `nullable`,
  // which Ajv refuses without a `type`; the anyOf already says it.
  for (const option of schema.anyOf ?? []) restrictNullable(option);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (child.nullable && child.type === undefined) delete child.nullable;
    if (NULLABLE_BY_DOCS.has(name)) child.nullable = true;
    if (child.nullable && !HARVEST_NULLABLE.has(name)) delete child.nullable;
    restrictNullable(child);
  }
  if (schema.items) restrictNullable(schema.items);
}

interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

let loaded: { spec: Spec; ajv: Ajv } | undefined;

function load() {
  if (loaded) return loaded;
  const spec = parse(readFileSync(HARVEST_SPEC_PATH, 'utf8')) as Spec;
  for (const schema of Object.values(spec.components.schemas)) restrictNullable(schema);
  for (const methods of Object.values(spec.paths)) {
    for (const operation of Object.values(methods)) {
      for (const response of Object.values(operation.responses ?? {})) {
        const schema = response.content?.['application/json']?.schema;
        if (schema) restrictNullable(schema);
      }
    }
  }
  // OpenAPI 3.0 keywords (nullable, example, externalDocs) are not JSON Schema: strict off.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addSchema({ components: spec.components }, 'harvest');
  loaded = { spec, ajv };
  return loaded;
}

function findOperation(spec: Spec, operationId: string): Operation {
  for (const methods of Object.values(spec.paths)) {
    for (const operation of Object.values(methods)) {
      if (operation.operationId === operationId) return operation;
    }
  }
  throw new Error(`operation ${operationId} is not in the Harvest OpenAPI file`);
}

function resolve(spec: Spec, schema: OpenApiSchema): OpenApiSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = spec.components.schemas[name];
  if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
  return resolve(spec, target);
}

/** Paths of documented properties missing from `value`, followed through objects and arrays. */
function missingProperties(spec: Spec, schema: OpenApiSchema, value: unknown, at = ''): string[] {
  const resolved = resolve(spec, schema);
  if (Array.isArray(value) && resolved.items) {
    return value.flatMap((item, i) =>
      missingProperties(spec, resolved.items!, item, `${at}[${i}]`),
    );
  }
  if (!resolved.properties || typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  return Object.entries(resolved.properties).flatMap(([key, child]) =>
    key in record ? missingProperties(spec, child, record[key], `${at}.${key}`) : [`${at}.${key}`],
  );
}

const validators = new Map<string, ValidateFunction>();

/**
 * Throws unless `body` (the parsed JSON of a response with `status`) matches the response
 * schema that the Harvest OpenAPI file gives for `operationId` and carries every documented key.
 * Without the spec (see HARVEST_SPEC_PATH) it checks nothing: the tier is reported as skipped.
 */
export function assertHarvestSchema(operationId: string, status: number, body: unknown): void {
  if (!harvestSpecAvailable) return;
  const { spec, ajv } = load();
  const operation = findOperation(spec, operationId);
  const schema = operation.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${operationId} documents no JSON body for status ${status}`);
  const key = `${operationId}:${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const rooted = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"harvest#/components/'),
    ) as object;
    validate = ajv.compile(rooted);
    validators.set(key, validate);
  }
  const problems: string[] = [];
  if (!validate(body)) {
    problems.push(
      ...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`),
    );
  }
  problems.push(...missingProperties(spec, schema, body).map((p) => `missing ${p}`));
  if (problems.length > 0) {
    throw new Error(
      `${operationId} ${status} does not match Harvest's schema:\n  ${problems.join('\n  ')}`,
    );
  }
}
