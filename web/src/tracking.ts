import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, query } from './api.ts';
import type { Page, TimeEntry, TrackingProject } from './types.ts';

export interface TrackingOption {
  value: string;
  projectId: number;
  taskId: number;
  label: string;
  client: string;
  projectName: string;
  taskName: string;
}

export const optionKey = (projectId: number, taskId: number) => `${projectId}:${taskId}`;

/** What a person may track to, as picker options: project and task, grouped by client. */
export function useTrackingOptions(userId?: number) {
  return useQuery({
    queryKey: ['tracking-options', userId ?? 'me'],
    queryFn: () => get<{ projects: TrackingProject[] }>(`/tracking-options${query({ userId })}`),
    select: (data): TrackingOption[] =>
      data.projects.flatMap((project) =>
        project.tasks.map((task) => ({
          value: optionKey(project.id, task.id),
          projectId: project.id,
          taskId: task.id,
          label: `${project.name} — ${task.name}`,
          client: project.client.name,
          projectName: project.name,
          taskName: task.name,
        })),
      ),
  });
}

/** The person's latest entries, newest first: the source of "recent" in the pickers. */
export function useRecentEntries() {
  return useQuery({
    queryKey: ['entries', 'recent'],
    queryFn: () => get<Page<TimeEntry>>('/time-entries?limit=50'),
    select: (page) => page.data,
  });
}

/**
 * Picker data: the person's favourite project-task pairs first, then the recent ones (up to
 * five), then every option by client, each pair once. Mantine's Select groups them under
 * headings.
 */
export function pickerData(
  options: TrackingOption[],
  recent: TimeEntry[],
  recentLabel: string,
  favourites: { keys: readonly string[]; label: string } = { keys: [], label: '' },
): { group: string; items: { value: string; label: string }[] }[] {
  const known = new Map(options.map((o) => [o.value, o]));
  const favouriteKeys = favourites.keys.filter((key) => known.has(key));
  const recentKeys: string[] = [];
  for (const entry of recent) {
    if (!entry.task) continue;
    const key = optionKey(entry.project.id, entry.task.id);
    if (known.has(key) && !recentKeys.includes(key) && !favouriteKeys.includes(key)) {
      recentKeys.push(key);
    }
    if (recentKeys.length === 5) break;
  }
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const option of options) {
    if (recentKeys.includes(option.value) || favouriteKeys.includes(option.value)) continue;
    const items = groups.get(option.client) ?? [];
    items.push({ value: option.value, label: option.label });
    groups.set(option.client, items);
  }
  const result = [...groups.entries()].map(([group, items]) => ({ group, items }));
  const itemsOf = (keys: string[]) =>
    keys.map((key) => ({ value: key, label: known.get(key)?.label ?? key }));
  if (recentKeys.length > 0) result.unshift({ group: recentLabel, items: itemsOf(recentKeys) });
  if (favouriteKeys.length > 0) {
    result.unshift({ group: favourites.label, items: itemsOf(favouriteKeys) });
  }
  return result;
}

/**
 * The pairs a person starred, kept in this browser: what they track every day, first in every
 * picker. Keyed by person, so two people sharing a browser keep their own.
 */
export function useFavourites(personId: number) {
  const storageKey = `punch.favourites.${personId}`;
  const [keys, setKeys] = useState<string[]>(() => {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
      return Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return [];
    }
  });
  const toggle = (key: string) => {
    const next = keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
    localStorage.setItem(storageKey, JSON.stringify(next));
    setKeys(next);
  };
  return { keys, toggle };
}
