import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, get } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import type { Page, Person, Project, ProjectMember, ProjectTask, Task } from '../types.ts';

const BILL_BY = ['Project', 'Tasks', 'People', 'none'];
const BUDGET_BY = ['none', 'project', 'project_cost', 'task', 'task_fees', 'person'];

interface ProjectFormState {
  name: string;
  code: string;
  isBillable: boolean;
  billBy: string;
  hourlyRate: number | string;
  budgetBy: string;
  budget: number | string;
  startsOn: string;
  endsOn: string;
  isActive: boolean;
}

function ProjectForm({ project }: { project: Project }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<ProjectFormState>({
    name: project.name,
    code: project.code ?? '',
    isBillable: project.isBillable,
    billBy: project.billBy,
    hourlyRate: project.hourlyRate ?? '',
    budgetBy: project.budgetBy,
    budget: project.budget ?? '',
    startsOn: project.startsOn ?? '',
    endsOn: project.endsOn ?? '',
    isActive: project.isActive,
  });
  const set = <K extends keyof ProjectFormState>(key: K, value: ProjectFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const money = (value: number | string) => (value === '' ? null : Number(value));
  const save = useMutation({
    mutationFn: () =>
      api<Project>('PATCH', `/projects/${project.id}`, {
        name: form.name,
        code: form.code === '' ? null : form.code,
        isBillable: form.isBillable,
        billBy: form.billBy,
        hourlyRate: money(form.hourlyRate),
        budgetBy: form.budgetBy,
        budget: money(form.budget),
        startsOn: form.startsOn === '' ? null : form.startsOn,
        endsOn: form.endsOn === '' ? null : form.endsOn,
        isActive: form.isActive,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['projects'] });
      void client.invalidateQueries({ queryKey: ['tracking-options'] });
    },
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('projects.name')}
          value={form.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('projects.code')}
          value={form.code}
          onChange={(e) => set('code', e.currentTarget.value)}
        />
        <Switch
          mt="lg"
          label={t('projects.billable')}
          checked={form.isBillable}
          onChange={(e) => set('isBillable', e.currentTarget.checked)}
        />
        <Select
          label={t('projects.billBy')}
          data={BILL_BY.map((b) => ({ value: b, label: t(`projects.billByOptions.${b}`) }))}
          value={form.billBy}
          onChange={(v) => v && set('billBy', v)}
          allowDeselect={false}
        />
        <NumberInput
          label={t('projects.hourlyRate')}
          value={form.hourlyRate}
          onChange={(v) => set('hourlyRate', v)}
          min={0}
          disabled={form.billBy !== 'Project'}
        />
        <span />
        <Select
          label={t('projects.budgetBy')}
          data={BUDGET_BY.map((b) => ({ value: b, label: t(`projects.budgetByOptions.${b}`) }))}
          value={form.budgetBy}
          onChange={(v) => v && set('budgetBy', v)}
          allowDeselect={false}
        />
        <NumberInput
          label={t('projects.budget')}
          value={form.budget}
          onChange={(v) => set('budget', v)}
          min={0}
          disabled={form.budgetBy === 'none'}
        />
        <span />
        <TextInput
          label={t('projects.startsOn')}
          type="date"
          value={form.startsOn}
          onChange={(e) => set('startsOn', e.currentTarget.value)}
        />
        <TextInput
          label={t('projects.endsOn')}
          type="date"
          value={form.endsOn}
          onChange={(e) => set('endsOn', e.currentTarget.value)}
        />
        <Switch
          mt="lg"
          label={t('common.active')}
          checked={form.isActive}
          onChange={(e) => set('isActive', e.currentTarget.checked)}
        />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      <FormError error={save.error} />
    </Paper>
  );
}

