import { Badge, Button, Group, Paper, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { FormError, FormMessages } from '../components/FormError.tsx';
import { fieldErrors } from '../field-errors.ts';
import type { Client, Page } from '../types.ts';

export function ClientsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const clients = useQuery({
    queryKey: ['clients'],
    queryFn: () => get<Page<Client>>('/clients?limit=200'),
  });
  const [name, setName] = useState('');
  const refresh = () => void client.invalidateQueries({ queryKey: ['clients'] });
  const create = useMutation({
    mutationFn: () => api<Client>('POST', '/clients', { name }),
    onSuccess: () => {
      setName('');
      refresh();
    },
  });
  const rename = useMutation({
    mutationFn: (c: { id: number; name: string }) =>
      api<Client>('PATCH', `/clients/${c.id}`, { name: c.name }),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: (c: Client) => api<Client>('PATCH', `/clients/${c.id}`, { isActive: !c.isActive }),
    onSuccess: refresh,
  });
  const errs = fieldErrors(create.error, { name: ['Name'] });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const rows = clients.data?.data ?? [];
  return (
    <section aria-labelledby="clients-title">
      <Title order={1} size="h3" id="clients-title" mb="sm">
        {t('clients.title')}
      </Title>
      <Paper withBorder p="sm" mb="md" component="form" onSubmit={submit}>
        <Group align="flex-end">
          <TextInput
            label={t('clients.name')}
            required
            error={errs.byField.name}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Button type="submit" loading={create.isPending}>
            {t('clients.add')}
          </Button>
        </Group>
        <FormMessages messages={errs.rest} />
      </Paper>
      {rows.length === 0 && !clients.isPending && <Text c="dimmed">{t('clients.empty')}</Text>}
      {rows.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('clients.name')}</Table.Th>
              <Table.Th scope="col">{t('clients.currency')}</Table.Th>
              <Table.Th scope="col">{t('common.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <TextInput
                      size="xs"
                      defaultValue={c.name}
                      key={c.name}
                      aria-label={t('clients.nameOf', { name: c.name })}
                      onBlur={(e) => {
                        const name = e.currentTarget.value.trim();
                        if (name !== '' && name !== c.name) rename.mutate({ id: c.id, name });
                      }}
                      onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                    />
                    {!c.isActive && <Badge color="gray">{t('common.archived')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{c.currency}</Table.Td>
                <Table.Td>
                  <Switch
                    checked={c.isActive}
                    onChange={() => toggle.mutate(c)}
                    aria-label={t('common.activeFor', { name: c.name })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormError error={toggle.error ?? rename.error} />
    </section>
  );
}
