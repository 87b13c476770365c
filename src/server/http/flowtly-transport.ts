import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../shared/domain-error.ts';

/**
 * The Flowtly-compatible API (API Platform conventions, reference flowtly.md §2): served under
 * `/api/...` and, as newer Flowtly docs show, at the root too. IRIs always carry `/api`.
 */
const FLOWTLY_ROOTS = [
  'employee_working_hours',
  'employee-working-hours',
  'work-times',
  'employees',
  'projects',
  'login',
  'contexts',
  'docs.jsonld',
];

export function isFlowtlyPath(url: string): boolean {
  const path = url.split('?')[0] ?? url;
  if (path === '/api' || path.startsWith('/api/')) return !path.startsWith('/api/v2');
  const first = path.split('/')[1] ?? '';
  return FLOWTLY_ROOTS.includes(first);
}

export type Format = 'jsonld' | 'json';

const SUPPORTED = '"application/ld+json", "application/json"';

/**
 * Output format from `Accept` (§2.3): JSON-LD by default and for `*\/*`, plain JSON when asked,
 * 406 for anything else.
 */
export function negotiate(accept: string | undefined): Format {
  if (!accept) return 'jsonld';
  const types = accept.split(',').map((part) => (part.split(';')[0] ?? '').trim().toLowerCase());
  for (const type of types) {
    if (type === 'application/ld+json' || type === '*/*' || type === 'application/*')
      return 'jsonld';
    if (type === 'application/json') return 'json';
  }
  throw new DomainError(
    'not_acceptable',
    'not_acceptable',
    `Requested format "${types[0] ?? accept}" is not supported. Supported MIME types are ${SUPPORTED}.`,
  );
}

/** POST takes JSON-LD or JSON; PATCH only JSON Merge Patch (§2.3). DELETE takes anything. */
export function assertInputType(
  method: string,
  contentType: string | undefined,
  hasBody = true,
  routeTypes?: readonly string[],
): void {
  if (method !== 'POST' && method !== 'PATCH') return;
  // A bodiless POST (e.g. /employees/{id}/user inviting) has no type to check.
  if (!hasBody && !contentType) return;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!type)
    throw new DomainError(
      'unsupported_media_type',
      'unsupported_media_type',
      'The "Content-Type" header must exist.',
    );
  const allowed =
    routeTypes ??
    (method === 'PATCH'
      ? ['application/merge-patch+json']
      : ['application/ld+json', 'application/json']);
  if (!allowed.includes(type)) {
    const list = allowed.map((t) => `"${t}"`).join(', ');
    throw new DomainError(
      'unsupported_media_type',
      'unsupported_media_type',
      `The content-type "${type}" is not supported. Supported MIME types are ${list}.`,
    );
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The Flowtly output format chosen from Accept. */
    format: Format;
  }
  interface FastifyContextConfig {
    /** The request types a Flowtly route takes when not JSON-LD/JSON (e.g. an upload). */
    flowtlyInputTypes?: readonly string[];
    /** The route answers a file, not JSON-LD: no Accept negotiation, no content type forced. */
    flowtlyFileOutput?: boolean;
  }
}

/** Hooks every Flowtly route shares: format, input type, and API Platform's headers. */
export const flowtlyHooks = {
  onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
    // Absolute, as API Platform writes it: clients (api-doc-parser) fetch the URL as given.
    reply.header(
      'link',
      `<${request.protocol}://${request.host}/api/docs.jsonld>; rel="http://www.w3.org/ns/hydra/core#apiDocumentation"`,
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'deny');
    request.format = request.routeOptions.config.flowtlyFileOutput ? 'jsonld' : formatOf(request);
  },
  preValidation: async (request: FastifyRequest) => {
    const length = request.headers['content-length'];
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      (length !== undefined && length !== '0');
    assertInputType(
      request.method,
      request.headers['content-type'],
      hasBody,
      request.routeOptions.config.flowtlyInputTypes,
    );
  },
  onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (
      reply.statusCode < 400 &&
      reply.statusCode !== 204 &&
      !request.routeOptions.config.flowtlyFileOutput
    ) {
      reply.type(
        request.format === 'json'
          ? 'application/json; charset=utf-8'
          : 'application/ld+json; charset=utf-8',
      );
    }
    return payload;
  },
};

