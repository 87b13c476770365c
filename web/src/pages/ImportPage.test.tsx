// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupI18n } from '../i18n.ts';
import { ImportPage, type Columns } from './ImportPage.tsx';

const HEADERS = ['Tag', 'Wer', 'Kunde', 'Auftrag', 'Dauer'];

const report = (over: Record<string, unknown>) => ({
  format: 'custom',
  dryRun: true,
  rows: 1,
  alreadyImported: 0,
  created: { clients: [], projects: [], tasks: [], assignments: 0, entries: 0, seconds: 0 },
  refused: [],
  preview: [],
  headers: HEADERS,
  columns: null,
  ...over,
});

const calls: { url: string; columns: Columns | null }[] = [];
/** What the server makes of the file read by its own columns: null when they are no tracker's. */
let detected: Record<string, unknown> | null = null;

function respond(url: string, init?: RequestInit): Response {
  const form = init?.body instanceof FormData ? init.body : null;
  const sent = form?.get('columns');
  const columns = typeof sent === 'string' ? (JSON.parse(sent) as Columns) : null;
  calls.push({ url, columns });
  const json = (data: unknown, status = 200) =>
    new Response(JSON.stringify(data), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  const query = new URL(url, 'http://punch.test').searchParams;
  // Columns no tracker writes: refused until the page reads them through a mapping.
  if (query.get('format') !== 'custom' && detected) return json(detected);
  if (query.get('format') !== 'custom')
    return json(
      { error: { code: 'invalid_import', message: 'file: not an export of Harvest…' } },
      422,
    );
  if (!columns) return json(report({ refused: [{ line: 1, reason: 'no columns chosen' }] }));
  const entry = {
    line: 2,
    externalId: 'custom:x:1',
    spentDate: '2026-11-04',
    person: { name: 'Olena Koval', email: null },
    client: 'Acme',
    project: 'Website',
    projectCode: null,
    task: null,
    notes: null,
    seconds: 5400,
    startedTime: null,
    endedTime: null,
    billable: null,
  };
  return json(
    report({
      dryRun: query.get('dryRun') === 'true',
      columns,
      created: {
        clients: [],
        projects: [],
        tasks: [],
        assignments: 0,
        entries: 1,
        seconds: 5400,
      },
      preview: [entry],
    }),
  );
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['session'], {
    person: { id: 1, firstName: 'Olena', lastName: 'Koval', locale: null },
    account: { id: 1, name: 'Acme', timeFormat: 'hours_minutes' },
    accounts: [],
  });
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <ImportPage />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

beforeAll(async () => {
  // What Mantine asks of a browser that jsdom lacks.
  Object.defineProperty(window, 'matchMedia', {
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  Element.prototype.scrollIntoView = () => undefined;
  await setupI18n();
});

beforeEach(() => {
  calls.length = 0;
  detected = null;
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => Promise.resolve(respond(url, init))),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ImportPage', () => {
  it("offers an unknown file's headers for each field, previews the mapping, and imports with it", async () => {
    const user = userEvent.setup();
    const { container } = renderPage();
    await user.upload(
      container.querySelector<HTMLInputElement>('input[type="file"]')!,
      new File(['Tag,Wer,Kunde,Auftrag,Dauer\n'], 'sheet.csv', { type: 'text/csv' }),
    );
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await screen.findByText('Columns Punch does not know');
    // The page asked for the headers once the columns were not recognised.
    expect(calls.map((c) => c.url)).toEqual([
      '/punch/v1/imports?dryRun=true',
      '/punch/v1/imports?dryRun=true&format=custom',
    ]);

    const pick = async (label: string, header: string) => {
      await user.click(screen.getByRole('textbox', { name: label }));
      await user.click(await screen.findByRole('option', { name: header }));
    };
    await pick('Date', 'Tag');
    await pick('Person (name or e-mail)', 'Wer');
    await pick('Client', 'Kunde');
    await pick('Project', 'Auftrag');
    await pick('Duration', 'Dauer');
    await user.click(screen.getByRole('textbox', { name: 'Dates such as 04/11/2026' }));
    await user.click(await screen.findByRole('option', { name: 'Month first: April 11' }));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    const mapping = {
      date: 'Tag',
      person: 'Wer',
      client: 'Kunde',
      project: 'Auftrag',
      duration: 'Dauer',
      dateOrder: 'mdy',
    };
    await screen.findByTestId('import-preview');
    expect(calls.at(-1)).toEqual({
      url: '/punch/v1/imports?dryRun=true&format=custom',
      columns: mapping,
    });

    await user.click(screen.getByRole('button', { name: 'Import 1 entry' }));
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({ url: '/punch/v1/imports?format=custom', columns: mapping }),
    );
    expect(await screen.findByText('Imported')).toBeTruthy();
  });

  it("pre-fills the columns from the tracker's format, and asks for a new preview once they change", async () => {
    detected = report({
      format: 'kimai',
      headers: ['Date', 'Duration', 'Name', 'Customer', 'Project', 'Activity'],
      columns: {
        date: 'Date',
        person: 'Name',
        client: 'Customer',
        project: 'Project',
        task: 'Activity',
        duration: 'Duration',
      },
      created: { clients: [], projects: [], tasks: [], assignments: 0, entries: 2, seconds: 7200 },
    });
    const user = userEvent.setup();
    const { container } = renderPage();
    await user.upload(
      container.querySelector<HTMLInputElement>('input[type="file"]')!,
      new File(['Date,Duration\n'], 'kimai.csv', { type: 'text/csv' }),
    );
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    const task = await screen.findByRole<HTMLInputElement>('textbox', { name: 'Task' });
    expect(task.value).toBe('Activity');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Date' }).value).toBe('Date');
    const run = screen.getByRole('button', { name: 'Import 2 entries' });
    expect(run.hasAttribute('disabled')).toBe(false);

    await user.click(task);
    await user.click(await screen.findByRole('option', { name: 'Project' }));
    expect(run.hasAttribute('disabled')).toBe(true);
    expect(
      screen.getByText('The columns have changed: check the file again before importing.'),
    ).toBeTruthy();
  });
});
