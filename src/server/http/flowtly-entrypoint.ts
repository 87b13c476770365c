import type { FastifyRequest, RouteOptions } from 'fastify';
import type { TObject } from 'typebox';
import {
  EmployeeDocument,
  EmployeeDocuments,
} from '../modules/employee-documents/employee-documents.schemas.ts';
import type { presentFlowtlyProject } from '../modules/projects/flowtly-projects.routes.ts';
import { EmployeeProjectRates } from '../modules/project-rates/project-rates.schemas.ts';
import { WorkTime } from '../modules/time-entries/work-times.schemas.ts';
import { Employee } from '../modules/users/employees.schemas.ts';
import type { App } from './app-types.ts';

/**
 * What API Platform derives from its resource metadata (reference §2.2): the entrypoint, one
 * JSON-LD context per class, and the Hydra API documentation. Here the same TypeBox schemas
 * that serialize responses name the properties, and the registered routes name the operations
 * and the collections the entrypoint lists, so the documentation cannot drift from what the
 * API does. The shape is the one API Platform emits and its tools (api-doc-parser, behind
 * API Platform Admin and the client generator) read: collection operations on the
 * entrypoint's property, item operations on the class, every property ranged.
 */

const HYDRA = 'http://www.w3.org/ns/hydra/core#';

/** Property ranges. `hydra:Resource` is an IRI of something Punch documents no class for. */
const RANGE = {
  integer: 'xmls:integer',
  decimal: 'xmls:decimal',
  boolean: 'xmls:boolean',
  string: 'xmls:string',
  date: 'xmls:date',
  dateTime: 'xmls:dateTime',
  iri: 'hydra:Resource',
  any: 'rdfs:Resource',
} as const;

interface HydraProperty {
  name: string;
  range: string;
  /** An IRI (to one resource), rather than a value or a nested document. */
  link: boolean;
  readable: boolean;
  description?: string;
}

interface HydraClass {
  name: string;
  description: string;
  properties: HydraProperty[];
  /** Classes of the nested documents, whose terms the context also defines. */
  embeds: string[];
  /** Properties a POST or PATCH may set. */
  writable: string[];
  /** Properties a POST must set. */
  required: string[];
}

interface ClassOptions<K extends string> {
  name: string;
  description: string;
  /** IRI properties and the class they name (or `RANGE.iri`). */
  links?: Partial<Record<K, string>>;
  /** Properties holding nested documents, and their class. */
  embeds?: Partial<Record<K, string>>;
  /** Ranges the JSON type does not tell: instants, days, decimals written as strings. */
  ranges?: Partial<Record<K, string>>;
  writable?: K[];
  required?: K[];
}

const classRange = (name: string) => (name.includes(':') ? name : `#${name}`);

/** The few fields of a JSON schema (property or route) looked at here, all optional. */
interface SchemaFacts {
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  anyOf?: unknown[];
  properties?: Record<string, unknown>;
  response?: Record<string, unknown>;
  hide?: boolean;
  summary?: string;
  operationId?: string;
}

function schemaFacts(value: unknown): SchemaFacts | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

const XSD: Record<string, string> = {
  integer: RANGE.integer,
  number: RANGE.decimal,
  boolean: RANGE.boolean,
  string: RANGE.string,
};

/** The XML Schema type of a JSON schema: its (non-null) type, and for strings its format. */
function jsonRange(schema: SchemaFacts | undefined): string {
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== 'null') : schema?.type;
  if (type === 'string' && schema?.format === 'date') return RANGE.date;
  if (type === 'string' && schema?.format === 'date-time') return RANGE.dateTime;
  return (type && XSD[type]) ?? RANGE.any;
}

function build<K extends string>(
  properties: { name: K; range: string; readable: boolean; description?: string }[],
  options: ClassOptions<K>,
): HydraClass {
  return {
    name: options.name,
    description: options.description,
    properties: properties.map((p) => {
      const link = options.links?.[p.name];
      const embedded = options.embeds?.[p.name];
      return {
        ...p,
        range: classRange(link ?? embedded ?? options.ranges?.[p.name] ?? p.range),
        link: link !== undefined,
      };
    }),
    embeds: Object.values<string | undefined>(options.embeds ?? {}).filter(
      (name): name is string => name !== undefined,
    ),
    writable: options.writable ?? [],
    required: options.required ?? [],
  };
}

