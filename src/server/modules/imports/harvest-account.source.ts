import http from 'node:http';
import https from 'node:https';
import {
  guardedLookup,
  literalTargetAllowed,
  TargetNotAllowed,
} from '../webhooks/webhooks.delivery.ts';
import { addressAllowed, addressLiteral, isLocalName } from '../webhooks/webhooks.rules.ts';

/** Where a Harvest-compatible account is read from: Harvest itself, or another Punch. */
export interface HarvestAccountRef {
  /** `https://api.harvestapp.com`, or another server's address (a trailing `/v2` is fine). */
  baseUrl: string;
  token: string;
  accountId: string;
}

export interface SourceOptions {
  timeoutMs: number;
  /** Addresses and ranges that may be reached although they are not public (as for webhooks). */
  allowedTargets: readonly string[];
  /** Sent as the User-Agent, which Harvest requires to name the application and a contact. */
  userAgent: string;
  /** Records a page (Harvest's most, 2,000, unless a test asks for smaller pages). */
  pageSize?: number;
}

/** Why a source could not be read: said to the person who asked, never a 500. */
export class SourceProblem extends Error {
  override name = 'SourceProblem';
  constructor(
    readonly kind: 'unreachable' | 'refused' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/** The largest page accepted: Harvest's 2,000 entries are some 3 MB. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Pages of one list read at most: 200 million records, past any real account. */
const MAX_PAGES = 100_000;

/**
 * Plain http only to an address the server was told to allow (a Punch beside it): anywhere
 * else the token would cross the network readable.
 */
function plainHttpAllowed(url: URL, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return false;
  if (isLocalName(url.hostname)) return addressAllowed('127.0.0.1', allowed);
  const literal = addressLiteral(url.hostname);
  return literal !== null && addressAllowed(literal, allowed);
}

/** The source's base, normalised: no trailing slash, no `/v2`. */
export function sourceBase(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new SourceProblem('unreachable', 'baseUrl: not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SourceProblem('unreachable', 'baseUrl: must be http or https');
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/v2$/, '');
  url.search = '';
  url.hash = '';
  return url;
}

/** One of the source's API paths (`company`, `time_entries`) under its base. */
function apiUrl(base: URL, path: string): URL {
  return new URL(`${base.pathname.replace(/\/+$/, '')}/v2/${path}`, base);
}

function getJson(url: URL, ref: HarvestAccountRef, options: SourceOptions): Promise<unknown> {
  if (!literalTargetAllowed(url, options.allowedTargets))
    return Promise.reject(
      new SourceProblem('unreachable', `${url.hostname} is not a public address`),
    );
  if (url.protocol === 'http:' && !plainHttpAllowed(url, options.allowedTargets))
    return Promise.reject(
      new SourceProblem('unreachable', 'baseUrl: use https, the token would travel readable'),
    );
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'GET',
      headers: {
        authorization: `Bearer ${ref.token}`,
        'harvest-account-id': ref.accountId,
        'user-agent': options.userAgent,
        accept: 'application/json',
      },
      lookup: guardedLookup(options.allowedTargets),
    });
    // The whole page within the time, however slowly the source trickles it.
    const deadline = setTimeout(() => {
      request.destroy(
        new SourceProblem(
          'unreachable',
          `no answer within ${options.timeoutMs} ms from ${url.host}`,
        ),
      );
    }, options.timeoutMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('error', (error) =>
      reject(
        error instanceof SourceProblem
          ? error
          : error instanceof TargetNotAllowed
            ? // Which private address a name resolves to is not the caller's business.
              new SourceProblem('unreachable', `${url.hostname} is not a public address`)
            : new SourceProblem('unreachable', `${url.host}: ${error.message}`),
      ),
    );
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) {
          response.destroy();
          reject(new SourceProblem('unreadable', `${url.pathname}: answer larger than 64 MB`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) =>
        reject(new SourceProblem('unreachable', `${url.host}: ${error.message}`)),
      );
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        if (status === 401 || status === 403) {
          reject(
            new SourceProblem(
              'refused',
              `the source answered ${status} to ${url.pathname}: check the token and account id`,
            ),
          );
          return;
        }
        if (status < 200 || status >= 300) {
          reject(
            new SourceProblem('unreadable', `the source answered ${status} to ${url.pathname}`),
          );
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new SourceProblem('unreadable', `${url.pathname}: the answer is not JSON`));
        }
      });
    });
    request.end();
  });
}

/**
 * Every record of one Harvest v2 list, a page at a time (2,000 a page, Harvest's most),
 * following `next_page` as Harvest's documentation has clients do.
 */
// T is the caller's reading of the source's records: nothing here checks it.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export async function* harvestList<T>(
  ref: HarvestAccountRef,
  path: string,
  key: string,
  options: SourceOptions,
  query: Record<string, string> = {},
): AsyncGenerator<{ records: T[]; total: number | null }> {
  const base = sourceBase(ref.baseUrl);
  for (let page: number | null = 1; page !== null;) {
    const url = apiUrl(base, path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    url.searchParams.set('per_page', String(options.pageSize ?? 2000));
    url.searchParams.set('page', String(page));
    const body = (await getJson(url, ref, options)) as Record<string, unknown> | null;
    const records = body?.[key];
    if (!Array.isArray(records))
      throw new SourceProblem('unreadable', `${url.pathname}: no "${key}" list in the answer`);
    const perPage = options.pageSize ?? 2000;
    if (records.length > perPage)
      throw new SourceProblem(
        'unreadable',
        `${url.pathname}: ${records.length} records on a page of ${perPage}`,
      );
    const total = typeof body?.total_entries === 'number' ? body.total_entries : null;
    yield { records: records as T[], total };
    const next = body?.next_page;
    // An empty page ends the list, whatever it says comes next.
    page = records.length > 0 && typeof next === 'number' && next > page ? next : null;
    if (page !== null && page > MAX_PAGES)
      throw new SourceProblem('unreadable', `${url.pathname}: more than ${MAX_PAGES} pages`);
  }
}

/** The account's own record (its name, week start, currency), which also proves the token. */
export async function harvestCompany(
  ref: HarvestAccountRef,
  options: SourceOptions,
): Promise<Record<string, unknown>> {
  const base = sourceBase(ref.baseUrl);
  const body = await getJson(apiUrl(base, 'company'), ref, options);
  if (body === null || typeof body !== 'object')
    throw new SourceProblem('unreadable', '/v2/company: not an object');
  return body as Record<string, unknown>;
}
