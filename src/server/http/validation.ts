import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { BOUNDS } from '../shared/bounds.ts';
import { NATIVE_PREFIX } from './native-transport.ts';

/** Routes whose JSON bodies are read strictly: the native API's (ADR 0014). */
const STRICT_PREFIX = `${NATIVE_PREFIX}/`;

/** The subset of JSON Schema the string coercion reads. */
interface SchemaShape {
  type?: string | string[];
  properties?: Record<string, SchemaShape>;
  items?: SchemaShape;
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * Rails-style parameter typing: values that arrive as text (query strings, form bodies, and the
 * strings some Harvest clients put in JSON, like `"hours": "1.5"`) are converted to the type the
 * schema declares. Nothing else is converted: a JSON `null` or `true` sent for a number stays
 * what it is and fails validation, instead of silently becoming 0 or 1 as Ajv's own coercion
 * would make it. Mutates objects and arrays in place and returns the (possibly new) value.
 */
export function coerceStrings(schema: SchemaShape, value: unknown): unknown {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  const wants = (t: string) => types.includes(t);
  if (typeof value === 'string') {
    if (wants('string')) return value;
    const text = value.trim();
    if (wants('null') && text === '') return null;
    if ((wants('integer') || wants('number')) && NUMERIC.test(text)) return Number(text);
    if (wants('boolean')) {
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
    }
    // `ids=3` where a list is expected: a list of one, as Rails reads `ids[]=3`.
    if (wants('array') && schema.items) return [coerceStrings(schema.items, value)];
    return value;
  }
  if (typeof value === 'number' && wants('string') && !wants('number') && !wants('integer')) {
    return String(value);
  }
  if (Array.isArray(value)) {
    if (schema.items) {
      for (let i = 0; i < value.length; i++) value[i] = coerceStrings(schema.items, value[i]);
    }
    return value;
  }
  if (typeof value === 'object' && value !== null && schema.properties) {
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(schema.properties)) {
      if (key in record) record[key] = coerceStrings(child, record[key]);
    }
  }
  return value;
}

const ajv = new Ajv({
  allErrors: true,
  coerceTypes: false,
  removeAdditional: true,
  useDefaults: true,
  // TypeBox adds annotations (title, description) Ajv's strict mode would question.
  strict: false,
});
addFormats.default(ajv);

/**
 * The native API's bodies are JSON its own clients write: a field it does not know, or a
 * number sent as text, is a client's mistake to hear about, not to have silently dropped or
 * converted (ADR 0014). Query strings are text everywhere, so they keep the typing above.
 */
const strictAjv = new Ajv({
  allErrors: true,
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: true,
  strict: false,
});
addFormats.default(strictAjv);

type Validator = ((data: unknown) => false | { value: unknown }) & {
  errors?: ErrorObject[] | null;
};

/**
 * A string no schema may let through, wherever it sits (free-form Flowtly bodies included): a
 * NUL character (PostgreSQL cannot store one; SQLite would, and both must agree) or more than
 * BOUNDS.string characters. Returns the first such string as a schema issue.
 */
export function unsafeString(value: unknown, path = ''): ErrorObject | null {
  // Walked with a stack, not recursion, and only so deep: a body of arrays nested 100,000
  // deep is valid JSON, and recursing into it overflowed the call stack (a 500).
  const pending: [unknown, string, number][] = [[value, path, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, at, depth] = next;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return issue('nul', at, {}, 'must not contain NUL characters');
      if (item.length > BOUNDS.string) {
        return issue('maxLength', at, { limit: BOUNDS.string }, 'is too long');
      }
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= BOUNDS.nesting) {
      return issue('maxDepth', at, { limit: BOUNDS.nesting }, 'is nested too deeply');
    }
    const entries = Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      pending.push([child, `${at}/${key}`, depth + 1]);
      // A key is text the server reads too (merge-patch, bracketed filters).
      pending.push([key, at, depth + 1]);
    }
  }
  return null;
}

function issue(
  keyword: string,
  instancePath: string,
  params: Record<string, unknown>,
  message: string,
): ErrorObject {
  return { keyword, instancePath, schemaPath: '#', params, message };
}

/** Fastify validator compiler: coerce strings per schema, then validate strictly. */
export function compileValidator({
  schema,
  url,
  httpPart,
}: {
  schema: object;
  url?: string;
  httpPart?: string;
}): Validator {
  const strictBody = httpPart === 'body' && url !== undefined && url.startsWith(STRICT_PREFIX);
  const validate = (strictBody ? strictAjv : ajv).compile(schema);
  const validator: Validator = (data: unknown) => {
    const unsafe = unsafeString(data);
    if (unsafe) {
      validator.errors = [unsafe];
      return false;
    }
    const value = strictBody ? data : coerceStrings(schema, data);
    if (validate(value)) return { value };
    validator.errors = validate.errors;
    return false;
  };
  return validator;
}
