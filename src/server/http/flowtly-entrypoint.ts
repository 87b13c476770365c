import type { RouteOptions } from 'fastify';
import type { TObject } from 'typebox';
import {
  EmployeeDocument,
  EmployeeDocuments,
} from '../modules/employee-documents/employee-documents.schemas.ts';
import { EmployeeProjectRates } from '../modules/project-rates/project-rates.schemas.ts';
import { WorkTime } from '../modules/time-entries/work-times.schemas.ts';
import { Employee } from '../modules/users/employees.schemas.ts';
import type { App } from './app-types.ts';

/**
 * What API Platform derives from its resource metadata (reference §2.2): the entrypoint, one
 * JSON-LD context per class, and the Hydra API documentation. Here the same TypeBox schemas
 * that serialize responses name the properties, and the registered routes name the operations,
 * so the documentation cannot drift from what the API does.
 */
interface HydraClass {
  name: string;
  description: string;
  /** The response schema; classes without one list their properties by hand. */
  schema?: TObject;
  properties?: string[];
  /** Properties holding IRIs. */
  relations: string[];
  /** Properties a POST or PATCH may set. */
  writable: string[];
  /** Properties a POST must set. */
  required: string[];
}

const CLASSES: HydraClass[] = [
  {
    name: 'WorkTime',
    description: 'Time a person worked on a project on a day (a Punch time entry).',
    schema: WorkTime,
    relations: ['employee', 'project'],
    writable: ['employee', 'project', 'date', 'seconds', 'description'],
    required: ['employee', 'project', 'date', 'seconds'],
  },
  {
    name: 'Employee',
    description: 'A person of the organization (a Punch user), with or without a login.',
    schema: Employee,
    relations: ['defaultProject', 'user'],
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
  },
  {
    name: 'Project',
    description: 'A project of a client.',
    properties: [
      'id',
      'name',
      'code',
      'client',
      'clientName',
      'currency',
      'dateFrom',
      'dateTo',
      'type',
      'hourlyRate',
      'active',
    ],
    relations: ['client'],
    writable: [],
    required: [],
  },
  {
    name: 'EmployeeProjectRates',
    description: "A person's per-project hourly rates; periods of one project never overlap.",
    schema: EmployeeProjectRates,
    relations: ['employee'],
    writable: ['project', 'position', 'ratePerHour', 'dateFrom', 'dateTo'],
    required: ['project', 'ratePerHour'],
  },
  {
    name: 'EmployeeDocuments',
    description: "The documents on a person's record.",
    schema: EmployeeDocuments,
    relations: ['employee'],
    writable: [],
    required: [],
  },
  {
    name: 'EmployeeDocument',
    description: "A file on a person's record; GET its IRI to download it.",
    schema: EmployeeDocument,
    relations: ['employee', 'uploadedBy', 'contentUrl'],
    writable: ['file'],
    required: ['file'],
  },
  {
    name: 'WorkingHoursStats',
    description: 'Expected against worked time for the day, week and month of a date.',
    properties: [
      'employee',
      'date',
      'timezone',
      'weekStartsOn',
      'day',
      'week',
      'month',
      'byProject',
      'agreement',
    ],
    relations: ['employee'],
    writable: [],
    required: [],
  },
  {
    name: 'FeedbackSuggestion',
    description: 'Explained suggestions from the four weeks of work up to a date.',
    properties: [
      'employee',
      'from',
      'to',
      'workedSeconds',
      'expectedSeconds',
      'balanceSeconds',
      'utilizationPercent',
      'weeks',
      'topProjects',
      'trend',
      'workingDaysWithoutTime',
      'longDays',
      'suggestions',
      'summary',
      'basis',
    ],
    relations: ['employee'],
    writable: [],
    required: [],
  },
];

const ENTRYPOINT: Record<string, string> = {
  employee: '/api/employees',
  project: '/api/projects',
  workTime: '/api/employee_working_hours',
};

function propertiesOf(spec: HydraClass): string[] {
  if (spec.properties) return spec.properties;
  return Object.keys(spec.schema?.properties ?? {}).filter((key) => !key.startsWith('@'));
}

const XSD: Record<string, string> = {
  integer: 'xmls:integer',
  number: 'xmls:decimal',
  boolean: 'xmls:boolean',
  string: 'xmls:string',
};

/** The few fields of a JSON schema (property or route) looked at here, all optional. */
interface SchemaFacts {
  type?: string | string[];
  format?: string;
  hide?: boolean;
  summary?: string;
  operationId?: string;
}

function schemaFacts(value: unknown): SchemaFacts | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

function rangeOf(spec: HydraClass, property: string): string {
  if (spec.relations.includes(property)) return 'hydra:Link';
  const schema = schemaFacts(spec.schema?.properties[property]);
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  if (schema?.format === 'date') return 'xmls:date';
  return typeof type === 'string' ? (XSD[type] ?? 'rdfs:Resource') : 'rdfs:Resource';
}

