import {
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get } from '../api.ts';
import { FormMessages } from '../components/FormError.tsx';
import { fieldErrors } from '../field-errors.ts';
import type { Client, Page, Project, Task } from '../types.ts';

export function ProjectsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const projects = useQuery({
    queryKey: ['projects'],
    queryFn: () => get<Page<Project>>('/projects?limit=200'),
  });
  const clients = useQuery({
    queryKey: ['clients'],
    queryFn: () => get<Page<Client>>('/clients?limit=200'),
  });
  const tasks = useQuery({
    queryKey: ['tasks'],
    queryFn: () => get<Page<Task>>('/tasks?limit=200'),
  });
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [clientId, setClientId] = useState<string | null>(null);
  const [extraTasks, setExtraTasks] = useState<string[]>([]);

  const create = useMutation({
    mutationFn: async () => {
      const project = await api<Project>('POST', '/projects', {
        clientId: Number(clientId),
        name,
        ...(code.trim() ? { code: code.trim() } : {}),
      });
      // Default tasks come with the project; the others chosen here are added to it.
      for (const taskId of extraTasks) {
        await api('POST', `/projects/${project.id}/tasks`, { taskId: Number(taskId) });
      }
      return project;
    },
    onSuccess: () => {
      setName('');
      setCode('');
      setExtraTasks([]);
      for (const key of ['projects', 'tracking-options']) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  });
  const errs_create = fieldErrors(create.error, {
    client: ['Client'],
    name: ['Name'],
    code: ['Code'],
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const activeClients = (clients.data?.data ?? []).filter((c) => c.isActive);
  const optional = (tasks.data?.data ?? []).filter((task) => task.isActive && !task.isDefault);
  const rows = projects.data?.data ?? [];

  return (
    <section aria-labelledby="projects-title">
      <Title order={1} size="h3" id="projects-title" mb="sm">
        {t('projects.title')}
      </Title>
      <Paper withBorder p="sm" mb="md" component="form" onSubmit={submit}>
        {activeClients.length === 0 && !clients.isPending ? (
          <Text c="dimmed">{t('projects.needClient')}</Text>
        ) : (
          <Group align="flex-end">
            <Select
              label={t('projects.client')}
              error={errs_create.byField.client}
              required
              data={activeClients.map((c) => ({ value: String(c.id), label: c.name }))}
              value={clientId}
              onChange={setClientId}
              searchable
            />
            <TextInput
              label={t('projects.name')}
              error={errs_create.byField.name}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              label={t('projects.code')}
              error={errs_create.byField.code}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              w={100}
            />
            {optional.length > 0 && (
              <MultiSelect
                label={t('projects.moreTasks')}
                data={optional.map((task) => ({ value: String(task.id), label: task.name }))}
                value={extraTasks}
                onChange={setExtraTasks}
                w={240}
              />
            )}
            <Button type="submit" loading={create.isPending} disabled={!clientId}>
              {t('projects.add')}
            </Button>
          </Group>
        )}
        <FormMessages messages={errs_create.rest} />
      </Paper>
      {rows.length === 0 && !projects.isPending && <Text c="dimmed">{t('projects.empty')}</Text>}
      {rows.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('projects.name')}</Table.Th>
              <Table.Th scope="col">{t('projects.client')}</Table.Th>
              <Table.Th scope="col">{t('projects.billable')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/projects/${p.id}`}>
                    {p.code ? `[${p.code}] ` : ''}
                    {p.name}
                  </Anchor>{' '}
                  {!p.isActive && <Badge color="gray">{t('common.archived')}</Badge>}
                </Table.Td>
                <Table.Td>{p.client.name}</Table.Td>
                <Table.Td>{p.isBillable ? t('common.yes') : t('common.no')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
