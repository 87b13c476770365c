import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  CONSTRAINT,
  DomainError,
  RetryLaterError,
  ViolationError,
  type Refusal,
  type Violation,
} from '../shared/domain-error.ts';
import { wordingOf } from './refusal-wording.ts';
import { AuthenticationError } from '../modules/auth/auth.service.ts';
import { isFlowtlyPath } from './flowtly-transport.ts';
import { isHarvestPath } from './harvest-transport.ts';
import { flowtlyViolationOf, lexikMessageOf } from './flowtly-wording.ts';
import {
  schemaIssueFields,
  schemaIssueMessages,
  type FieldProblem,
  type SchemaIssue,
} from './validation-messages.ts';

/**
 * The one place errors become responses. Services throw DomainError with a stable code; each
 * public API renders it in its own wire format:
 *  - Harvest (§1.6 of the reference): 401 {error, error_description} + WWW-Authenticate,
 *    403/422 {message}, 404 {status, error};
 *  - Punch's own endpoints: {error: {code, message}}.
 * Anything unexpected is logged with the request id and answered 500 without details.
 */
type Api = 'harvest' | 'flowtly' | 'punch';

const INVALID_TOKEN_DESCRIPTION =
  'The access token provided is expired, revoked, malformed or invalid for other reasons.';

export interface Problem {
  status: number;
  code: string;
  message: string;
  details: readonly string[];
  violations?: readonly Violation[];
  /** Schema errors as data (native API), for clients that word them in their own language. */
  fields?: readonly FieldProblem[];
  /** Each rule broken, coded (the Flowtly door words each as a violation of its own). */
  refusals?: readonly Refusal[];
  /** Why a credential was refused, for a door that words it (the Flowtly door, as LexikJWT). */
  authFailure?: string;
}

function apiOf(request: FastifyRequest): Api {
  if (isHarvestPath(request.url)) return 'harvest';
  return isFlowtlyPath(request.url) ? 'flowtly' : 'punch';
}

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  bad_request: 400,
  not_acceptable: 406,
  unsupported_media_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 422,
  conflict: 422,
  rate_limited: 429,
};

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof DomainError) {
    // The core says what is wrong as coded refusals; the sentences are the doors' (one catalog).
    const details = error.refusals.length > 0 ? error.refusals.map(wordingOf) : error.details;
    return {
      status: STATUS_OF_KIND[error.kind],
      code: error.code,
      message: error.refusals.length > 0 ? details.join(', ') : error.message,
      details,
      refusals: error.refusals,
      ...(error instanceof AuthenticationError ? { authFailure: error.reason } : {}),
      ...(error instanceof ViolationError ? { violations: error.violations } : {}),
    };
  }
  const fastifyError = error as Partial<FastifyError> & { validation?: SchemaIssue[] };
  // A malformed id in the path names no resource: that is a 404, not a validation error.
  if (Array.isArray(fastifyError.validation) && fastifyError.validationContext === 'params') {
    return { status: 404, code: 'not_found', message: 'Not Found', details: [] };
  }
  if (Array.isArray(fastifyError.validation)) {
    const details = schemaIssueMessages(fastifyError.validation);
    return {
      status: 422,
      code: 'validation_failed',
      message: details.join(', '),
      details,
      fields: schemaIssueFields(fastifyError.validation),
    };
  }
  // The schemas bound every input (shared/bounds.ts); should a value still reach PostgreSQL
  // that it cannot hold (class 22: data exception), the client sent it, so it is the client's
  // error, logged so the missing bound gets added.
  if (isDataException(error)) {
    request.log.warn({ err: error }, 'a value the database cannot hold reached it');
    return {
      status: 422,
      code: 'value_out_of_range',
      message: 'A value is out of the range that can be stored',
      details: [],
    };
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      code: 'body_too_large',
      message: 'The request body is too large',
      details: [],
    };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status,
      code: (fastifyError.code ?? 'bad_request').toLowerCase(),
      message: fastifyError.message ?? 'Bad request',
      details: [],
    };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, code: 'internal_error', message: 'Internal Server Error', details: [] };
}

/** A PostgreSQL data exception (SQLSTATE class 22: out of range, bad encoding, …). */
function isDataException(error: unknown): boolean {
  const candidate = error as { code?: unknown; severity?: unknown };
  return (
    typeof candidate.code === 'string' &&
    candidate.code.startsWith('22') &&
    typeof candidate.severity === 'string'
  );
}

