import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, invalid } from '../../shared/domain-error.ts';
import { IDEMPOTENCY_ERRORS } from './idempotency.errors.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
  type IdempotencyRow,
} from './idempotency.repository.ts';

/** A key remembers its response for a day, long enough for any client's retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
export const MAX_KEY_LENGTH = 255;
/** A claim still unanswered after this long belongs to a request that died: retries may take over. */
export const PENDING_TTL_MS = 60 * 1000;

export type IdempotencyOutcome =
  | { kind: 'new'; id: number }
  | { kind: 'replay'; statusCode: number; body: string; location: string | null };

export interface IdempotencyService {
  begin(
    tokenId: number,
    accountId: number,
    key: string,
    request: { method: string; url: string; body: unknown },
  ): Promise<IdempotencyOutcome>;
  finish(id: number, statusCode: number, body: string, location: string | null): Promise<void>;
  release(id: number): Promise<void>;
}

/** What makes two requests "the same": method, path and query, and body. */
export function requestFingerprint(request: {
  method: string;
  url: string;
  body: unknown;
}): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

export function createIdempotencyService(deps: {
  db: Kysely<Database>;
  clock: Clock;
}): IdempotencyService {
  const { db, clock } = deps;

  function outcomeOf(row: IdempotencyRow, hash: string): IdempotencyOutcome {
    if (row.request_hash !== hash) {
      throw invalid(IDEMPOTENCY_ERRORS.keyReused);
    }
    if (row.status_code === null || row.response_body === null) {
      throw new DomainError(
        'conflict',
        'idempotency_in_progress',
        'A request with this Idempotency-Key is still being handled; retry shortly',
      );
    }
    return {
      kind: 'replay',
      statusCode: row.status_code,
      body: row.response_body,
      location: row.location,
    };
  }

  return {
    async begin(tokenId, accountId, clientKey, request) {
      if (clientKey.length > MAX_KEY_LENGTH) {
        throw invalid(IDEMPOTENCY_ERRORS.keyTooLong, { max: MAX_KEY_LENGTH });
      }
      // One token may reach several accounts: a key belongs to the account it was used in.
      const key = `${accountId}:${clientKey}`;
      const hash = requestFingerprint(request);
      const now = clock.now().getTime();
      const existing = await findIdempotencyKey(db, tokenId, key);
      const ttl = existing?.status_code === null ? PENDING_TTL_MS : IDEMPOTENCY_TTL_MS;
      if (existing && now - existing.created_at < ttl) return outcomeOf(existing, hash);
      if (existing) await releaseIdempotencyKey(db, existing.id);
      try {
        const row = await claimIdempotencyKey(db, {
          token_id: tokenId,
          key,
          request_hash: hash,
          created_at: now,
        });
        return { kind: 'new', id: row.id };
      } catch (error) {
        // A twin request claimed the key a moment ago.
        if (!isUniqueViolation(error)) throw error;
        const twin = await findIdempotencyKey(db, tokenId, key);
        if (!twin) throw error;
        return outcomeOf(twin, hash);
      }
    },

    finish: (id, statusCode, body, location) =>
      completeIdempotencyKey(db, id, { status_code: statusCode, response_body: body, location }),
    release: (id) => releaseIdempotencyKey(db, id),
  };
}
