import {
  Alert,
  Badge,
  Button,
  Group,
  Select,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../errors.ts';
import { useSearchParams } from 'react-router';
import { formatDuration } from '../../../src/shared/duration.ts';
import { api, get } from '../api.ts';
import { addDays, dayRange, durationStyle, hours, today, weekdayShort } from '../format.ts';
import { useMe } from '../session.ts';
import { cellKey, gridRows, readCell } from '../timesheet-grid.ts';
import { useTrackingOptions } from '../tracking.ts';
import { WeekStatus } from '../components/WeekStatus.tsx';
import type { Timesheet } from '../types.ts';

interface AddedRow {
  projectId: number;
  taskId: number;
  project: string;
  task: string;
  client: string;
}

const SAVE_DELAY_MS = 600;

const without = (record: Record<string, string>, keys: string[]) =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

export function TimesheetPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const thisWeek = today(me.person.timezone);
  const week = params.get('week') ?? thisWeek;
  const sheet = useQuery({
    queryKey: ['timesheet', week],
    queryFn: () => get<Timesheet>(`/timesheet?week=${week}`),
  });
  const options = useTrackingOptions();
  const [added, setAdded] = useState<Record<string, AddedRow[]>>({});
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState<Record<string, boolean>>({});
  const pending = useRef(
    new Map<string, { projectId: number; taskId: number; date: string; seconds: number }>(),
  );
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const style = durationStyle(me.account);

  const save = useMutation({
    mutationFn: (cells: { projectId: number; taskId: number; date: string; seconds: number }[]) =>
      api<Timesheet>('PUT', '/timesheet', { cells }),
    onMutate: () => setSaveState('saving'),
    onSuccess: (saved, cells) => {
      client.setQueryData(['timesheet', week], saved);
      setDrafts((current) =>
        without(
          current,
          cells.map((cell) => cellKey(cell.projectId, cell.taskId, cell.date)),
        ),
      );
      setSaveState('saved');
      setError(null);
      void client.invalidateQueries({ queryKey: ['entries'] });
      void client.invalidateQueries({ queryKey: ['timer'] });
    },
    onError: (e, cells) => {
      setSaveState('error');
      setError(errorText(e));
      // The cells go back to what the server holds.
      setDrafts((current) =>
        without(
          current,
          cells.map((cell) => cellKey(cell.projectId, cell.taskId, cell.date)),
        ),
      );
    },
  });

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const cells = [...pending.current.values()];
    pending.current.clear();
    if (cells.length > 0) save.mutate(cells);
  };
  // Unsaved cells are sent when the week changes or the page is left.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- only the week's change matters
  useEffect(() => () => flush(), [week]);
  // A reload or a closed tab sends them too, on a request that outlives the page.
  useEffect(() => {
    const onHide = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const cells = [...pending.current.values()];
      pending.current.clear();
      if (cells.length > 0) void api('PUT', '/timesheet', { cells }, { keepalive: true });
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, []);

  const rows = useMemo(
    () => (sheet.data ? gridRows(sheet.data, added[week] ?? []) : []),
    [sheet.data, added, week],
  );

  // For bench/web.ts: when the week has been drawn after its request answered.
  useEffect(() => {
    if (sheet.data) performance.mark('punch:timesheet-rendered');
  }, [sheet.data]);

  if (sheet.isPending) return <Text>{t('common.loading')}</Text>;
  if (sheet.isError)
    return (
      <Alert variant="outline" color="red.9">
        {sheet.error.message}
      </Alert>
    );
  const data = sheet.data;
  const days = data.days;

  /** Queues a typed cell for saving; false when it is not a duration (it stays marked). */
  const commit = (
    projectId: number,
    taskId: number,
    date: string,
    serverSeconds: number,
  ): boolean => {
    const key = cellKey(projectId, taskId, date);
    const text = drafts[key];
    if (text === undefined) return true;
    const read = readCell(text);
    if (!read.ok) {
      setInvalid((v) => ({ ...v, [key]: true }));
      return false;
    }
    setInvalid((v) => ({ ...v, [key]: false }));
    if (read.seconds === serverSeconds) {
      setDrafts((d) => without(d, [key]));
      return true;
    }
    pending.current.set(key, { projectId, taskId, date, seconds: read.seconds });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_DELAY_MS);
    return true;
  };

  const revert = (key: string) => {
    pending.current.delete(key);
    setInvalid((v) => ({ ...v, [key]: false }));
    setDrafts((d) => without(d, [key]));
  };

  const move = (event: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    let target: [number, number] | null = null;
    if (event.key === 'ArrowUp') target = [row - 1, col];
    else if (event.key === 'ArrowDown' || event.key === 'Enter') target = [row + 1, col];
    else if (event.key === 'ArrowLeft' && atStart) target = [row, col - 1];
    else if (event.key === 'ArrowRight' && atEnd) target = [row, col + 1];
    if (!target) return;
    const next = document.querySelector<HTMLInputElement>(
      `[data-cell="${target[0]}-${target[1]}"]`,
    );
    if (next) {
      event.preventDefault();
      next.focus();
      next.select();
    } else if (event.key === 'Enter') {
      input.blur();
    }
  };

  // Totals include what is typed and not yet saved, so they move as the person types.
  const shown = (projectId: number, taskId: number, date: string, server: number) => {
    const text = drafts[cellKey(projectId, taskId, date)];
    if (text === undefined) return server;
    const read = readCell(text);
    return read.ok ? read.seconds : server;
  };
  const rowTotals = rows.map((row) =>
    days.reduce(
      (sum, date, i) => sum + shown(row.projectId, row.taskId, date, row.cells[i]?.seconds ?? 0),
      0,
    ),
  );
  const dayTotals = days.map((date, i) =>
    rows.reduce(
      (sum, row) => sum + shown(row.projectId, row.taskId, date, row.cells[i]?.seconds ?? 0),
      0,
    ),
  );
  const invalidTexts = Object.entries(invalid)
    .filter(([, bad]) => bad)
    .map(([key]) => drafts[key])
    .filter((text): text is string => text !== undefined);
  const weekTotal = dayTotals.reduce((a, b) => a + b, 0);
  const capacity = me.person.weeklyCapacitySeconds;

  const addRow = (value: string | null) => {
    const option = options.data?.find((o) => o.value === value);
    if (!option) return;
    setAdded((current) => ({
      ...current,
      [week]: [
        ...(current[week] ?? []),
        {
          projectId: option.projectId,
          taskId: option.taskId,
          project: option.projectName,
          task: option.taskName,
          client: option.client,
        },
      ],
    }));
  };

  const copyLastWeek = async () => {
    const last = await get<Timesheet>(`/timesheet?week=${addDays(days[0] ?? week, -7)}`);
    const copied = last.rows
      .filter((row) => row.task !== null)
      .map((row) => ({
        projectId: row.project.id,
        taskId: row.task?.id ?? 0,
        project: row.project.name,
        task: row.task?.name ?? '',
        client: row.client.name,
      }));
    const here = new Set(rows.map((r) => `${r.projectId}:${r.taskId}`));
    const fresh = copied.filter((row) => !here.has(`${row.projectId}:${row.taskId}`));
    setNotice(
      fresh.length === 0
        ? t('timesheet.nothingToCopy')
        : t('timesheet.copied', { count: fresh.length }),
    );
    setAdded((current) => ({ ...current, [week]: [...(current[week] ?? []), ...fresh] }));
  };

  const goTo = (day: string) => {
    flush();
    setParams(day === thisWeek ? {} : { week: day });
  };
  const weekClosed = data.closed.every((reason) => reason !== null);
  const inRows = new Set(rows.map((r) => r.key));
  const addable = (options.data ?? []).filter((o) => !inRows.has(o.value));

  return (
    <section aria-labelledby="timesheet-title">
      <Group justify="space-between" mb="sm">
        <Group>
          <Title order={1} size="h3" id="timesheet-title">
            {t('timesheet.title')}
          </Title>
          <Text c="dimmed">{dayRange(days[0] ?? week, days[6] ?? week)}</Text>
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => goTo(addDays(days[0] ?? week, -7))}
            aria-label={t('timesheet.previousWeek')}
          >
            ‹
          </Button>
          <Button variant="default" onClick={() => goTo(thisWeek)}>
            {t('timesheet.thisWeek')}
          </Button>
          <Button
            variant="default"
            onClick={() => goTo(addDays(days[0] ?? week, 7))}
            aria-label={t('timesheet.nextWeek')}
          >
            ›
          </Button>
        </Group>
      </Group>
      <WeekStatus
        weekStart={days[0] ?? week}
        onChanged={() => void client.invalidateQueries({ queryKey: ['timesheet'] })}
      />
      {error && (
        <Alert
          variant="outline"
          color="red.9"
          mb="sm"
          role="alert"
          withCloseButton
          onClose={() => setError(null)}
        >
          {error}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table
          withTableBorder
          withColumnBorders
          highlightOnHover={false}
          aria-describedby="timesheet-help"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('timesheet.projectTask')}</Table.Th>
              {days.map((day) => {
                const label = weekdayShort(day);
                return (
                  <Table.Th
                    key={day}
                    scope="col"
                    className={`num ${day === thisWeek ? 'today' : ''}`}
                  >
                    <div>{label.weekday}</div>
                    <Text size="xs" c="dimmed" component="div">
                      {label.date}
                    </Text>
                  </Table.Th>
                );
              })}
              <Table.Th scope="col" className="num">
                {t('timesheet.total')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Text c="dimmed">{t('timesheet.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((row, r) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" fw={600} component="div">
                    {row.project}
                  </Text>
                  <Text size="xs" c="dimmed" component="div">
                    {row.withoutTask ? t('timesheet.noTask') : row.task} · {row.client}
                  </Text>
                </Table.Th>
                {days.map((date, c) => {
                  const cell = row.cells[c] ?? null;
                  const key = cellKey(row.projectId, row.taskId, date);
                  const server = cell?.seconds ?? 0;
                  const closedDay = data.closed[c] ?? null;
                  const editable =
                    !row.withoutTask && (cell === null ? closedDay === null : cell.editable);
                  const reason = cell?.readOnlyReason ?? closedDay;
                  const value = drafts[key] ?? (server === 0 ? '' : formatDuration(server, style));
                  const why = row.withoutTask
                    ? t('timesheet.withoutTask')
                    : reason === null
                      ? undefined
                      : reason === 'locked'
                        ? cell?.lockedReason
                          ? t('timesheet.lockedBecause', { reason: cell.lockedReason })
                          : t('timesheet.locked')
                        : reason === 'timer_running'
                          ? t('timesheet.timerRunning')
                          : reason === 'several_entries'
                            ? t('timesheet.severalEntries')
                            : t(`timesheet.closed.${reason}`);
                  const input = (
                    <TextInput
                      className="grid-cell"
                      size="xs"
                      w={72}
                      value={value}
                      readOnly={!editable}
                      title={why}
                      leftSection={
                        reason === 'locked' ||
                        reason === 'period_locked' ||
                        reason === 'week_approved'
                          ? '🔒'
                          : undefined
                      }
                      error={invalid[key] ? true : undefined}
                      aria-invalid={invalid[key] ? true : undefined}
                      aria-label={t('timesheet.cellLabel', {
                        project: row.project,
                        task: row.task,
                        day: weekdayShort(date).weekday + ' ' + weekdayShort(date).date,
                      })}
                      data-cell={`${r}-${c}`}
                      onFocus={(e) => e.currentTarget.select()}
                      onChange={(e) => {
                        const text = e.currentTarget.value;
                        setDrafts((d) => ({ ...d, [key]: text }));
                      }}
                      onBlur={() => {
                        // Leaving a cell that holds no duration keeps the saved value.
                        if (!commit(row.projectId, row.taskId, date, server)) revert(key);
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') {
                          revert(key);
                          return;
                        }
                        if (e.key === 'Enter' && !commit(row.projectId, row.taskId, date, server)) {
                          return;
                        }
                        move(e, r, c);
                      }}
                    />
                  );
                  return (
                    <Table.Td key={date} className={date === thisWeek ? 'today' : undefined}>
                      {why ? (
                        <Tooltip label={why}>
                          <span>{input}</span>
                        </Tooltip>
                      ) : (
                        input
                      )}
                    </Table.Td>
                  );
                })}
                <Table.Td className="num" fw={600}>
                  {hours(rowTotals[r] ?? 0, me.account)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('timesheet.total')}</Table.Th>
              {dayTotals.map((total, i) => (
                <Table.Td key={days[i]} className="num" fw={600} data-testid={`day-total-${i}`}>
                  {hours(total, me.account)}
                </Table.Td>
              ))}
              <Table.Td className="num" fw={700} data-testid="week-total">
                {hours(weekTotal, me.account)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {invalidTexts.length > 0 && (
        <Text size="sm" c="red.8" role="alert" mt="xs">
          {t('timesheet.notDuration', { text: invalidTexts.join(', ') })}
        </Text>
      )}
      <Group mt="sm" justify="space-between" align="flex-end">
        <Group align="flex-end" display={weekClosed ? 'none' : undefined}>
          <Select
            label={t('timesheet.addRow')}
            placeholder={t('timer.pick')}
            searchable
            data={addable.map((o) => ({ value: o.value, label: `${o.label} (${o.client})` }))}
            value={null}
            onChange={addRow}
            w={340}
            nothingFoundMessage={t('timer.nothingFound')}
          />
          <Button variant="default" onClick={() => void copyLastWeek()}>
            {t('timesheet.copyLastWeek')}
          </Button>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="timesheet-notice">
            {notice}
          </Text>
        </Group>
        <Group>
          <Text size="sm" aria-live="polite" c="dimmed">
            {saveState === 'saving'
              ? t('timesheet.saving')
              : saveState === 'saved'
                ? t('timesheet.saved')
                : ''}
          </Text>
          <Badge
            size="lg"
            variant="filled"
            tt="none"
            color={weekTotal > capacity ? 'red.9' : 'blue.8'}
          >
            {t('timesheet.ofCapacity', {
              total: hours(weekTotal, me.account),
              capacity: hours(capacity, me.account),
            })}
          </Badge>
        </Group>
      </Group>
      <Text id="timesheet-help" size="xs" c="dimmed" mt="xs">
        {t('timesheet.help')}
      </Text>
    </section>
  );
}