function sendHarvest(problem: Problem, reply: FastifyReply): FastifyReply {
  reply.code(problem.status);
  switch (problem.status) {
    case 401:
      return reply
        .header(
          'www-authenticate',
          `Bearer realm="Punch", error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`,
        )
        .send({ error: 'invalid_token', error_description: INVALID_TOKEN_DESCRIPTION });
    case 404:
      return reply.send({ status: 404, error: 'Not Found' });
    case 500:
      return reply.send({ status: 500, error: 'Internal Server Error' });
    default:
      return reply.send({ message: problem.message });
  }
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(error, request);
  if (error instanceof RetryLaterError)
    reply.header('retry-after', String(error.retryAfterSeconds));
  if (error instanceof AuthenticationError) {
    request.log.info({ reason: error.reason }, 'authentication refused');
  }
  const api = apiOf(request);
  if (api === 'harvest') return sendHarvest(problem, reply);
  if (api === 'flowtly') return sendFlowtly(problem, reply);
  return reply.code(problem.status).send({
    error: {
      code: problem.code,
      message: problem.message,
      ...(problem.details.length > 1 ? { details: problem.details } : {}),
      ...(problem.fields ? { fields: problem.fields } : {}),
    },
  });
}

/**
 * API Platform's errors (reference §2.9 shape B with its `@context`): title and description
 * both with and without the `hydra:` prefix, so clients of every API Platform generation read
 * them; validation adds `violations`. Authentication failures answer as LexikJWT does.
 */
function sendFlowtly(problem: Problem, reply: FastifyReply): FastifyReply {
  if (problem.status === 401) {
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .type('application/json; charset=utf-8')
      .send({
        code: 401,
        // A refused credential in LexikJWT's words ("JWT Token not found", …).
        message:
          problem.authFailure === undefined ? problem.message : lexikMessageOf(problem.authFailure),
      });
  }
  // A refusal this door words itself reads as Symfony's violation of the property it names.
  const refusals = problem.violations ? [] : (problem.refusals ?? []);
  const ownWords = refusals.flatMap((r) => flowtlyViolationOf(r.code, r.params) ?? []);
  const worded = refusals.length > 0 && ownWords.length === refusals.length;
  const detail =
    problem.status === 500
      ? 'Internal Server Error'
      : problem.status === 404 &&
          !['route_not_found', 'format_not_supported'].includes(problem.code)
        ? 'Not Found'
        : worded
          ? ownWords.map(violationLine).join('\n')
          : problem.message;
  // A rule broken deeper down (e.g. "Email has already been taken") still reads as API
  // Platform's ConstraintViolationList, so clients have one 422 shape to parse.
  const violations =
    problem.violations ??
    (worded && problem.status === 422 ? ownWords : undefined) ??
    (problem.status === 422
      ? (problem.details.length > 0 ? problem.details : [problem.message]).map((message) => ({
          propertyPath: '',
          message,
          code: CONSTRAINT.invalid,
        }))
      : undefined);
  const codes = violations?.map((v) => v.code).join(';') ?? '';
  const body = violations
    ? {
        '@context': '/api/contexts/ConstraintViolationList',
        '@id': `/api/validation_errors/${codes}`,
        '@type': 'ConstraintViolationList',
        status: problem.status,
        violations,
        detail,
        title: 'An error occurred',
        'hydra:title': 'An error occurred',
        'hydra:description': detail,
        description: detail,
        type: `/validation_errors/${codes}`,
      }
    : {
        '@context': '/api/contexts/Error',
        '@id': `/api/errors/${problem.status}`,
        '@type': 'hydra:Error',
        title: 'An error occurred',
        'hydra:title': 'An error occurred',
        detail,
        'hydra:description': detail,
        description: detail,
        status: problem.status,
        type: `/errors/${problem.status}`,
      };
  return reply
    .code(problem.status)
    .header('link', '<http://www.w3.org/ns/hydra/error>; rel="http://www.w3.org/ns/json-ld#error"')
    .type('application/problem+json; charset=utf-8')
    .send(body);
}

/** A violation as API Platform's `detail` lists it: the property, then the sentence. */
const violationLine = (v: Violation): string =>
  v.propertyPath === '' ? v.message : `${v.propertyPath}: ${v.message}`;

/** Unknown routes in each API's format; a known Flowtly path with another method is a 405. */
export function createNotFoundHandler(allowedFor: (path: string) => string[]) {
  return (request: FastifyRequest, reply: FastifyReply) => notFound(request, reply, allowedFor);
}

function notFound(
  request: FastifyRequest,
  reply: FastifyReply,
  allowedFor: (path: string) => string[],
) {
  const api = apiOf(request);
  if (api === 'harvest') {
    return sendHarvest(
      { status: 404, code: 'not_found', message: 'Not Found', details: [] },
      reply,
    );
  }
  if (api === 'flowtly') {
    // Symfony's RouterListener words, with the absolute URL it prints.
    const target = `${request.method} ${request.protocol}://${request.host}${request.url}`;
    const allowed = allowedFor(request.url);
    // A route that exists for this very method sent us here itself: the item is what is missing.
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      return sendFlowtly(
        {
          status: 405,
          code: 'route_not_found',
          message: `No route found for "${target}": Method Not Allowed (Allow: ${allowed.join(', ')})`,
          details: [],
        },
        reply,
      );
    }
    return sendFlowtly(
      {
        status: 404,
        code: 'route_not_found',
        message: `No route found for "${target}"`,
        details: [],
      },
      reply,
    );
  }
  return reply.code(404).send({
    error: { code: 'route_not_found', message: `No route for ${request.method} ${request.url}` },
  });
}