/** `/api/employees/emp_102`, `/employees/102`, or a full URL with either path: the id, or null. */
export function idFromIri(value: string, collection: string, prefix: string): number | null {
  let path = value.trim();
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      return null;
    }
  }
  const match = new RegExp(`^(?:/api)?/${collection}/(?:${prefix}_)?(\\d{1,15})$`).exec(path);
  return match ? Number(match[1]) : null;
}

/** The path segment of a project IRI (an id, `prj_<id>`, or a slug), or null when it is none. */
export function projectSegmentFromIri(value: string): string | null {
  let path = value.trim();
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      return null;
    }
  }
  const match = /^(?:\/api)?\/projects\/([^/?#]+)$/.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1] ?? '');
  } catch {
    // A broken escape (`%zz`) names no project: an invalid IRI, not a server error.
    return null;
  }
}

export const iri = {
  workTime: (id: number) => `/api/employee_working_hours/wkt_${id}`,
  employee: (id: number) => `/api/employees/emp_${id}`,
  project: (id: number) => `/api/projects/prj_${id}`,
};

/**
 * A Hydra collection (§2.5), prefixed style. `hydra:view` is left out when everything fits on
 * one page and the request had no query; links keep the query with `page` moved last.
 */
export function hydraCollection<T>(input: {
  context: string;
  path: string;
  rawQuery: string;
  members: T[];
  total: number;
  page: number;
  perPage: number;
  paginated: boolean;
  searchVariables?: string[];
}) {
  const lastPage =
    input.paginated && input.perPage > 0 ? Math.max(1, Math.ceil(input.total / input.perPage)) : 1;
  const params = new URLSearchParams(input.rawQuery);
  params.delete('page');
  const base = params.toString();
  const link = (page: number) =>
    `${input.path}?${base ? `${base.replace(/\[/g, '%5B').replace(/\]/g, '%5D')}&` : ''}page=${page}`;
  const hasQuery = [...new URLSearchParams(input.rawQuery).keys()].some(
    (k) => k !== 'page' && k !== 'pagination',
  );
  let view: Record<string, string> | undefined;
  if (input.paginated && lastPage > 1) {
    view = {
      '@id': link(input.page),
      '@type': 'hydra:PartialCollectionView',
      'hydra:first': link(1),
      'hydra:last': link(lastPage),
      ...(input.page > 1 ? { 'hydra:previous': link(input.page - 1) } : {}),
      ...(input.page < lastPage ? { 'hydra:next': link(input.page + 1) } : {}),
    };
  } else if (hasQuery || !input.paginated) {
    view = {
      '@id': base
        ? `${input.path}?${base.replace(/\[/g, '%5B').replace(/\]/g, '%5D')}`
        : input.path,
      '@type': 'hydra:PartialCollectionView',
    };
  }
  return {
    '@context': input.context,
    '@id': input.path,
    '@type': 'hydra:Collection',
    'hydra:totalItems': input.total,
    'hydra:member': input.members,
    ...(view ? { 'hydra:view': view } : {}),
    ...(input.searchVariables
      ? {
          'hydra:search': {
            '@type': 'hydra:IriTemplate',
            'hydra:template': `${input.path}{?${input.searchVariables.join(',')}}`,
            'hydra:variableRepresentation': 'BasicRepresentation',
            'hydra:mapping': input.searchVariables.map((variable) => ({
              '@type': 'IriTemplateMapping',
              variable,
              // order[date] and exists[description] filter on the bracketed property.
              property:
                /^(?:order|exists)\[(.+)\]$/.exec(variable)?.[1] ?? variable.replace(/\[.*$/, ''),
              required: false,
            })),
          },
        }
      : {}),
  };
}
const DEFAULT_ITEMS_PER_PAGE = 30;
const MAX_ITEMS_PER_PAGE = 100;
/** `pagination=false` still stops somewhere: a whole account's history is not one response. */
const UNPAGINATED_LIMIT = 10_000;

export interface FlowtlyPagination {
  page: number;
  perPage: number;
  paginated: boolean;
}

/** `page`, `itemsPerPage` and `pagination` (§2.7): bad pages and sizes are refused with 400. */
export function decodePagination(query: Record<string, unknown>): FlowtlyPagination {
  const paginated = !['false', '0', 'off', 'no'].includes(
    (typeof query.pagination === 'string' ? query.pagination : '').toLowerCase(),
  );
  const page = query.page === undefined ? 1 : Math.trunc(Number(query.page)) || 0;
  if (paginated && page < 1)
    throw new DomainError('bad_request', 'invalid_page', 'Page should not be less than 1');
  const requested =
    query.itemsPerPage === undefined
      ? DEFAULT_ITEMS_PER_PAGE
      : Math.trunc(Number(query.itemsPerPage));
  if (Number.isNaN(requested) || requested < 0) {
    throw new DomainError('bad_request', 'invalid_limit', 'Limit should not be less than 0');
  }
  const perPage = paginated ? Math.min(requested, MAX_ITEMS_PER_PAGE) : UNPAGINATED_LIMIT;
  // `page=1e20` must not reach the database as an offset it cannot hold.
  if (paginated && !Number.isSafeInteger((page - 1) * perPage)) {
    throw new DomainError('bad_request', 'invalid_page', 'Page is out of range');
  }
  return { page: paginated ? page : 1, perPage, paginated };
}

/** The query string of a request URL, as Hydra links rebuild it. */
export function rawQueryOf(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
}

/** The id in an item path segment: `emp_102` or `102` for prefix `emp`; else a 404 for `what`. */
export function segmentId(raw: string, prefix: string, what: string): number {
  const match = new RegExp(`^(?:${prefix}_)?(\\d{1,15})$`).exec(raw);
  if (!match) throw notFound(what);
  return Number(match[1]);
}

export const employeeId = (raw: string): number => segmentId(raw, 'emp', 'employee');

/** Formats named by a path suffix (`/api/work-times/1.jsonld`), which win over `Accept` (§2.3). */
const SUFFIX_FORMATS: Record<string, Format> = { jsonld: 'jsonld', json: 'json' };
const suffixFormats = new WeakMap<IncomingMessage, Format | { unsupported: string }>();

/**
 * Strips a format suffix from a Flowtly path and remembers it for the request. Only the last
 * segment is looked at, and never on the files the API itself names with one (`docs.jsonld`).
 */
export function rewriteFlowtlySuffix(req: IncomingMessage, url: string): string {
  if (!isFlowtlyPath(url)) return url;
  const at = url.indexOf('?');
  const path = at === -1 ? url : url.slice(0, at);
  const match = /^(.*\/[^/.]+)\.([A-Za-z]+)$/.exec(path);
  if (!match || path.endsWith('/docs.jsonld') || path.includes('/contexts/')) return url;
  const ext = (match[2] ?? '').toLowerCase();
  suffixFormats.set(req, SUFFIX_FORMATS[ext] ?? { unsupported: match[2] ?? '' });
  return `${match[1] ?? ''}${at === -1 ? '' : url.slice(at)}`;
}

/** The output format of a request: its path suffix, else its `Accept` header. */
export function formatOf(request: FastifyRequest): Format {
  const fromSuffix = suffixFormats.get(request.raw);
  if (fromSuffix === undefined) return negotiate(request.headers.accept);
  if (typeof fromSuffix === 'string') return fromSuffix;
  throw new DomainError(
    'not_found',
    'format_not_supported',
    `Format "${fromSuffix.unsupported}" is not supported`,
  );
}
