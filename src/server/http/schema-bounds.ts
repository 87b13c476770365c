import { BOUNDS } from '../shared/bounds.ts';
import { DomainError } from '../shared/domain-error.ts';

export const nulInUrl = (): DomainError =>
  new DomainError('bad_request', 'nul_character', 'The URL must not contain NUL characters (%00)');

/** The parts of a JSON Schema the bounds walker reads and completes. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  maxLength?: number;
  enum?: unknown[];
  const?: unknown;
}

/**
 * Completes the input schemas of a route as it is registered, so that no route (today's or
 * one added tomorrow) takes an unbounded value: an integer without a maximum gets the id
 * bound, a string without a length the default length, and a number without a maximum is a
 * programming error reported at start-up (a number's bound is a decision, not a default).
 * Runs before the OpenAPI document is built, so the document shows the same bounds.
 */
export function boundRouteSchema(route: {
  method: string | string[];
  url: string;
  schema?: { body?: unknown; querystring?: unknown; params?: unknown; headers?: unknown };
}): void {
  const schema = route.schema;
  if (!schema) return;
  for (const part of ['body', 'querystring', 'params'] as const) {
    const node = schema[part];
    if (node && typeof node === 'object') {
      bound(node, `${[route.method].flat().join(',')} ${route.url} ${part}`);
    }
  }
}

function bound(node: SchemaNode, at: string): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) bound(child, `${at}.${key}`);
  if (node.items) bound(node.items, `${at}[]`);
  for (const option of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) bound(option, at);
  if (node.enum !== undefined || node.const !== undefined) return;
  const types = node.type === undefined ? [] : [node.type].flat();
  if (types.includes('integer')) {
    node.maximum ??= BOUNDS.id;
    node.minimum ??= -BOUNDS.id;
  } else if (types.includes('number')) {
    if (node.maximum === undefined && node.exclusiveMaximum === undefined) {
      throw new Error(`${at}: a number input needs a maximum (see shared/bounds.ts)`);
    }
    node.minimum ??= -BOUNDS.id;
  }
  if (types.includes('string')) node.maxLength ??= BOUNDS.string;
}
