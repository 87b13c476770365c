import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { HarvestImportReport } from '../../server/modules/imports/harvest-imports.service.ts';
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
  /** A column mapping (JSON text): the file is read through it, as format custom. */
  columns?: string;
}

export async function importFile(file: string, options: ImportOptions, progress: Progress) {
  const login = await readLogin();
  const size = (await stat(file)).size;
  const boundary = `punch-${Math.random().toString(16).slice(2)}`;
  const columns =
    options.columns === undefined
      ? ''
      : `--${boundary}\r\nContent-Disposition: form-data; name="columns"\r\n\r\n${options.columns}\r\n`;
  const head = Buffer.from(
    `${columns}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(file).replace(/"/g, '')}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
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
    ...(options.columns !== undefined ? { format: 'custom' } : {}),
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

export interface AccountImportOptions {
  url: string;
  accountId: string;
  token: string;
  dryRun: boolean;
}

// The server's own report type, as the native API presents it (each reason worded).
type AccountReport = Omit<HarvestImportReport, 'refused'> & {
  refused: { kind: string; sourceId: number; reason: string }[];
};

/**
 * A whole Harvest-compatible account read by the server through its API (administrators). The
 * answer streams as JSON lines, so the entries read so far drive the progress bar.
 */
export async function importAccount(options: AccountImportOptions, progress: Progress) {
  const login = await readLogin();
  const response = await fetch(`${login.server}/punch/v1/imports/harvest`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${login.token}`,
      'user-agent': `punch-cli/${cliVersion}`,
      'content-type': 'application/json',
      accept: 'application/x-ndjson',
    },
    body: JSON.stringify({
      baseUrl: options.url,
      token: options.token,
      accountId: options.accountId,
      dryRun: options.dryRun,
    }),
  });
  if (!response.ok || !response.body) throw await refusal(response);
  let report: AccountReport | null = null;
  if (!(response.headers.get('content-type') ?? '').includes('ndjson'))
    report = (await response.json()) as AccountReport;
  else {
    let shown = false;
    let rest = '';
    try {
      for await (const chunk of Readable.fromWeb(response.body) as AsyncIterable<Buffer>) {
        rest += chunk.toString('utf8');
        const lines = rest.split('\n');
        rest = lines.pop() ?? '';
        for (const text of lines.filter(Boolean)) {
          const line = JSON.parse(text) as {
            progress?: { stage: string; done: number; total: number | null };
            report?: AccountReport;
            error?: { message: string };
          };
          if (line.error) throw new Error(line.error.message);
          if (line.report) report = line.report;
          if (line.progress?.stage === 'entries' && line.progress.total !== null) {
            if (!shown) progress.start(line.progress.total, 'entries');
            shown = true;
            progress.update(line.progress.done);
          }
        }
      }
    } finally {
      progress.stop();
    }
  }
  if (!report) throw new Error('the server ended the import without a report');
  const verb = report.dryRun ? 'Would import' : 'Imported';
  const { created, matched } = report;
  const lines = [
    `${verb} from ${report.source.name ?? report.source.baseUrl}: ${created.entries} entries (${(created.seconds / 3600).toFixed(2)} hours), ${created.people.length} people, ${created.clients.length} clients, ${created.projects.length} projects, ${created.tasks.length} tasks, ${created.assignments} assignments; ${report.alreadyImported} entries were imported before.`,
    `Found here already: ${matched.people} people, ${matched.clients} clients, ${matched.projects} projects, ${matched.tasks} tasks.`,
    ...report.refused.map((r) => `${r.kind} ${r.sourceId} refused: ${r.reason}`),
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
