import {
  Box,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { get } from '../api.ts';
import { clockOf, dayBlocks, snapToQuarter } from '../calendar.ts';
import { addDays, dayRange, hours, today, weekdayShort } from '../format.ts';
import { locale } from '../i18n.ts';
import { useMe } from '../session.ts';
import { useNewEntry } from '../new-entry.ts';
import type { Page, TimeEntry, Timesheet } from '../types.ts';

const PER_HOUR = 48;

/** An hour as the account's clock shows it: `13:00`, or `1 PM` in the person's language. */
function hourLabel(hour: number, clock: '12h' | '24h'): string {
  if (clock === '24h') return clockOf(hour * 60);
  return new Intl.DateTimeFormat(locale(), {
    hour: 'numeric',
    hour12: true,
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2000, 0, 1, hour)));
}
const FIRST_HOUR = 6;
const LAST_HOUR = 22;

function NewBlock({ at, onClose }: { at: { date: string; minute: number }; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const entry = useNewEntry({
    initialDuration: '1:00',
    allowZero: false,
    body: (picked, seconds, notes) => ({
      projectId: picked.projectId,
      taskId: picked.taskId,
      spentDate: at.date,
      ...(me.account.wantsTimestampTimers
        ? {
            startedTime: clockOf(at.minute),
            endedTime: clockOf(Math.min(24 * 60 - 1, at.minute + Math.round(seconds / 60))),
          }
        : { seconds }),
      ...(notes === null ? {} : { notes }),
    }),
    onCreated: onClose,
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('calendar.newAt', {
        day: `${weekdayShort(at.date).weekday} ${weekdayShort(at.date).date}`,
        time: clockOf(at.minute),
      })}
    >
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          entry.submit();
        }}
      >
        <Select
          label={t('timer.projectTask')}
          placeholder={t('timer.pick')}
          searchable
          {...entry.picker}
          nothingFoundMessage={t('timer.nothingFound')}
          data-autofocus
        />
        <TextInput
          label={t('day.duration')}
          value={entry.duration}
          onChange={(e) => entry.setDuration(e.currentTarget.value)}
        />
        <TextInput
          label={t('timer.notes')}
          value={entry.notes}
          onChange={(e) => entry.setNotes(e.currentTarget.value)}
        />
        {entry.problem && (
          <Text c="red.8" size="sm" role="alert">
            {entry.problem}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button type="submit" loading={entry.saving}>
            {t('day.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The week as a calendar: entries are blocks; clicking an empty time adds one there. */
export function CalendarPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const now = today(me.person.timezone);
  const week = params.get('week') ?? now;
  const sheet = useQuery({
    queryKey: ['timesheet', week],
    queryFn: () => get<Timesheet>(`/timesheet?week=${week}`),
  });
  const days = sheet.data?.days ?? [];
  const entries = useQuery({
    queryKey: ['entries', 'week', days[0]],
    queryFn: () =>
      get<Page<TimeEntry>>(
        `/time-entries?from=${days[0] ?? week}&to=${days[6] ?? week}&userId=${me.person.id}&limit=500`,
      ),
    enabled: days.length === 7,
  });
  const [adding, setAdding] = useState<{ date: string; minute: number } | null>(null);
  const byDay = (date: string) => (entries.data?.data ?? []).filter((e) => e.spentDate === date);
  const height = (LAST_HOUR - FIRST_HOUR) * PER_HOUR;
  const clickAt = (date: string) => (event: MouseEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const offset = event.nativeEvent.offsetY + FIRST_HOUR * PER_HOUR;
    setAdding({ date, minute: snapToQuarter(offset, PER_HOUR) });
  };
  const go = (day: string) => setParams(day === now ? {} : { week: day });

  return (
    <section aria-labelledby="calendar-title">
      <Group justify="space-between" mb="sm">
        <Group>
          <Title order={1} size="h3" id="calendar-title">
            {t('calendar.title')}
          </Title>
          {days.length === 7 && (
            <Text c="dimmed">{dayRange(days[0] ?? week, days[6] ?? week)}</Text>
          )}
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => go(addDays(days[0] ?? week, -7))}
            aria-label={t('timesheet.previousWeek')}
          >
            ‹
          </Button>
          <Button variant="default" onClick={() => go(now)}>
            {t('timesheet.thisWeek')}
          </Button>
          <Button
            variant="default"
            onClick={() => go(addDays(days[0] ?? week, 7))}
            aria-label={t('timesheet.nextWeek')}
          >
            ›
          </Button>
        </Group>
      </Group>
      <Box style={{ display: 'grid', gridTemplateColumns: '48px repeat(7, 1fr)', gap: 4 }}>
        <div />
        {days.map((date) => {
          const label = weekdayShort(date);
          const total = byDay(date).reduce((sum, e) => sum + e.seconds, 0);
          return (
            <Stack key={date} gap={0} align="center" className={date === now ? 'today' : undefined}>
              <Text fw={600} size="sm">
                {label.weekday} {label.date}
              </Text>
              <Text size="xs" c="dimmed">
                {hours(total, me.account)}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setAdding({ date, minute: 9 * 60 })}
                aria-label={t('calendar.addOn', { day: `${label.weekday} ${label.date}` })}
              >
                +
              </Button>
            </Stack>
          );
        })}
        <Box style={{ position: 'relative', height }} aria-hidden>
          {Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, i) => (
            <Text
              key={i}
              size="xs"
              c="dimmed"
              style={{ position: 'absolute', top: i * PER_HOUR - 6, right: 4 }}
            >
              {hourLabel(FIRST_HOUR + i, me.account.clock)}
            </Text>
          ))}
        </Box>
        {days.map((date) => (
          <Box
            key={date}
            data-testid={`calendar-day-${date}`}
            onClick={clickAt(date)}
            style={{
              position: 'relative',
              height,
              cursor: 'copy',
              backgroundImage: `repeating-linear-gradient(to bottom, var(--mantine-color-gray-3) 0 1px, transparent 1px ${PER_HOUR}px)`,
            }}
          >
            {dayBlocks(byDay(date)).map((block) => {
              const top = ((block.start - FIRST_HOUR * 60) / 60) * PER_HOUR;
              return (
                <UnstyledButton
                  key={block.entry.id}
                  data-testid="calendar-block"
                  onClick={() => void navigate(`/day/${date}`)}
                  aria-label={`${block.entry.project.name} — ${block.entry.task?.name ?? ''}, ${hours(block.entry.seconds, me.account)}`}
                  style={{
                    position: 'absolute',
                    top: Math.max(0, top),
                    left: 2,
                    right: 2,
                    height: Math.max(14, (block.minutes / 60) * PER_HOUR - 2),
                    overflow: 'hidden',
                    borderRadius: 4,
                    padding: '2px 4px',
                    background: block.entry.isRunning
                      ? 'var(--mantine-color-red-9)'
                      : 'var(--mantine-color-blue-8)',
                    color: 'white',
                    fontSize: 12,
                    lineHeight: 1.2,
                  }}
                >
                  <strong>{block.entry.project.name}</strong> {block.entry.task?.name}
                  <br />
                  {hours(block.entry.seconds, me.account)}
                </UnstyledButton>
              );
            })}
          </Box>
        ))}
      </Box>
      <Text size="xs" c="dimmed" mt="xs">
        {t('calendar.help')}
      </Text>
      {adding && <NewBlock at={adding} onClose={() => setAdding(null)} />}
    </section>
  );
}
