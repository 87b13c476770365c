import { createRequire } from 'node:module';

export const cliVersion = (
  createRequire(import.meta.url)('../../../package.json') as { version: string }
).version;

/** What the server answered when it refused: its message, as the native API words it. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The native API as the CLI calls it: the person's token, and a User-Agent that names the CLI
 * (the audit log shows its changes as made through the CLI).
 */
export function nativeClient(server: string, token: string) {
  const base = `${server.replace(/\/+$/, '')}/punch/v1`;
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': `punch-cli/${cliVersion}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Error(`cannot reach ${server}: ${(error as Error).message}`);
    }
    const text = await response.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiRefusal(
        response.status,
        error?.code ?? 'http_error',
        response.status === 401
          ? 'the saved token was refused: run punch login again'
          : (error?.message ?? `${response.status} ${response.statusText}`),
      );
    }
    return parsed as T;
  };
}

export type NativeCall = ReturnType<typeof nativeClient>;
