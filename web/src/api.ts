/**
 * The web app's one way to the server: Punch's native API, with the session cookie and the
 * session's CSRF token on every unsafe request. Errors arrive as `{error: {code, message,
 * details}}` and become an ApiError a screen can branch on by code.
 */
/** A field a request got wrong, as the API gives it on validation_failed (to be worded here). */
export interface FieldProblem {
  field: string;
  rule: string;
  limit?: number | string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly string[];
  readonly fields: readonly FieldProblem[];

  constructor(
    status: number,
    code: string,
    message: string,
    details: readonly string[] = [],
    fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.fields = fields;
  }
}

type ErrorBody = {
  error?: { code?: string; message?: string; details?: string[]; fields?: FieldProblem[] };
} | null;

const BASE = '/punch/v1';
let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is over (expired, revoked, signed out elsewhere). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: { keepalive?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      // Sent even as the page goes away (a reload, a closed tab): typed time is not lost.
      keepalive: options.keepalive,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = (parsed as ErrorBody)?.error;
    const failure = new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
      error?.details ?? [],
      error?.fields ?? [],
    );
    if (response.status === 401 && path !== '/sessions') onSignedOut();
    throw failure;
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);

/** A query string from defined values only. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Sends a request whose answer is a file, and saves it under the name the server gives. */
export async function download(path: string, body: unknown): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(BASE + path, {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const parsed = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(
      response.status,
      parsed?.error?.code ?? 'http_error',
      parsed?.error?.message ?? response.statusText,
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const full = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = full
    ? decodeURIComponent(full)
    : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? 'report');
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Uploads a file as multipart/form-data (field `file`, after any text `fields`) and reads the
 * JSON answer.
 */
export async function upload<T>(
  path: string,
  file: File,
  fields: Record<string, string> = {},
): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached.');
  }
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (parsed as ErrorBody)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
      error?.details ?? [],
      error?.fields ?? [],
    );
  }
  return parsed as T;
}
