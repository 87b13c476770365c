import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Checks a Harvest API response against the community OpenAPI description of Harvest v2 in
 * ../shared (the contract Harvest clients are generated from). Beyond the schema, which marks
 * nothing as required, every documented property must be present: real Harvest emits every
 * key, and clients index into them without checking.
 */
const SPEC_PATH = fileURLToPath(
  new URL('../../shared/harvest-openapi/harvest-openapi.yaml', import.meta.url),
);

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
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
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
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
 */
export function assertHarvestSchema(operationId: string, status: number, body: unknown): void {
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
