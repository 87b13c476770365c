import Fuse from 'fuse.js';

export interface TrackingProject {
  id: number;
  name: string;
  code: string | null;
  client: { id: number; name: string };
  tasks: { id: number; name: string; billable: boolean }[];
}

/**
 * The project and task a person means by a few letters: an exact name or code first, then the
 * best fuzzy match over name, code and client. Ambiguity is refused with the candidates, so a
 * timer never starts on the wrong project.
 */
export function chooseProject(projects: TrackingProject[], text: string): TrackingProject {
  if (projects.length === 0) throw new Error('you are on no project yet: ask a manager to add you');
  const wanted = text.trim().toLowerCase();
  const exact = projects.filter(
    (p) => p.name.toLowerCase() === wanted || p.code?.toLowerCase() === wanted,
  );
  if (exact.length === 1) return exact[0] as TrackingProject;
  const fuse = new Fuse(projects, {
    keys: [
      { name: 'name', weight: 3 },
      { name: 'code', weight: 2 },
      { name: 'client.name', weight: 1 },
    ],
    includeScore: true,
    threshold: 0.4,
    ignoreLocation: true,
  });
  return best(fuse.search(text), text, 'project', (p) => `${p.name} (${p.client.name})`);
}

export function chooseTask(project: TrackingProject, text: string | undefined) {
  if (project.tasks.length === 0) throw new Error(`${project.name} has no tasks to track`);
  if (text === undefined) {
    if (project.tasks.length === 1) return project.tasks[0] as TrackingProject['tasks'][number];
    throw new Error(
      `name a task of ${project.name}: ${project.tasks.map((t) => t.name).join(', ')}`,
    );
  }
  const wanted = text.trim().toLowerCase();
  const exact = project.tasks.filter((t) => t.name.toLowerCase() === wanted);
  if (exact.length === 1) return exact[0] as TrackingProject['tasks'][number];
  const fuse = new Fuse(project.tasks, {
    keys: ['name'],
    includeScore: true,
    threshold: 0.4,
    ignoreLocation: true,
  });
  return best(fuse.search(text), text, 'task', (t) => t.name);
}

function best<T>(
  results: { item: T; score?: number }[],
  text: string,
  what: string,
  label: (item: T) => string,
): T {
  const [first, second] = results;
  if (!first) throw new Error(`no ${what} matches "${text}"`);
  // A clear winner only: a close second means the person should say more.
  if (second && (second.score ?? 1) - (first.score ?? 0) < 0.05)
    throw new Error(
      `"${text}" could be ${results
        .slice(0, 4)
        .map((r) => label(r.item))
        .join(', ')}: say more`,
    );
  return first.item;
}
