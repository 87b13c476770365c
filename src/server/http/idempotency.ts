import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdempotencyService } from '../modules/idempotency/idempotency.service.ts';
import { actorOf } from './request-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency record this request claimed, to store its response in. */
    idempotencyId: number | null;
  }
}

/**
 * `Idempotency-Key` on POST: the first request with a key is handled and its response kept;
 * a retry with the same key and body gets that response again (marked `Idempotent-Replayed`)
 * instead of creating a second record. Server errors are not kept, so they can be retried.
 */
export function idempotencyHooks(service: IdempotencyService) {
  return {
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const key = request.headers['idempotency-key'];
      if (request.method !== 'POST' || typeof key !== 'string' || key.trim() === '') return;
      const actor = actorOf(request);
      // Keys belong to a personal access token (the Harvest API takes no other credential).
      if (actor.credential.kind !== 'token') return;
      const outcome = await service.begin(actor.credential.tokenId, actor.accountId, key.trim(), {
        method: request.method,
        url: request.url,
        body: request.body,
      });
      if (outcome.kind === 'new') {
        request.idempotencyId = outcome.id;
        return;
      }
      if (outcome.location) reply.header('location', outcome.location);
      return reply
        .code(outcome.statusCode)
        .header('idempotent-replayed', 'true')
        .type('application/json; charset=utf-8')
        .send(outcome.body);
    },
    onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const id = request.idempotencyId;
      if (id === null) return payload;
      request.idempotencyId = null;
      if (reply.statusCode >= 500) {
        await service.release(id);
      } else {
        const location = reply.getHeader('location');
        await service.finish(
          id,
          reply.statusCode,
          String(payload),
          typeof location === 'string' ? location : null,
        );
      }
      return payload;
    },
  };
}
