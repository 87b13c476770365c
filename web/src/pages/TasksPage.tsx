import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Table,
  Text,
  TextInput,
  Title,
  Switch,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { FormMessages } from '../components/FormError.tsx';
import { fieldErrors } from '../field-errors.ts';
import type { Page, Task } from '../types.ts';

export function TasksPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tasks = useQuery({
    queryKey: ['tasks'],
    queryFn: () => get<Page<Task>>('/tasks?limit=200'),
  });
  const [name, setName] = useState('');
  const [billable, setBillable] = useState(true);
  const [isDefault, setIsDefault] = useState(true);
  const create = useMutation({
    mutationFn: () => api<Task>('POST', '/tasks', { name, billableByDefault: billable, isDefault }),
    onSuccess: () => {
      setName('');
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const toggle = useMutation({
    mutationFn: (task: Task & { change: Partial<Task> }) =>
      api<Task>('PATCH', `/tasks/${task.id}`, task.change),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tasks'] }),
  });
  const errs_create = fieldErrors(create.error, { name: ['Name'] });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const rows = tasks.data?.data ?? [];
  return (
    <section aria-labelledby="tasks-title">
      <Title order={1} size="h3" id="tasks-title" mb="sm">
        {t('tasks.title')}
      </Title>
      <Paper withBorder p="sm" mb="md" component="form" onSubmit={submit}>
        <Group align="flex-end">
          <TextInput
            label={t('tasks.name')}
            error={errs_create.byField.name}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Checkbox
            label={t('tasks.billable')}
            checked={billable}
            onChange={(e) => setBillable(e.currentTarget.checked)}
          />
          <Checkbox
            label={t('tasks.default')}
            checked={isDefault}
            onChange={(e) => setIsDefault(e.currentTarget.checked)}
          />
          <Button type="submit" loading={create.isPending}>
            {t('tasks.add')}
          </Button>
        </Group>
        <FormMessages messages={errs_create.rest} />
      </Paper>
      {rows.length === 0 && !tasks.isPending && <Text c="dimmed">{t('tasks.empty')}</Text>}
      {rows.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tasks.name')}</Table.Th>
              <Table.Th scope="col">{t('tasks.billable')}</Table.Th>
              <Table.Th scope="col">{t('tasks.default')}</Table.Th>
              <Table.Th scope="col">{t('common.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td>
                  {task.name} {!task.isActive && <Badge color="gray">{t('common.archived')}</Badge>}
                </Table.Td>
                <Table.Td>{task.billableByDefault ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td>
                  <Switch
                    checked={task.isDefault}
                    onChange={() =>
                      toggle.mutate({ ...task, change: { isDefault: !task.isDefault } })
                    }
                    aria-label={t('tasks.defaultFor', { name: task.name })}
                  />
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={task.isActive}
                    onChange={() =>
                      toggle.mutate({ ...task, change: { isActive: !task.isActive } })
                    }
                    aria-label={t('common.activeFor', { name: task.name })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormMessages messages={fieldErrors(toggle.error, {}).rest} />
    </section>
  );
}
