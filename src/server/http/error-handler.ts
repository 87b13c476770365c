import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../shared/domain-error.ts';
import { AuthenticationError } from '../modules/auth/auth.service.ts';
import { isHarvestPath } from './harvest-transport.ts';
import { schemaIssueMessages, type SchemaIssue } from './validation-messages.ts';

/**
 * The one place errors become responses. Services throw DomainError with a stable code; each
 * public API renders it in its own wire format:
 *  - Harvest (§1.6 of the reference): 401 {error, error_description} + WWW-Authenticate,
 *    403/422 {message}, 404 {status, error};
 *  - Punch's own endpoints: {error: {code, message}}.
 * Anything unexpected is logged with the request id and answered 500 without details.
 */
type Api = 'harvest' | 'punch';

const INVALID_TOKEN_DESCRIPTION =
  'The access token provided is expired, revoked, malformed or invalid for other reasons.';

interface Problem {
  status: number;
  code: string;
  message: string;
  details: readonly string[];
}

function apiOf(request: FastifyRequest): Api {
  return isHarvestPath(request.url) ? 'harvest' : 'punch';
}

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 422,
  conflict: 422,
  rate_limited: 429,
};

function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof DomainError) {
    return {
      status: STATUS_OF_KIND[error.kind],
      code: error.code,
      message: error.message,
      details: error.details,
    };
  }
  const fastifyError = error as Partial<FastifyError> & { validation?: SchemaIssue[] };
  // A malformed id in the path names no resource: that is a 404, not a validation error.
  if (Array.isArray(fastifyError.validation) && fastifyError.validationContext === 'params') {
    return { status: 404, code: 'not_found', message: 'Not Found', details: [] };
  }
  if (Array.isArray(fastifyError.validation)) {
    const details = schemaIssueMessages(fastifyError.validation);
    return { status: 422, code: 'validation_failed', message: details.join(', '), details };
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
  if (error instanceof AuthenticationError) {
    request.log.info({ reason: error.reason }, 'authentication refused');
  }
  if (apiOf(request) === 'harvest') return sendHarvest(problem, reply);
  return reply.code(problem.status).send({
    error: {
      code: problem.code,
      message: problem.message,
      ...(problem.details.length > 1 ? { details: problem.details } : {}),
    },
  });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  if (apiOf(request) === 'harvest')
    return sendHarvest(
      { status: 404, code: 'not_found', message: 'Not Found', details: [] },
      reply,
    );
  return reply.code(404).send({
    error: { code: 'route_not_found', message: `No route for ${request.method} ${request.url}` },
  });
}
