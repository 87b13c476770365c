import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from './config.ts';

// Matched on the decoded name, so `access%5Ftoken` and `access_token[]` are caught too.
const SECRET_NAME = /^(?:access_token|token|password)(?:\[.*\])?$/i;

/** Query-string credentials (`?access_token=`) must never reach a log file. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  const hashAt = url.indexOf('#', queryAt);
  const query = url.slice(queryAt + 1, hashAt === -1 ? undefined : hashAt);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      return SECRET_NAME.test(decodeName(rawName)) ? `${rawName}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, queryAt)}?${redacted}${hashAt === -1 ? '' : url.slice(hashAt)}`;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

interface LoggedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * The server's logger (pino). Requests are logged by method, redacted URL and remote address
 * only; headers (Authorization) are never logged. `output` is a stream to write JSON lines to,
 * or a format for stdout: `json` (one object a line, for log collectors) or `pretty` (one
 * readable line an event, for a person at a terminal). Redaction happens before either.
 */
export function createLogger(
  level: string,
  output: DestinationStream | LogFormat = 'json',
): Logger {
  const destination =
    output === 'json'
      ? undefined
      : output === 'pretty'
        ? // In process, not a worker transport: only a terminal gets it, and `sync` keeps its
          // lines in order with the banner that the server writes to stdout directly.
          pretty({
            sync: true,
            singleLine: true,
            translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
            ignore: 'pid,hostname',
          })
        : output;
  return pino(
    {
      level,
      serializers: {
        req: (req: LoggedRequest) => ({
          method: req.method,
          url: redactUrl(req.url ?? ''),
          remoteAddress: req.ip ?? req.socket?.remoteAddress,
        }),
      },
    },
    destination,
  );
}
