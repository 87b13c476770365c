import { useQuery } from '@tanstack/react-query';
import { get, query } from './api.ts';
import type { Page, TimeEntry, TrackingProject } from './types.ts';

export interface TrackingOption {
  value: string;
  projectId: number;
  taskId: number;
  label: string;
  client: string;
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
 * Picker data: the recent project-task pairs first (up to five), then every option by client,
 * each pair once. Mantine's Select groups them under headings.
 */
export function pickerData(
  options: TrackingOption[],
  recent: TimeEntry[],
  recentLabel: string,
): { group: string; items: { value: string; label: string }[] }[] {
  const known = new Map(options.map((o) => [o.value, o]));
  const recentKeys: string[] = [];
  for (const entry of recent) {
    if (!entry.task) continue;
    const key = optionKey(entry.project.id, entry.task.id);
    if (known.has(key) && !recentKeys.includes(key)) recentKeys.push(key);
    if (recentKeys.length === 5) break;
  }
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const option of options) {
    if (recentKeys.includes(option.value)) continue;
    const items = groups.get(option.client) ?? [];
    items.push({ value: option.value, label: option.label });
    groups.set(option.client, items);
  }
  const result = [...groups.entries()].map(([group, items]) => ({ group, items }));
  if (recentKeys.length > 0) {
    result.unshift({
      group: recentLabel,
      items: recentKeys.map((key) => ({ value: key, label: known.get(key)?.label ?? key })),
    });
  }
  return result;
}
