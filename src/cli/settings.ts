import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cliEnvironment } from '../server/config.ts';

/**
 * Where the people's commands keep their login: the user's config directory (XDG on Linux,
 * the same layout elsewhere), readable by its owner only.
 */
export interface Login {
  server: string;
  token: string;
  accountId: number;
  name: string;
}

export function loginPath(): string {
  return cliEnvironment().loginPath;
}

/** Whether `punch open` should print the address instead of starting a browser. */
export function noBrowser(): boolean {
  return cliEnvironment().noBrowser;
}

export async function readLogin(path = loginPath()): Promise<Login> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new Error('not logged in: run punch login first');
  }
  const value = JSON.parse(text) as Partial<Login>;
  if (typeof value.server !== 'string' || typeof value.token !== 'string')
    throw new Error(`${path} is not a punch login: run punch login again`);
  return value as Login;
}

export async function writeLogin(login: Login, path = loginPath()): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  // An existing file keeps its old mode on write: set it, whatever it was.
  await chmod(path, 0o600);
}
