// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupI18n } from '../i18n.ts';
import { TimerBar } from './TimerBar.tsx';

const running = {
  id: 7,
  userId: 1,
  spentDate: '2026-03-04',
  seconds: 65,
  roundedSeconds: 65,
  isRunning: true,
  timerStartedAt: '2026-03-04T09:00:00Z',
  startedTime: null,
  endedTime: null,
  notes: 'Home page',
  billable: true,
  isLocked: false,
  lockedReason: null,
  client: { id: 1, name: 'Acme' },
  project: { id: 2, name: 'Website', code: null },
  task: { id: 3, name: 'Design' },
};

let timer: unknown = null;
const calls: { method: string; url: string; body?: unknown }[] = [];

function respond(url: string, init?: RequestInit): Response {
  const method = init?.method ?? 'GET';
  calls.push({
    method,
    url,
    body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
  });
  const json = (data: unknown) =>
    new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
  if (url === '/punch/v1/timer' && method === 'GET') return json({ timeEntry: timer });
  if (url === '/punch/v1/timer' && method === 'POST') {
    timer = { ...running, seconds: 0 };
    return json(timer);
  }
  if (url === '/punch/v1/timer/stop') {
    const stopped = { ...running, isRunning: false };
    timer = null;
    return json(stopped);
  }
  if (url.startsWith('/punch/v1/tracking-options')) {
    return json({
      projects: [
        {
          id: 2,
          name: 'Website',
          code: null,
          client: { id: 1, name: 'Acme' },
          tasks: [{ id: 3, name: 'Design', billable: true }],
        },
      ],
    });
  }
  if (url.startsWith('/punch/v1/time-entries')) return json({ data: [], nextCursor: null });
  return new Response('{}', { status: 404 });
}

function renderBar() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // The signed-in person, as the shell would have loaded them.
  client.setQueryData(['session'], {
    person: { id: 1, firstName: 'Olena', lastName: 'Koval', locale: null },
    account: { id: 1, name: 'Acme', timeFormat: 'hours_minutes' },
    accounts: [],
  });
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <TimerBar />
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
  timer = null;
  calls.length = 0;
  localStorage.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => Promise.resolve(respond(url, init))),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('TimerBar', () => {
  it('keeps starred pairs first in the picker, in this browser', async () => {
    const user = userEvent.setup();
    renderBar();
    const picker = await screen.findByRole('textbox', { name: 'Project and task' });
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Website — Design' }));
    const star = screen.getByRole('button', { name: 'Favourite: first in every picker' });
    expect(star.getAttribute('aria-pressed')).toBe('false');
    await user.click(star);
    expect(star.getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse(localStorage.getItem('punch.favourites.1') ?? '[]')).toEqual(['2:3']);
  });

  it('shows a running timer ticking, in the bar and the tab title', async () => {
    timer = running;
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderBar();
    const elapsed = await screen.findByTestId('timer-elapsed');
    expect(elapsed.textContent).toBe('0:01:05');
    expect(document.title).toBe('▶ 0:01:05 · Website — Punch');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(elapsed.textContent).toMatch(/^0:01:0[67]$/);
    expect(screen.getByText('Website — Design')).toBeTruthy();
  });

  it('starts what was picked with S and stops it with S, never while typing', async () => {
    const user = userEvent.setup();
    renderBar();
    const picker = await screen.findByRole('textbox', { name: 'Project and task' });
    await waitFor(() =>
      expect(calls.some((c) => c.url.startsWith('/punch/v1/tracking'))).toBe(true),
    );
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Website — Design' }));
    await user.type(screen.getByRole('textbox', { name: 'Notes' }), 'Spec s');
    // Typing an "s" in the notes did not start anything.
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('s');
    await screen.findByTestId('timer-elapsed');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      projectId: 2,
      taskId: 3,
      notes: 'Spec s',
    });
    await user.keyboard('s');
    await screen.findByRole('button', { name: 'Start' });
    expect(calls.some((c) => c.url === '/punch/v1/timer/stop')).toBe(true);
  });
});