type Own<T extends TObject> = Exclude<keyof T['properties'] & string, `@${string}`>;

/** A class whose response schema lists its properties, plus those only a write takes. */
function fromSchema<T extends TObject, W extends string = never>(
  schema: T,
  options: ClassOptions<Own<T> | W> & { writeOnly?: Record<W, string> },
): HydraClass {
  const read = Object.entries(schema.properties)
    .filter(([name]) => !name.startsWith('@'))
    .map(([name, property]) => {
      const facts = schemaFacts(property);
      return {
        name: name as Own<T>,
        range: jsonRange(facts),
        readable: true,
        ...(facts?.description ? { description: facts.description } : {}),
      };
    });
  const written = Object.entries<string>(options.writeOnly ?? {}).map(([name, range]) => ({
    name: name as W,
    range,
    readable: false,
  }));
  return build<Own<T> | W>([...read, ...written], options);
}

/** A class without a response schema: every property and its range, in response order. */
function byHand<K extends string>(ranges: Record<K, string>, options: ClassOptions<K>): HydraClass {
  return build(
    Object.entries<string>(ranges).map(([name, range]) => ({
      name: name as K,
      range,
      readable: true,
    })),
    options,
  );
}

type ProjectProperty = Exclude<keyof ReturnType<typeof presentFlowtlyProject>, `@${string}`>;

const PROJECT: Record<ProjectProperty, string> = {
  id: RANGE.integer,
  name: RANGE.string,
  code: RANGE.string,
  client: RANGE.iri,
  clientName: RANGE.string,
  currency: RANGE.string,
  dateFrom: RANGE.date,
  dateTo: RANGE.date,
  type: RANGE.string,
  hourlyRate: RANGE.decimal,
  active: RANGE.boolean,
};

const CLASSES: HydraClass[] = [
  fromSchema(WorkTime, {
    name: 'WorkTime',
    description: 'Time a person worked on a project on a day (a Punch time entry).',
    links: { employee: 'Employee', project: 'Project' },
    ranges: {
      date: RANGE.dateTime,
      createdAt: RANGE.dateTime,
      updatedAt: RANGE.dateTime,
      deletedAt: RANGE.dateTime,
    },
    writable: ['employee', 'project', 'date', 'seconds', 'description'],
    required: ['employee', 'project', 'date', 'seconds'],
  }),
  fromSchema(Employee, {
    name: 'Employee',
    description: 'A person of the organization (a Punch user), with or without a login.',
    // The login has no resource of its own in this API.
    links: { defaultProject: 'Project', user: RANGE.iri },
    ranges: {
      createdAt: RANGE.dateTime,
      updatedAt: RANGE.dateTime,
      invitationExpiresAt: RANGE.dateTime,
    },
    writable: [
      'firstName',
      'lastName',
      'email',
      'contactEmail',
      'phone',
      'active',
      'weeklyCapacitySeconds',
      'defaultProject',
    ],
    required: ['firstName', 'lastName', 'email'],
  }),
  // Read-only here: the Flowtly API serves project items; projects are written through /v2.
  byHand(PROJECT, {
    name: 'Project',
    description: 'A project of a client.',
    // Punch's Flowtly API has no client resource.
    links: { client: RANGE.iri },
  }),
  fromSchema(EmployeeProjectRates, {
    name: 'EmployeeProjectRates',
    description: "A person's per-project hourly rates; periods of one project never overlap.",
    links: { employee: 'Employee' },
    embeds: { rates: 'EmployeeProjectRate' },
  }),
  fromSchema(EmployeeProjectRates.properties.rates.items, {
    name: 'EmployeeProjectRate',
    description: 'One hourly rate of a person on a project, for a period of days.',
    links: { project: 'Project' },
    ranges: { ratePerHour: RANGE.decimal },
    writable: ['project', 'position', 'ratePerHour', 'dateFrom', 'dateTo'],
    required: ['project', 'ratePerHour'],
  }),
  fromSchema(EmployeeDocuments, {
    name: 'EmployeeDocuments',
    description: "The documents on a person's record.",
    links: { employee: 'Employee' },
    embeds: { documents: 'EmployeeDocument' },
  }),
  fromSchema(EmployeeDocument, {
    name: 'EmployeeDocument',
    description: "A file on a person's record; GET its IRI to download it.",
    links: { employee: 'Employee', uploadedBy: 'Employee', contentUrl: RANGE.iri },
    ranges: { createdAt: RANGE.dateTime },
    // The upload: the multipart part named "file".
    writeOnly: { file: RANGE.any },
    writable: ['file'],
    required: ['file'],
  }),
  // What POST /employees/{id}/user takes: a password, or nothing for an invitation.
  build([{ name: 'password', range: RANGE.string, readable: false }], {
    name: 'EmployeeLogin',
    description: "A person's login: with a password (8 characters or more), or by invitation.",
    writable: ['password'],
  }),
  byHand(
    {
      employee: RANGE.iri,
      date: RANGE.date,
      timezone: RANGE.string,
      weekStartsOn: RANGE.integer,
      day: RANGE.any,
      week: RANGE.any,
      month: RANGE.any,
      byProject: RANGE.any,
      agreement: RANGE.any,
    },
    {
      name: 'WorkingHoursStats',
      description: 'Expected against worked time for the day, week and month of a date.',
      links: { employee: 'Employee' },
    },
  ),
  byHand(
    {
      employee: RANGE.iri,
      from: RANGE.date,
      to: RANGE.date,
      workedSeconds: RANGE.integer,
      expectedSeconds: RANGE.integer,
      balanceSeconds: RANGE.integer,
      utilizationPercent: RANGE.integer,
      weeks: RANGE.any,
      topProjects: RANGE.any,
      trend: RANGE.any,
      workingDaysWithoutTime: RANGE.integer,
      longDays: RANGE.integer,
      suggestions: RANGE.any,
      summary: RANGE.string,
      basis: RANGE.any,
    },
    {
      name: 'FeedbackSuggestion',
      description: 'Explained suggestions from the four weeks of work up to a date.',
      links: { employee: 'Employee' },
    },
  ),
];