function Members({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['projects', projectId, 'members'];
  const members = useQuery({
    queryKey: key,
    queryFn: () => get<Page<ProjectMember>>(`/projects/${projectId}/members?limit=200`),
  });
  const people = useQuery({
    queryKey: ['people'],
    queryFn: () => get<Page<Person>>('/people?limit=200'),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['tracking-options'] });
  };
  const add = useMutation({
    mutationFn: (personId: number) => api('POST', `/projects/${projectId}/members`, { personId }),
    onSuccess: refresh,
  });
  const change = useMutation({
    mutationFn: (m: ProjectMember) =>
      api('PATCH', `/projects/${projectId}/members/${m.id}`, {
        isProjectManager: !m.isProjectManager,
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (m: ProjectMember) => api('DELETE', `/projects/${projectId}/members/${m.id}`),
    onSuccess: refresh,
  });
  const rows = members.data?.data ?? [];
  const assigned = new Set(rows.map((m) => m.person.id));
  const candidates = (people.data?.data ?? []).filter((p) => p.isActive && !assigned.has(p.id));
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('projects.people')}
      </Title>
      <Table>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.person.name}</Table.Td>
              <Table.Td>
                <Switch
                  label={t('projects.manager')}
                  checked={m.isProjectManager}
                  onChange={() => change.mutate(m)}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  aria-label={t('projects.removePerson', { name: m.person.name })}
                  onClick={() => {
                    if (
                      window.confirm(t('projects.removePersonConfirm', { name: m.person.name }))
                    ) {
                      remove.mutate(m);
                    }
                  }}
                >
                  ✕
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Select
        mt="sm"
        label={t('projects.addPerson')}
        data={candidates.map((p) => ({
          value: String(p.id),
          label: `${p.firstName} ${p.lastName}`,
        }))}
        value={null}
        onChange={(v) => v && add.mutate(Number(v))}
        searchable
        w={280}
      />
      <FormError error={add.error ?? change.error ?? remove.error} />
    </Paper>
  );
}

function Tasks({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['projects', projectId, 'tasks'];
  const assigned = useQuery({
    queryKey: key,
    queryFn: () => get<Page<ProjectTask>>(`/projects/${projectId}/tasks?limit=200`),
  });
  const tasks = useQuery({
    queryKey: ['tasks'],
    queryFn: () => get<Page<Task>>('/tasks?limit=200'),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['tracking-options'] });
  };
  const add = useMutation({
    mutationFn: (taskId: number) => api('POST', `/projects/${projectId}/tasks`, { taskId }),
    onSuccess: refresh,
  });
  const change = useMutation({
    mutationFn: (a: ProjectTask) =>
      api('PATCH', `/projects/${projectId}/tasks/${a.id}`, { billable: !a.billable }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (a: ProjectTask) => api('DELETE', `/projects/${projectId}/tasks/${a.id}`),
    onSuccess: refresh,
  });
  const rows = assigned.data?.data ?? [];
  const present = new Set(rows.map((a) => a.task.id));
  const candidates = (tasks.data?.data ?? []).filter(
    (task) => task.isActive && !present.has(task.id),
  );
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('projects.tasks')}
      </Title>
      <Table>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.task.name}</Table.Td>
              <Table.Td>
                <Switch
                  label={t('tasks.billable')}
                  checked={a.billable}
                  onChange={() => change.mutate(a)}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  aria-label={t('projects.removeTask', { name: a.task.name })}
                  onClick={() => {
                    if (window.confirm(t('projects.removeTaskConfirm', { name: a.task.name }))) {
                      remove.mutate(a);
                    }
                  }}
                >
                  ✕
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Select
        mt="sm"
        label={t('projects.addTask')}
        data={candidates.map((task) => ({ value: String(task.id), label: task.name }))}
        value={null}
        onChange={(v) => v && add.mutate(Number(v))}
        searchable
        w={280}
      />
      <FormError error={add.error ?? change.error ?? remove.error} />
    </Paper>
  );
}

export function ProjectPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.projectId);
  const project = useQuery({
    queryKey: ['projects', id],
    queryFn: () => get<Project>(`/projects/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
  if (project.isError) {
    return (
      <Alert variant="outline" color="red.9">
        {project.error.message}
      </Alert>
    );
  }
  if (!project.data) return null;
  return (
    <Stack>
      <Group>
        <Button component={Link} to="/projects" variant="default" size="xs">
          ‹ {t('projects.title')}
        </Button>
        <Title order={1} size="h3">
          {project.data.name}
        </Title>
      </Group>
      <ProjectForm key={project.data.updatedAt} project={project.data} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Members projectId={id} />
        <Tasks projectId={id} />
      </SimpleGrid>
    </Stack>
  );
}
