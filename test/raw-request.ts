import { request } from 'node:http';

/**
 * A request over a real socket with exactly the given headers, in the given letter case.
 * app.inject() cannot test header handling: it adds a User-Agent and lower-cases names itself.
 * `base` is what `app.listen()` returned.
 */
export function rawRequest(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
