import { ActionIcon, Anchor, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../errors.ts';
import { formatElapsed } from '../../../src/shared/duration.ts';
import { api, get } from '../api.ts';
import { Link } from 'react-router';
import { canManage, useMe } from '../session.ts';
import { pickerData, useFavourites, useRecentEntries, useTrackingOptions } from '../tracking.ts';
import type { TimeEntry } from '../types.ts';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Seconds a running entry has run, ticking once a second from what the server last said. */
function useElapsed(entry: TimeEntry | null, fetchedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!entry) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [entry]);
  if (!entry) return 0;
  return entry.seconds + Math.max(0, (now - fetchedAt) / 1000);
}

/** The timer on every page: pick what to work on, start, stop. The server is the truth. */
export function TimerBar() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const timer = useQuery({
    queryKey: ['timer'],
    queryFn: () => get<{ timeEntry: TimeEntry | null }>('/timer'),
  });
  const options = useTrackingOptions();
  const recent = useRecentEntries();
  const me = useMe();
  const favourites = useFavourites(me.person.id);
  const [choice, setChoice] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  const running = timer.data?.timeEntry ?? null;
  const elapsed = useElapsed(running, timer.dataUpdatedAt);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['timer'] });
    void client.invalidateQueries({ queryKey: ['timesheet'] });
    void client.invalidateQueries({ queryKey: ['entries'] });
  };
  const start = useMutation({
    mutationFn: (body: { projectId: number; taskId: number; notes?: string }) =>
      api<TimeEntry>('POST', '/timer', body),
    onSuccess: (entry) => {
      client.setQueryData(['timer'], { timeEntry: entry });
      setNotes('');
      setError(null);
      refresh();
    },
    onError: (e) => setError(errorText(e)),
  });
  const stop = useMutation({
    mutationFn: () => api<TimeEntry>('POST', '/timer/stop'),
    onSuccess: () => {
      client.setQueryData(['timer'], { timeEntry: null });
      setError(null);
      refresh();
    },
    onError: (e) => setError(errorText(e)),
  });

  const chosen = options.data?.find((o) => o.value === choice);
  // The entry "Continue" restarts: the newest with a task, as Toggl's C does.
  const last = recent.data?.find((entry) => entry.task !== null && !entry.isRunning);
  const continueLast = () => {
    if (!last?.task) return;
    start.mutate({
      projectId: last.project.id,
      taskId: last.task.id,
      ...(last.notes ? { notes: last.notes } : {}),
    });
  };
  const startChosen = () => {
    if (!chosen) {
      pickerRef.current?.focus();
      return;
    }
    start.mutate({
      projectId: chosen.projectId,
      taskId: chosen.taskId,
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
  };

  // The tab shows the running time, so it can be read from any other tab.
  useEffect(() => {
    document.title = running
      ? `▶ ${formatElapsed(elapsed)} · ${running.project.name} — Punch`
      : 'Punch';
  }, [running, elapsed]);

  // N: pick what to track; S: start or stop; C: continue the last entry. Never while typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        pickerRef.current?.focus();
      } else if (event.key === 'c' || event.key === 'C') {
        event.preventDefault();
        if (!running) continueLast();
      } else if (event.key === 's' || event.key === 'S') {
        event.preventDefault();
        if (running) stop.mutate();
        else startChosen();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Paper withBorder p="sm" mb="md" component="section" aria-label={t('timer.label')}>
      {running ? (
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Text fw={600}>
              {running.project.name} — {running.task?.name}
            </Text>
            <Text size="sm" c="dimmed">
              {running.client.name}
              {running.notes ? ` · ${running.notes}` : ''}
            </Text>
          </div>
          <Group wrap="nowrap">
            <Text
              fw={700}
              size="xl"
              className="num"
              data-testid="timer-elapsed"
              aria-live="off"
              aria-label={t('timer.elapsed')}
            >
              {formatElapsed(elapsed)}
            </Text>
            <Button color="red" onClick={() => stop.mutate()} loading={stop.isPending}>
              {t('timer.stop')}
            </Button>
          </Group>
        </Group>
      ) : (
        <Group align="flex-end" wrap="wrap">
          <Select
            ref={pickerRef}
            label={t('timer.projectTask')}
            placeholder={t('timer.pick')}
            searchable
            data={pickerData(options.data ?? [], recent.data ?? [], t('timer.recent'), {
              keys: favourites.keys,
              label: t('timer.favourites'),
            })}
            value={choice}
            onChange={setChoice}
            nothingFoundMessage={t('timer.nothingFound')}
            w={360}
            maxDropdownHeight={320}
          />
          <ActionIcon
            variant={choice && favourites.keys.includes(choice) ? 'filled' : 'default'}
            size="lg"
            mb={2}
            disabled={!choice}
            aria-pressed={choice ? favourites.keys.includes(choice) : false}
            aria-label={t('timer.favourite')}
            onClick={() => choice && favourites.toggle(choice)}
          >
            ★
          </ActionIcon>
          <TextInput
            label={t('timer.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') startChosen();
            }}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button onClick={startChosen} loading={start.isPending} disabled={!chosen}>
            {t('timer.start')}
          </Button>
          {last?.task && (
            <Button
              variant="default"
              onClick={continueLast}
              title={`${last.project.name} — ${last.task.name}`}
            >
              {t('timer.continue', { project: last.project.name })}
            </Button>
          )}
        </Group>
      )}
      {options.data?.length === 0 && !running && (
        <Text size="sm" c="dimmed" mt="xs">
          {canManage(me) ? (
            <>
              {t('timer.noProjectsManager')}{' '}
              <Anchor component={Link} to="/projects" underline="always">
                {t('timer.createProject')}
              </Anchor>
            </>
          ) : (
            t('timer.noProjects')
          )}
        </Text>
      )}
      {error && (
        <Text c="red.8" size="sm" mt="xs" role="alert">
          {error}
        </Text>
      )}
    </Paper>
  );
}
