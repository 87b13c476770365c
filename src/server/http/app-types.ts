import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';

/** The Fastify instance every route module receives: TypeBox schemas type the handlers. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route with a rate-limit budget of its own (reports): its window, for the 429 message. */
    rateLimitWindowSeconds?: number;
    /**
     * A native route that takes a file as multipart/form-data (imports). Still safe from
     * cross-site forms: a cookie request must carry the session's CSRF token in a header.
     */
    nativeUpload?: boolean;
  }
}
