import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  json: { id: number | null; type: string; data: Record<string, unknown> } & Record<
    string,
    unknown
  >;
}

/**
 * A local receiver whose behaviour a test sets: answer with a status, answer late, or never
 * answer. Every request is kept.
 */
export async function webhookReceiver() {
  const received: Received[] = [];
  let behave: (res: ServerResponse) => void = (res) => res.writeHead(200).end('thanks');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, json: JSON.parse(body) as Received['json'] });
      behave(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer(f: (res: ServerResponse) => void) {
      behave = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
