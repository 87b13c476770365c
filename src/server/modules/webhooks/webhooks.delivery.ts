import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressAllowed, addressLiteral, excerpt, isLocalName } from './webhooks.rules.ts';

/** How one attempt went: a status code when the receiver answered, an error when it did not. */
export interface AttemptResult {
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export interface SendOptions {
  timeoutMs: number;
  /** Addresses and CIDR ranges that may be reached although they are not public. */
  allowedTargets: readonly string[];
  /** Milliseconds since an arbitrary origin, for durations (the clock is for instants). */
  elapsed: () => number;
}

/** Bytes of a response read for the log; the rest is not waited for. */
const RESPONSE_BYTES = 4096;

export class TargetNotAllowed extends Error {
  override name = 'TargetNotAllowed';
}

/**
 * Resolves as the system does, then refuses an address the server may not reach. The address
 * checked is the one connected to, so a name that resolves to a public address at creation and
 * a private one later (DNS rebinding) is still refused.
 */
export function guardedLookup(allowed: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const list = addresses;
      const refused = list.find((a) => !addressAllowed(a.address, allowed));
      if (refused || list.length === 0) {
        callback(
          new TargetNotAllowed(`${hostname} resolves to ${refused?.address ?? 'nothing'}`),
          '',
          0,
        );
        return;
      }
      if (options.all) {
        callback(null, list);
        return;
      }
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/** Whether a URL's host may be reached, as far as can be told without resolving it. */
export function literalTargetAllowed(url: URL, allowed: readonly string[]): boolean {
  if (isLocalName(url.hostname)) return addressAllowed('127.0.0.1', allowed);
  const literal = addressLiteral(url.hostname);
  return literal === null || addressAllowed(literal, allowed);
}

/**
 * POSTs a body and reports what happened. Never throws: every failure (refused target, DNS,
 * connection, timeout) is an attempt result to log and retry.
 */
export function send(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<AttemptResult> {
  const started = options.elapsed();
  const done = (result: Omit<AttemptResult, 'durationMs'>): AttemptResult => ({
    ...result,
    durationMs: Math.max(0, Math.round(options.elapsed() - started)),
  });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      resolve(done({ statusCode: null, responseExcerpt: null, error: 'invalid URL' }));
      return;
    }
    if (!literalTargetAllowed(url, options.allowedTargets)) {
      resolve(
        done({
          statusCode: null,
          responseExcerpt: null,
          error: `target not allowed: ${url.hostname} is not a public address`,
        }),
      );
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(result));
    };
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allowedTargets),
      // One connection per delivery: no pooled socket outlives a refused or slow receiver.
      agent: false,
    });
    const timer = setTimeout(() => {
      finish({
        statusCode: null,
        responseExcerpt: null,
        error: `timed out after ${options.timeoutMs} ms`,
      });
      request.destroy();
    }, options.timeoutMs);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const complete = () =>
        finish({
          statusCode: response.statusCode ?? null,
          responseExcerpt: excerpt(Buffer.concat(chunks).toString('utf8')),
          error: null,
        });
      response.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_BYTES) chunks.push(chunk.subarray(0, RESPONSE_BYTES - size));
        size += chunk.length;
        if (size >= RESPONSE_BYTES) {
          complete();
          response.destroy();
        }
      });
      response.on('end', complete);
      response.on('error', complete);
    });
    request.on('error', (error) => {
      const message =
        error instanceof TargetNotAllowed
          ? `target not allowed: ${error.message}`
          : `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}`;
      finish({ statusCode: null, responseExcerpt: null, error: message });
    });
    request.end(body);
  });
}