const classNamed = (name: string) => CLASSES.find((c) => c.name === name);

/**
 * The class an operation's path belongs to; the most specific path wins. A POST to a list that
 * lives inside another document (a rate, a document) creates one of its members.
 */
function classOfPath(method: string, url: string): string | null {
  const nested = /^\/api\/employees\/:id\/(project-rates|documents)(\/:\w+)?$/.exec(url);
  if (nested) {
    const member = nested[2] !== undefined || method === 'POST';
    if (nested[1] === 'documents') return member ? 'EmployeeDocument' : 'EmployeeDocuments';
    return member ? 'EmployeeProjectRate' : 'EmployeeProjectRates';
  }
  if (/^\/api\/employees\/:id\/working-hours-stats/.test(url)) return 'WorkingHoursStats';
  if (/^\/api\/employees\/:id\/feedback-suggestion/.test(url)) return 'FeedbackSuggestion';
  if (/^\/api\/employees/.test(url)) return 'Employee';
  if (/^\/api\/projects/.test(url)) return 'Project';
  if (/^\/api\/(employee_working_hours|employee-working-hours|work-times)/.test(url))
    return 'WorkTime';
  return null;
}

/** A Hydra collection response (`HydraCollectionOf`): JSON-LD with `hydra:member`. */
function isCollection(schema: SchemaFacts | undefined): boolean {
  return (schema?.anyOf ?? []).some(
    (branch) => schemaFacts(branch)?.properties?.['hydra:member'] !== undefined,
  );
}

/** What a POST or PATCH takes, when it is not the class its path belongs to. */
function inputOfPath(method: string, url: string): string | undefined {
  if (method === 'POST' && /^\/api\/employees\/:id\/user$/.test(url)) return 'EmployeeLogin';
  return undefined;
}

interface Operation {
  method: string;
  path: string;
  title: string;
  /** The class of the body, for a write. */
  expects?: string;
  /** A GET answering a Hydra collection: a list, in API Platform's words a collection operation. */
  list: boolean;
  /** A class name (when the response names a documented class) or a Hydra/OWL term. */
  returns: string;
}

