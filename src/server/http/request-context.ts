import type { FastifyRequest } from 'fastify';
import type { Actor } from '../modules/auth/auth.rules.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook of the API the route belongs to. */
    actor: Actor | null;
  }
}

/** The caller of an authenticated route; a missing actor is a wiring bug, not a client error. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('route reached without authentication');
  return request.actor;
}