/** The class an operation's path belongs to; the most specific path wins. */
function classOfPath(url: string): string | null {
  if (/^\/api\/employees\/:id\/project-rates/.test(url)) return 'EmployeeProjectRates';
  if (/^\/api\/employees\/:id\/documents\/:/.test(url)) return 'EmployeeDocument';
  if (/^\/api\/employees\/:id\/documents/.test(url)) return 'EmployeeDocuments';
  if (/^\/api\/employees\/:id\/working-hours-stats/.test(url)) return 'WorkingHoursStats';
  if (/^\/api\/employees\/:id\/feedback-suggestion/.test(url)) return 'FeedbackSuggestion';
  if (/^\/api\/employees/.test(url)) return 'Employee';
  if (/^\/api\/projects/.test(url)) return 'Project';
  if (/^\/api\/(employee_working_hours|employee-working-hours|work-times)/.test(url))
    return 'WorkTime';
  return null;
}

interface Operation {
  method: string;
  path: string;
  title: string;
  expects: boolean;
}

/** Collects the documented Flowtly operations as routes are added; register before the routes. */
export function createOperationCollector() {
  const byClass = new Map<string, Operation[]>();
  return {
    onRoute: (route: RouteOptions) => {
      const schema = schemaFacts(route.schema);
      if (!schema?.operationId || schema.hide) return;
      const name = classOfPath(route.url);
      if (!name) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        const list = byClass.get(name) ?? [];
        list.push({
          method,
          path: route.url.replace(/:(\w+)/g, '{$1}'),
          title: schema.summary ?? schema.operationId,
          expects: method === 'POST' || method === 'PATCH',
        });
        byClass.set(name, list);
      }
    },
    operationsOf: (name: string) => byClass.get(name) ?? [],
  };
}

export type OperationCollector = ReturnType<typeof createOperationCollector>;

function apiDocumentation(operations: OperationCollector) {
  const supportedClass = CLASSES.map((spec) => ({
    '@id': `#${spec.name}`,
    '@type': 'hydra:Class',
    'rdfs:label': spec.name,
    'hydra:title': spec.name,
    'hydra:description': spec.description,
    'hydra:supportedProperty': propertiesOf(spec).map((property) => ({
      '@type': 'hydra:SupportedProperty',
      'hydra:property': {
        '@id': `#${spec.name}/${property}`,
        '@type': spec.relations.includes(property) ? 'hydra:Link' : 'rdf:Property',
        'rdfs:label': property,
        domain: `#${spec.name}`,
        range: rangeOf(spec, property),
      },
      'hydra:title': property,
      'hydra:required': spec.required.includes(property),
      'hydra:readable': true,
      'hydra:writeable': spec.writable.includes(property),
    })),
    'hydra:supportedOperation': operations.operationsOf(spec.name).map((op) => ({
      '@type': [
        'hydra:Operation',
        `schema:${op.method === 'GET' ? 'Find' : op.method === 'POST' ? 'Create' : op.method === 'DELETE' ? 'Delete' : 'Replace'}Action`,
      ],
      'hydra:method': op.method,
      'hydra:title': op.title,
      'rdfs:label': op.title,
      'hydra:template': op.path,
      ...(op.expects ? { expects: `#${spec.name}` } : {}),
      returns: op.method === 'DELETE' ? 'owl:Nothing' : `#${spec.name}`,
    })),
  }));
  return {
    '@context': {
      '@vocab': '/api/docs.jsonld#',
      hydra: 'http://www.w3.org/ns/hydra/core#',
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
        'hydra:supportedProperty': Object.keys(ENTRYPOINT).map((key) => ({
          '@type': 'hydra:SupportedProperty',
          'hydra:property': {
            '@id': `#Entrypoint/${key}`,
            '@type': 'hydra:Link',
            domain: '#Entrypoint',
          },
          'hydra:title': key,
          'hydra:readable': true,
          'hydra:writeable': false,
        })),
      },
      ...supportedClass,
    ],
  };
}

/** `GET /api`, `GET /api/contexts/{Name}` and `GET /api/docs.jsonld` (and their root aliases). */
export function flowtlyEntrypointRoutes(app: App, deps: { operations: OperationCollector }): void {
  app.get('/api', { schema: { hide: true } }, async () => ({
    '@context': '/api/contexts/Entrypoint',
    '@id': '/api',
    '@type': 'Entrypoint',
    ...ENTRYPOINT,
  }));
  for (const prefix of ['/api', '']) {
    app.get(`${prefix}/docs.jsonld`, { schema: { hide: true } }, async () =>
      apiDocumentation(deps.operations),
    );
    app.get<{ Params: { name: string } }>(
      `${prefix}/contexts/:name`,
      { schema: { hide: true } },
      async (request, reply) => {
        const name = request.params.name.replace(/\.jsonld$/, '');
        if (name === 'Entrypoint') {
          return {
            '@context': {
              '@vocab': '/api/docs.jsonld#',
              hydra: 'http://www.w3.org/ns/hydra/core#',
              Entrypoint: 'Entrypoint',
              ...Object.fromEntries(
                Object.keys(ENTRYPOINT).map((key) => [
                  key,
                  { '@id': `Entrypoint/${key}`, '@type': '@id' },
                ]),
              ),
            },
          };
        }
        const spec = CLASSES.find((c) => c.name === name);
        if (!spec) {
          reply.callNotFound();
          return reply;
        }
        return {
          '@context': {
            '@vocab': '/api/docs.jsonld#',
            hydra: 'http://www.w3.org/ns/hydra/core#',
            ...Object.fromEntries(
              propertiesOf(spec).map((p) => [
                p,
                spec.relations.includes(p)
                  ? { '@id': `${name}/${p}`, '@type': '@id' }
                  : `${name}/${p}`,
              ]),
            ),
          },
        };
      },
    );
  }
}