/** Collects the documented Flowtly operations as routes are added; register before the routes. */
export function createOperationCollector() {
  const byClass = new Map<string, Operation[]>();
  return {
    onRoute: (route: RouteOptions) => {
      const schema = schemaFacts(route.schema);
      if (!schema?.operationId || schema.hide) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        const name = classOfPath(method, route.url);
        if (!name) continue;
        const response = schemaFacts(
          schema.response?.[method === 'POST' ? '201' : '200'] ?? schema.response?.['200'],
        );
        const list = method === 'GET' && isCollection(response);
        const returns =
          method === 'DELETE'
            ? 'owl:Nothing'
            : route.config?.flowtlyFileOutput
              ? RANGE.iri
              : list
                ? 'hydra:Collection'
                : (response?.title ?? name);
        const entries = byClass.get(name) ?? [];
        entries.push({
          method,
          path: route.url.replace(/:(\w+)/g, '{$1}'),
          title: schema.summary ?? schema.operationId,
          ...(method === 'POST' || method === 'PATCH' || method === 'PUT'
            ? { expects: inputOfPath(method, route.url) ?? name }
            : {}),
          list,
          returns,
        });
        byClass.set(name, entries);
      }
    },
    operationsOf: (name: string) => byClass.get(name) ?? [],
  };
}

export type OperationCollector = ReturnType<typeof createOperationCollector>;

interface EntrypointEntry {
  /** The entrypoint's key: the class name, first letter lowered (API Platform's lcfirst). */
  key: string;
  name: string;
  /** The collection's path: the shortest list of the class that takes no path parameter. */
  path: string;
}

/** The classes a client can list from the entrypoint: only those with a collection route. */
function entrypointOf(operations: OperationCollector): EntrypointEntry[] {
  const entries: EntrypointEntry[] = [];
  for (const spec of CLASSES) {
    const [list] = operations
      .operationsOf(spec.name)
      .filter((op) => op.list && !op.path.includes('{'))
      .sort((a, b) => a.path.length - b.path.length);
    if (list) {
      const key = `${spec.name.charAt(0).toLowerCase()}${spec.name.slice(1)}`;
      entries.push({ key, name: spec.name, path: list.path });
    }
  }
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}

const ACTION: Record<string, string> = {
  GET: 'schema:FindAction',
  POST: 'schema:CreateAction',
  PUT: 'schema:ReplaceAction',
  PATCH: 'schema:UpdateAction',
  DELETE: 'schema:DeleteAction',
};

function hydraOperation(op: Operation, className: string) {
  const returns = op.returns.includes(':')
    ? op.returns
    : classNamed(op.returns)
      ? op.returns
      : className;
  return {
    '@type': ['hydra:Operation', ACTION[op.method] ?? 'schema:Action'],
    'hydra:method': op.method,
    'hydra:title': op.title,
    'rdfs:label': op.title,
    'hydra:template': op.path,
    ...(op.expects ? { expects: classRange(op.expects) } : {}),
    returns: classRange(returns),
  };
}

/** The absolute vocabulary of the request's origin, as API Platform writes `@vocab`. */
const vocabOf = (request: FastifyRequest) =>
  `${request.protocol}://${request.host}/api/docs.jsonld#`;

