import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../errors.ts';
import { useNavigate, useParams } from 'react-router';
import { formatDuration, parseDuration } from '../../../src/shared/duration.ts';
import { api, get } from '../api.ts';
import { addDays, durationStyle, hours, longDay, today } from '../format.ts';
import { useMe } from '../session.ts';
import { useNewEntry } from '../new-entry.ts';
import type { Page, TimeEntry } from '../types.ts';

const UNDO_MS = 6000;

function EntryRow({ entry, onDelete }: { entry: TimeEntry; onDelete: (entry: TimeEntry) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const style = durationStyle(me.account);
  const [duration, setDuration] = useState(formatDuration(entry.seconds, style));
  const [notes, setNotes] = useState(entry.notes ?? '');
  const [started, setStarted] = useState(entry.startedTime ?? '');
  const [ended, setEnded] = useState(entry.endedTime ?? '');
  const [error, setError] = useState<string | null>(null);

  const update = useMutation({
    mutationFn: (body: {
      seconds?: number;
      notes?: string | null;
      startedTime?: string;
      endedTime?: string;
    }) => api<TimeEntry>('PATCH', `/time-entries/${entry.id}`, body),
    onSuccess: () => {
      setError(null);
      void client.invalidateQueries({ queryKey: ['entries'] });
      void client.invalidateQueries({ queryKey: ['timesheet'] });
    },
    onError: (e) => setError(errorText(e)),
  });
  const restart = useMutation({
    mutationFn: () =>
      api<TimeEntry>('POST', '/timer', {
        projectId: entry.project.id,
        taskId: entry.task?.id,
        ...(entry.notes ? { notes: entry.notes } : {}),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['timer'] });
      void client.invalidateQueries({ queryKey: ['entries'] });
      void client.invalidateQueries({ queryKey: ['timesheet'] });
    },
    onError: (e) => setError(errorText(e)),
  });

  const saveDuration = () => {
    const seconds = parseDuration(duration, 'hours');
    if (seconds === null) {
      setError(t('day.badDuration'));
      setDuration(formatDuration(entry.seconds, style));
      return;
    }
    if (seconds !== entry.seconds) update.mutate({ seconds });
  };
  const saveNotes = () => {
    if (notes !== (entry.notes ?? '')) update.mutate({ notes: notes === '' ? null : notes });
  };
  const readOnly = entry.isLocked || entry.isRunning;
  const saveTimes = () => {
    if (started === (entry.startedTime ?? '') && ended === (entry.endedTime ?? '')) return;
    update.mutate({
      ...(started ? { startedTime: started } : {}),
      ...(ended ? { endedTime: ended } : {}),
    });
  };

  return (
    <Paper withBorder p="sm" data-testid="day-entry">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ flex: 1 }}>
          <Text fw={600}>
            {entry.project.name}
            {entry.task ? ` — ${entry.task.name}` : ''}
            <Text span c="dimmed" size="sm">
              {' '}
              · {entry.client.name}
            </Text>
          </Text>
          <TextInput
            aria-label={t('day.notesFor', { project: entry.project.name })}
            placeholder={t('timer.notes')}
            value={notes}
            readOnly={readOnly}
            onChange={(e) => setNotes(e.currentTarget.value)}
            onBlur={saveNotes}
            onKeyDown={(e) => e.key === 'Enter' && saveNotes()}
            size="xs"
          />
          {me.account.wantsTimestampTimers && (
            <Group gap="xs">
              <TextInput
                size="xs"
                w={90}
                aria-label={t('day.startedFor', { project: entry.project.name })}
                placeholder="09:00"
                value={started}
                readOnly={readOnly}
                onChange={(e) => setStarted(e.currentTarget.value)}
                onBlur={saveTimes}
                onKeyDown={(e) => e.key === 'Enter' && saveTimes()}
              />
              <Text size="xs">–</Text>
              <TextInput
                size="xs"
                w={90}
                aria-label={t('day.endedFor', { project: entry.project.name })}
                placeholder="10:30"
                value={ended}
                readOnly={readOnly}
                onChange={(e) => setEnded(e.currentTarget.value)}
                onBlur={saveTimes}
                onKeyDown={(e) => e.key === 'Enter' && saveTimes()}
              />
            </Group>
          )}
          {entry.isLocked && (
            <Text size="xs" c="orange.9">
              🔒 {entry.lockedReason ?? t('timesheet.locked')}
            </Text>
          )}
          {error && (
            <Text size="xs" c="red.8" role="alert">
              {error}
            </Text>
          )}
        </Stack>
        <Group wrap="nowrap" gap="xs">
          {entry.isRunning ? (
            <Text fw={700} className="num">
              {t('day.running')}
            </Text>
          ) : (
            <TextInput
              aria-label={t('day.durationFor', { project: entry.project.name })}
              value={duration}
              readOnly={readOnly}
              onChange={(e) => setDuration(e.currentTarget.value)}
              onBlur={saveDuration}
              onKeyDown={(e) => e.key === 'Enter' && saveDuration()}
              w={80}
              size="xs"
              className="grid-cell"
            />
          )}
          {!entry.isRunning && entry.task && (
            <Button size="xs" variant="default" onClick={() => restart.mutate()}>
              {t('day.restart')}
            </Button>
          )}
          {!entry.isLocked && (
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => onDelete(entry)}
              aria-label={t('day.delete', { project: entry.project.name })}
            >
              ✕
            </ActionIcon>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

function NewEntry({ date }: { date: string }) {
  const { t } = useTranslation();
  const entry = useNewEntry({
    initialDuration: '',
    allowZero: true,
    body: (picked, seconds, notes) => ({
      projectId: picked.projectId,
      taskId: picked.taskId,
      spentDate: date,
      seconds,
      ...(notes === null ? {} : { notes }),
    }),
    onCreated: () => {
      entry.setDuration('');
      entry.setNotes('');
    },
  });
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        entry.submit();
      }}
    >
      <Group align="flex-end">
        <Select
          label={t('timer.projectTask')}
          placeholder={t('timer.pick')}
          searchable
          {...entry.picker}
          w={320}
          nothingFoundMessage={t('timer.nothingFound')}
        />
        <TextInput
          label={t('day.duration')}
          placeholder="1:30"
          value={entry.duration}
          onChange={(e) => entry.setDuration(e.currentTarget.value)}
          w={90}
        />
        <TextInput
          label={t('timer.notes')}
          value={entry.notes}
          onChange={(e) => entry.setNotes(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 160 }}
        />
        <Button type="submit" loading={entry.saving}>
          {t('day.add')}
        </Button>
      </Group>
      {entry.problem && (
        <Text size="sm" c="red.8" role="alert" mt="xs">
          {entry.problem}
        </Text>
      )}
    </Paper>
  );
}

