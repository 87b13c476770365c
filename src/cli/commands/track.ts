import Table from 'cli-table3';
import open from 'open';
import { localDate } from '../../shared/dates.ts';
import { formatDuration, parseDuration } from '../../shared/duration.ts';
import { loginPath, noBrowser, readLogin, writeLogin } from '../settings.ts';
import { nativeClient, type NativeCall } from './client.ts';
import { chooseProject, chooseTask, type TrackingProject } from './fuzzy.ts';

/** The people's commands: log in once, then track from the terminal over the native API. */

interface Entry {
  id: number;
  spentDate: string;
  seconds: number;
  isRunning: boolean;
  notes: string | null;
  project: { id: number; name: string };
  client: { id: number; name: string };
  task: { id: number; name: string } | null;
}

interface Me {
  person: { id: number; firstName: string; lastName: string; timezone: string };
  account: { id: number; name: string; timezone: string };
}

interface Timesheet {
  days: string[];
  rows: {
    project: { name: string };
    client: { name: string };
    task: { name: string } | null;
    seconds: number;
    cells: { seconds: number }[];
  }[];
  dayTotals: number[];
  seconds: number;
}

const hm = (seconds: number) => formatDuration(seconds, 'clock');

async function session(): Promise<{ call: NativeCall; server: string }> {
  const login = await readLogin();
  return { call: nativeClient(login.server, login.token), server: login.server };
}

const describe = (e: Entry) =>
  `${e.project.name} · ${e.task?.name ?? '(no task)'}${e.notes ? ` — ${e.notes}` : ''}`;

/** `punch login`: checks the token against the server, then keeps both for the other commands. */
export async function login(server: string, token: string) {
  const url = new URL(server).toString().replace(/\/+$/, '');
  const me = await nativeClient(url, token)<Me>('GET', '/me');
  const name = `${me.person.firstName} ${me.person.lastName}`.trim();
  await writeLogin({ server: url, token, accountId: me.account.id, name });
  return {
    json: { server: url, accountId: me.account.id, account: me.account.name, person: name },
    human: `Logged in to ${url} as ${name} (${me.account.name}). Saved in ${loginPath()}.`,
  };
}

async function trackable(call: NativeCall, project: string, task: string | undefined) {
  const options = await call<{ projects: TrackingProject[] }>('GET', '/tracking-options');
  const chosen = chooseProject(options.projects, project);
  return { project: chosen, task: chooseTask(chosen, task) };
}

export async function start(project: string, task: string | undefined, notes: string[]) {
  const { call } = await session();
  const picked = await trackable(call, project, task);
  const entry = await call<Entry>('POST', '/timer', {
    projectId: picked.project.id,
    taskId: picked.task.id,
    ...(notes.length > 0 ? { notes: notes.join(' ') } : {}),
  });
  return { json: { timeEntry: entry }, human: `Started ${describe(entry)}.` };
}

export async function stop() {
  const { call } = await session();
  const entry = await call<Entry>('POST', '/timer/stop');
  return {
    json: { timeEntry: entry },
    human: `Stopped ${describe(entry)} at ${hm(entry.seconds)} (${entry.spentDate}).`,
  };
}

export async function status() {
  const { call } = await session();
  const { timeEntry } = await call<{ timeEntry: Entry | null }>('GET', '/timer');
  return {
    json: { timeEntry },
    human: timeEntry
      ? `Running: ${describe(timeEntry)}, ${hm(timeEntry.seconds)} so far.`
      : 'No timer is running.',
  };
}

/** `punch log 1:30 <project> <task> [notes] [--date]`: the duration grammar of the timesheet. */
export async function log(
  duration: string,
  project: string,
  task: string | undefined,
  notes: string[],
  date: string | undefined,
) {
  const seconds = parseDuration(duration);
  if (seconds === null || seconds <= 0)
    throw new Error(`"${duration}" is not a duration: try 1:30, 1.5, 90m or 1h30`);
  const { call } = await session();
  const picked = await trackable(call, project, task);
  const day = date ?? (await today(call));
  const entry = await call<Entry>('POST', '/time-entries', {
    projectId: picked.project.id,
    taskId: picked.task.id,
    spentDate: day,
    seconds,
    ...(notes.length > 0 ? { notes: notes.join(' ') } : {}),
  });
  return {
    json: { timeEntry: entry },
    human: `Logged ${hm(entry.seconds)} on ${describe(entry)} (${entry.spentDate}).`,
  };
}

/** Today in the person's time zone, as the web app's timesheet counts days. */
async function today(call: NativeCall): Promise<string> {
  const me = await call<Me>('GET', '/me');
  return localDate(new Date(), me.person.timezone || me.account.timezone);
}

export async function week(date: string | undefined) {
  const { call } = await session();
  const sheet = await call<Timesheet>(
    'GET',
    `/timesheet${date ? `?week=${encodeURIComponent(date)}` : ''}`,
  );
  const table = new Table({
    head: ['Project · task', ...sheet.days.map((d) => d.slice(5)), 'Total'],
    style: { head: [], border: [] },
  });
  for (const row of sheet.rows)
    table.push([
      `${row.project.name} · ${row.task?.name ?? '(no task)'}`,
      ...row.cells.map((c) => (c.seconds === 0 ? '' : hm(c.seconds))),
      hm(row.seconds),
    ]);
  table.push(['Total', ...sheet.dayTotals.map(hm), hm(sheet.seconds)]);
  return {
    json: sheet,
    human:
      sheet.rows.length === 0
        ? `Nothing tracked in the week of ${sheet.days[0] ?? ''}.`
        : table.toString(),
  };
}

export async function openApp() {
  const { server } = await session();
  const url = `${server}/timesheet`;
  if (!noBrowser()) await open(url);
  return { json: { url }, human: `Opening ${url}` };
}