function apiDocumentation(operations: OperationCollector, vocab: string) {
  const entrypoint = entrypointOf(operations);
  const listed = new Set(entrypoint.map((e) => e.name));
  // Where API Platform puts them: lists and creations on the entrypoint's property of a listed
  // class, everything else (show, edit, delete) on the class.
  const onCollection = (name: string, op: Operation) =>
    listed.has(name) && (op.list || op.method === 'POST');
  const supportedClass = CLASSES.map((spec) => ({
    '@id': `#${spec.name}`,
    '@type': 'hydra:Class',
    'rdfs:label': spec.name,
    'hydra:title': spec.name,
    'hydra:description': spec.description,
    'hydra:supportedProperty': spec.properties.map((property) => ({
      '@type': 'hydra:SupportedProperty',
      'hydra:property': {
        '@id': `#${spec.name}/${property.name}`,
        '@type': property.link ? 'hydra:Link' : 'rdf:Property',
        'rdfs:label': property.name,
        domain: `#${spec.name}`,
        range: property.range,
        ...(property.link ? { 'owl:maxCardinality': 1 } : {}),
      },
      'hydra:title': property.name,
      ...(property.description ? { 'hydra:description': property.description } : {}),
      'hydra:required': spec.required.includes(property.name),
      'hydra:readable': property.readable,
      'hydra:writeable': spec.writable.includes(property.name),
    })),
    'hydra:supportedOperation': operations
      .operationsOf(spec.name)
      .filter((op) => !onCollection(spec.name, op))
      .map((op) => hydraOperation(op, spec.name)),
  }));
  return {
    '@context': {
      '@vocab': vocab,
      hydra: HYDRA,
      rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
      xmls: 'http://www.w3.org/2001/XMLSchema#',
      owl: 'http://www.w3.org/2002/07/owl#',
      schema: 'https://schema.org/',
      domain: { '@id': 'rdfs:domain', '@type': '@id' },
      range: { '@id': 'rdfs:range', '@type': '@id' },
      expects: { '@id': 'hydra:expects', '@type': '@id' },
      returns: { '@id': 'hydra:returns', '@type': '@id' },
    },
    '@id': '/api/docs.jsonld',
    '@type': 'hydra:ApiDocumentation',
    'hydra:title': 'Punch: Flowtly-compatible API',
    'hydra:description':
      'Work times, employees and their records, over the same data as the Harvest v2 API at /v2.',
    'hydra:entrypoint': '/api',
    'hydra:supportedClass': [
      {
        '@id': '#Entrypoint',
        '@type': 'hydra:Class',
        'hydra:title': 'The API entrypoint',
        'hydra:supportedProperty': entrypoint.map(({ key, name }) => ({
          '@type': 'hydra:SupportedProperty',
          'hydra:property': {
            '@id': `#Entrypoint/${key}`,
            '@type': 'hydra:Link',
            'rdfs:label': `The collection of ${name} resources`,
            domain: '#Entrypoint',
            'owl:maxCardinality': 1,
            // A collection whose members are all of the class (API Platform's form, which
            // api-doc-parser reads to find the class).
            range: [
              'hydra:Collection',
              {
                'owl:equivalentClass': {
                  'owl:onProperty': { '@id': 'hydra:member' },
                  'owl:allValuesFrom': { '@id': `#${name}` },
                },
              },
            ],
            'hydra:supportedOperation': operations
              .operationsOf(name)
              .filter((op) => onCollection(name, op))
              .map((op) => hydraOperation(op, name)),
          },
          'hydra:title': `The collection of ${name} resources`,
          'hydra:readable': true,
          'hydra:writeable': false,
        })),
        'hydra:supportedOperation': [
          {
            '@type': 'hydra:Operation',
            'hydra:method': 'GET',
            'rdfs:label': 'The API entrypoint.',
            returns: '#Entrypoint',
          },
        ],
      },
      ...supportedClass,
    ],
  };
}

/** The JSON-LD context of a class: its terms, then those of the documents nested in it. */
function classContext(spec: HydraClass, vocab: string) {
  const terms: Record<string, string | { '@id': string; '@type': '@id' }> = {};
  const nested = spec.embeds.map(classNamed).filter((c) => c !== undefined);
  for (const owner of [spec, ...nested]) {
    for (const { name, link } of owner.properties) {
      if (name in terms) continue;
      const id = `${owner.name}/${name}`;
      terms[name] = link ? { '@id': id, '@type': '@id' } : id;
    }
  }
  return { '@context': { '@vocab': vocab, hydra: HYDRA, ...terms } };
}

/** `GET /api`, `GET /api/contexts/{Name}` and `GET /api/docs.jsonld` (and their root aliases). */
export function flowtlyEntrypointRoutes(app: App, deps: { operations: OperationCollector }): void {
  const { operations } = deps;
  app.get('/api', { schema: { hide: true } }, async () => ({
    '@context': '/api/contexts/Entrypoint',
    '@id': '/api',
    '@type': 'Entrypoint',
    ...Object.fromEntries(entrypointOf(operations).map((e) => [e.key, e.path])),
  }));
  for (const prefix of ['/api', '']) {
    app.get(`${prefix}/docs.jsonld`, { schema: { hide: true } }, async (request) =>
      apiDocumentation(operations, vocabOf(request)),
    );
    app.get<{ Params: { name: string } }>(
      `${prefix}/contexts/:name`,
      { schema: { hide: true } },
      async (request, reply) => {
        const name = request.params.name.replace(/\.jsonld$/, '');
        if (name === 'Entrypoint') {
          return {
            '@context': {
              '@vocab': vocabOf(request),
              hydra: HYDRA,
              Entrypoint: 'Entrypoint',
              ...Object.fromEntries(
                entrypointOf(operations).map(({ key }) => [
                  key,
                  { '@id': `Entrypoint/${key}`, '@type': '@id' },
                ]),
              ),
            },
          };
        }
        const spec = classNamed(name);
        if (!spec) {
          reply.callNotFound();
          return reply;
        }
        return classContext(spec, vocabOf(request));
      },
    );
  }
}
