import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readLogin } from '../settings.ts';
import { cliVersion } from './client.ts';

/**
 * Files in and out over the native API: an import uploaded as multipart/form-data and an
 * export downloaded, both streamed (a file of any size is never held whole) and counted for a
 * progress bar.
 */

export interface Progress {
  start(total: number, unit: string): void;
  update(done: number): void;
  stop(): void;
}

function counter(progress: Progress) {
  let done = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, next) {
      done += chunk.length;
      progress.update(done);
      next(null, chunk);
    },
  });
}

async function refusal(response: Response): Promise<Error> {
  const text = await response.text();
  let message = `${response.status} ${response.statusText}`;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    message = parsed.error?.message ?? message;
  } catch {
    // not JSON: the status says enough
  }
  if (response.status === 401) message = 'the saved token was refused: run punch login again';
  return new Error(message);
}

export interface ImportOptions {
  dryRun: boolean;
  format?: string;
}

export async function importFile(file: string, options: ImportOptions, progress: Progress) {
  const login = await readLogin();
  const size = (await stat(file)).size;
  const boundary = `punch-${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(file).replace(/"/g, '')}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  progress.start(size, 'bytes');
  const body = Readable.from(
    (async function* () {
      yield head;
      yield* createReadStream(file).pipe(counter(progress));
      yield tail;
    })(),
  );
  const query = new URLSearchParams({
    ...(options.dryRun ? { dryRun: 'true' } : {}),
    ...(options.format ? { format: options.format } : {}),
  }).toString();
  let response: Response;
  try {
    response = await fetch(`${login.server}/punch/v1/imports${query ? `?${query}` : ''}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${login.token}`,
        'user-agent': `punch-cli/${cliVersion}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
      },
      body: Readable.toWeb(body) as ReadableStream,
      duplex: 'half',
    });
  } finally {
    progress.stop();
  }
  if (!response.ok) throw await refusal(response);
  const report = (await response.json()) as {
    format: string;
    dryRun: boolean;
    rows: number;
    alreadyImported: number;
    created: {
      clients: string[];
      projects: string[];
      tasks: string[];
      entries: number;
      seconds: number;
    };
    refused: { line: number; reason: string }[];
  };
  const verb = report.dryRun ? 'Would import' : 'Imported';
  const lines = [
    `${verb} ${report.created.entries} of ${report.rows} rows of a ${report.format} export (${(report.created.seconds / 3600).toFixed(2)} hours); ${report.alreadyImported} were imported before.`,
    ...(report.created.clients.length ? [`Clients: ${report.created.clients.join(', ')}`] : []),
    ...(report.created.projects.length ? [`Projects: ${report.created.projects.join(', ')}`] : []),
    ...(report.created.tasks.length ? [`Tasks: ${report.created.tasks.join(', ')}`] : []),
    ...report.refused.map((r) => `Line ${r.line} refused: ${r.reason}`),
  ];
  return { json: report, human: lines.join('\n') };
}

export interface ExportOptions {
  from: string;
  to: string;
  format: 'csv' | 'xlsx' | 'pdf';
  content: 'entries' | 'totals';
}

export async function exportFile(out: string, options: ExportOptions, progress: Progress) {
  const login = await readLogin();
  const response = await fetch(`${login.server}/punch/v1/reports/export`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${login.token}`,
      'user-agent': `punch-cli/${cliVersion}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      definition: { period: 'custom', from: options.from, to: options.to, groupBy: ['project'] },
      format: options.format,
      content: options.content,
    }),
  });
  if (!response.ok || !response.body) throw await refusal(response);
  // The length is not known before the last row: the bar counts what has arrived.
  progress.start(0, 'bytes');
  try {
    await pipeline(Readable.fromWeb(response.body), counter(progress), createWriteStream(out));
  } finally {
    progress.stop();
  }
  const { size } = await stat(out);
  return {
    json: { file: out, bytes: size },
    human: `Exported ${options.content} ${options.from} – ${options.to} to ${out} (${size} bytes).`,
  };
}
