import {
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { FormError, FormMessages } from '../components/FormError.tsx';
import { fieldErrors } from '../field-errors.ts';
import { hours } from '../format.ts';
import { isAdmin, useMe } from '../session.ts';
import type { Page, Person } from '../types.ts';

const LEVELS = ['member', 'manager', 'administrator'] as const;
const PERMISSIONS = [
  'project_creator',
  'billable_rates_manager',
  'managed_projects_invoice_drafter',
  'managed_projects_invoice_manager',
  'client_and_task_manager',
  'time_and_expenses_manager',
  'estimates_manager',
  'people_manager',
];

interface Rate {
  id: number;
  amount: number;
  startDate: string | null;
  endDate: string | null;
}

function PersonEditor({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [level, setLevel] = useState<string>(person.accessLevel);
  const [permissions, setPermissions] = useState<string[]>(person.managerPermissions);
  const [capacity, setCapacity] = useState<number | string>(person.weeklyCapacitySeconds / 3600);
  const [rate, setRate] = useState<number | string>('');
  const [from, setFrom] = useState('');
  const rates = useQuery({
    queryKey: ['rates', person.id],
    queryFn: () => get<{ data: Rate[] }>(`/people/${person.id}/rates?kind=billable`),
    enabled: isAdmin(me),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['people'] });
    void client.invalidateQueries({ queryKey: ['rates', person.id] });
  };
  const save = useMutation({
    mutationFn: () =>
      api('PATCH', `/people/${person.id}`, {
        accessLevel: level,
        managerPermissions: level === 'manager' ? permissions : [],
        weeklyCapacitySeconds: Math.round(Number(capacity) * 3600),
      }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const addRate = useMutation({
    mutationFn: () =>
      api('POST', `/people/${person.id}/rates`, {
        kind: 'billable',
        amount: Number(rate),
        ...(from ? { startDate: from } : {}),
      }),
    onSuccess: () => {
      setRate('');
      setFrom('');
      refresh();
    },
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="sm" mt="xs" component="form" onSubmit={submit}>
      <Group align="flex-end">
        <Select
          label={t('people.level')}
          data={LEVELS.map((l) => ({ value: l, label: t(`people.levels.${l}`) }))}
          value={level}
          onChange={(v) => v && setLevel(v)}
          allowDeselect={false}
          w={170}
        />
        {level === 'manager' && (
          <MultiSelect
            label={t('people.permissions')}
            data={PERMISSIONS.map((p) => ({ value: p, label: t(`people.permission.${p}`) }))}
            value={permissions}
            onChange={setPermissions}
            w={360}
          />
        )}
        <NumberInput
          label={t('people.capacity')}
          value={capacity}
          onChange={setCapacity}
          min={0}
          max={168}
          w={140}
        />
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      <FormError error={save.error} />
      {isAdmin(me) && (
        <>
          <Text fw={600} mt="md" size="sm">
            {t('people.rates')}
          </Text>
          <Table>
            <Table.Tbody>
              {(rates.data?.data ?? []).map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td className="num">
                    {new Intl.NumberFormat(undefined, {
                      style: 'currency',
                      currency: me.account.currency,
                    }).format(r.amount)}
                  </Table.Td>
                  <Table.Td>
                    {r.startDate ?? t('people.fromStart')} – {r.endDate ?? t('people.now')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group align="flex-end" mt="xs">
            <NumberInput
              label={t('people.newRate')}
              value={rate}
              onChange={setRate}
              min={0}
              w={140}
            />
            <TextInput
              label={t('people.rateFrom')}
              type="date"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <Button variant="default" onClick={() => addRate.mutate()} disabled={rate === ''}>
              {t('people.setRate')}
            </Button>
          </Group>
          <FormError error={addRate.error} />
        </>
      )}
    </Paper>
  );
}

export function PeoplePage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const people = useQuery({
    queryKey: ['people'],
    queryFn: () => get<Page<Person>>('/people?limit=200'),
  });
  const [editing, setEditing] = useState<number | null>(null);
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '' });
  const [level, setLevel] = useState<string>('member');
  const create = useMutation({
    mutationFn: () => api<Person>('POST', '/people', { ...form, accessLevel: level }),
    onSuccess: () => {
      setForm({ firstName: '', lastName: '', email: '' });
      void client.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const archive = useMutation({
    mutationFn: (p: Person) => api('PATCH', `/people/${p.id}`, { isActive: !p.isActive }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['people'] }),
  });
  const errs_create = fieldErrors(create.error, {
    firstName: ['First name', 'FirstName'],
    lastName: ['Last name', 'LastName'],
    email: ['Email'],
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [name]: value }));
    },
  });
  return (
    <section aria-labelledby="people-title">
      <Title order={1} size="h3" id="people-title" mb="sm">
        {t('people.title')}
      </Title>
      {isAdmin(me) && (
        <Paper withBorder p="sm" mb="md" component="form" onSubmit={submit}>
          <Group align="flex-end">
            <TextInput
              label={t('profile.firstName')}
              error={errs_create.byField.firstName}
              required
              {...field('firstName')}
            />
            <TextInput
              label={t('profile.lastName')}
              error={errs_create.byField.lastName}
              required
              {...field('lastName')}
            />
            <TextInput
              label={t('signIn.email')}
              error={errs_create.byField.email}
              type="email"
              required
              {...field('email')}
            />
            <Select
              label={t('people.level')}
              data={LEVELS.map((l) => ({ value: l, label: t(`people.levels.${l}`) }))}
              value={level}
              onChange={(v) => v && setLevel(v)}
              allowDeselect={false}
              w={170}
            />
            <Button type="submit" loading={create.isPending}>
              {t('people.add')}
            </Button>
          </Group>
          <FormMessages messages={errs_create.rest} />
        </Paper>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('people.name')}</Table.Th>
              <Table.Th scope="col">{t('people.level')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('people.capacity')}
              </Table.Th>
              <Table.Th scope="col">{t('common.active')}</Table.Th>
              <Table.Th scope="col">{t('profile.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(people.data?.data ?? []).map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  {p.firstName} {p.lastName}
                  <Text size="xs" c="dimmed">
                    {p.email}
                  </Text>
                  {editing === p.id && <PersonEditor person={p} onDone={() => setEditing(null)} />}
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" color="dark">
                    {t(`people.levels.${p.accessLevel}`)}
                  </Badge>
                </Table.Td>
                <Table.Td className="num">{hours(p.weeklyCapacitySeconds, me.account)}</Table.Td>
                <Table.Td>
                  <Switch
                    checked={p.isActive}
                    disabled={!isAdmin(me) || p.id === me.person.id}
                    onChange={() => archive.mutate(p)}
                    aria-label={t('common.activeFor', { name: `${p.firstName} ${p.lastName}` })}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditing(editing === p.id ? null : p.id)}
                  >
                    {editing === p.id ? t('common.close') : t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <FormError error={archive.error} />
    </section>
  );
}
