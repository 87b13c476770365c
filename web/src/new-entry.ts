import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDuration } from '../../src/shared/duration.ts';
import { ApiError, api } from './api.ts';
import { useMe } from './session.ts';
import {
  pickerData,
  useFavourites,
  useRecentEntries,
  useTrackingOptions,
  type TrackingOption,
} from './tracking.ts';
import type { TimeEntry } from './types.ts';

/**
 * A new entry being typed (the day view's form, the calendar's dialog): the picker with
 * favourites and recent pairs first, the duration and notes, and the request that saves it.
 * `body` turns what was picked and typed into the request, which differs between the two.
 */
export function useNewEntry(options: {
  initialDuration: string;
  /** Whether a zero (empty) duration may be saved: a day-view entry to fill in later. */
  allowZero: boolean;
  body: (picked: TrackingOption, seconds: number, notes: string | null) => object;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useMe();
  const tracking = useTrackingOptions();
  const recent = useRecentEntries();
  const favourites = useFavourites(me.person.id);
  const [choice, setChoice] = useState<string | null>(null);
  const [duration, setDuration] = useState(options.initialDuration);
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: object) => api<TimeEntry>('POST', '/time-entries', body),
    onSuccess: () => {
      setProblem(null);
      void client.invalidateQueries({ queryKey: ['entries'] });
      void client.invalidateQueries({ queryKey: ['timesheet'] });
      options.onCreated();
    },
    onError: (e) => setProblem(e instanceof ApiError ? e.message : String(e)),
  });
  const submit = () => {
    const picked = tracking.data?.find((o) => o.value === choice);
    if (!picked) {
      setProblem(t('day.pickFirst'));
      return;
    }
    const seconds = duration.trim() === '' ? 0 : parseDuration(duration, 'hours');
    if (seconds === null || (seconds === 0 && !options.allowZero)) {
      setProblem(t('day.badDuration'));
      return;
    }
    create.mutate(options.body(picked, seconds, notes.trim() === '' ? null : notes.trim()));
  };
  const picker = {
    data: pickerData(tracking.data ?? [], recent.data ?? [], t('timer.recent'), {
      keys: favourites.keys,
      label: t('timer.favourites'),
    }),
    value: choice,
    onChange: setChoice,
  };
  return {
    picker,
    duration,
    setDuration,
    notes,
    setNotes,
    problem,
    saving: create.isPending,
    submit,
  };
}
