import { pino, type DestinationStream, type Logger } from 'pino';

const SECRET_PARAMS = /([?&](?:access_token|token|password)=)[^&#]*/gi;

/** Query-string credentials (`?access_token=`) must never reach a log file. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * The server's logger: JSON lines (pino). Requests are logged by method, redacted URL and
 * remote address only; headers (Authorization) are never logged.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
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