export function DayPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const params = useParams();
  const now = today(me.person.timezone);
  const date = params.date && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : now;
  const entries = useQuery({
    queryKey: ['entries', 'day', date],
    queryFn: () =>
      get<Page<TimeEntry>>(
        `/time-entries?from=${date}&to=${date}&userId=${me.person.id}&limit=200`,
      ),
  });
  // Deleting waits a few seconds so that Undo costs nothing: the entry is only hidden until then.
  const [hidden, setHidden] = useState<TimeEntry | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reallyDelete = async (entry: TimeEntry) => {
    try {
      await api('DELETE', `/time-entries/${entry.id}`);
    } catch (e) {
      setError(errorText(e));
    }
    setHidden((h) => (h?.id === entry.id ? null : h));
    void client.invalidateQueries({ queryKey: ['entries'] });
    void client.invalidateQueries({ queryKey: ['timesheet'] });
  };
  const onDelete = (entry: TimeEntry) => {
    if (timer.current && hidden) {
      clearTimeout(timer.current);
      void reallyDelete(hidden);
    }
    setHidden(entry);
    timer.current = setTimeout(() => void reallyDelete(entry), UNDO_MS);
  };
  const undo = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setHidden(null);
  };
  // Leaving the day (another screen, a reload, a closed tab) carries out a pending delete: the
  // screen said it was deleted, and only Undo takes that back.
  const pendingDelete = useRef<TimeEntry | null>(null);
  useEffect(() => {
    pendingDelete.current = hidden;
  }, [hidden]);
  useEffect(() => {
    const carryOut = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const entry = pendingDelete.current;
      pendingDelete.current = null;
      if (entry) void api('DELETE', `/time-entries/${entry.id}`, undefined, { keepalive: true });
    };
    window.addEventListener('pagehide', carryOut);
    return () => {
      window.removeEventListener('pagehide', carryOut);
      carryOut();
    };
  }, []);

  const shown = (entries.data?.data ?? []).filter((e) => e.id !== hidden?.id);
  const total = shown.reduce((sum, e) => sum + e.seconds, 0);
  const go = (day: string) => void navigate(day === now ? '/day' : `/day/${day}`);

  return (
    <section aria-labelledby="day-title">
      <Group justify="space-between" mb="sm">
        <Title order={1} size="h3" id="day-title">
          {longDay(date)}
        </Title>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => go(addDays(date, -1))}
            aria-label={t('day.previous')}
          >
            ‹
          </Button>
          <Button variant="default" onClick={() => go(now)} disabled={date === now}>
            {t('day.today')}
          </Button>
          <Button variant="default" onClick={() => go(addDays(date, 1))} aria-label={t('day.next')}>
            ›
          </Button>
        </Group>
      </Group>
      <Stack gap="sm">
        <NewEntry date={date} />
        {hidden && (
          <Alert variant="outline" color="dark" role="status">
            <Group justify="space-between">
              <Text size="sm">{t('day.deleted', { project: hidden.project.name })}</Text>
              <Button size="xs" variant="white" onClick={undo}>
                {t('day.undo')}
              </Button>
            </Group>
          </Alert>
        )}
        {error && (
          <Alert
            variant="outline"
            color="red.9"
            role="alert"
            withCloseButton
            onClose={() => setError(null)}
          >
            {error}
          </Alert>
        )}
        {entries.isPending && <Text>{t('common.loading')}</Text>}
        {!entries.isPending && shown.length === 0 && <Text c="dimmed">{t('day.empty')}</Text>}
        {shown.map((entry) => (
          // Keyed by what the server holds, so a change made elsewhere resets the fields.
          <EntryRow
            key={`${entry.id}:${entry.seconds}:${entry.notes ?? ''}:${entry.startedTime ?? ''}:${entry.endedTime ?? ''}`}
            entry={entry}
            onDelete={onDelete}
          />
        ))}
        <Group justify="flex-end">
          <Text fw={700} data-testid="day-total">
            {t('day.total', { total: hours(total, me.account) })}
          </Text>
        </Group>
      </Stack>
    </section>
  );
}
