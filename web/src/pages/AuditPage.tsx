import {
  Badge,
  Button,
  Code,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, query } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import { locale } from '../i18n.ts';
import type { AuditEntry, Page, Person } from '../types.ts';

const ENTITY_TYPES = [
  'time_entry',
  'timer',
  'timesheet',
  'project',
  'client',
  'task',
  'person',
  'user_assignment',
  'task_assignment',
  'project_rate',
  'rate',
  'role',
  'invoice',
  'invoice_payment',
  'account',
  'login',
  'budget',
  'saved_report',
  'report_share',
  'webhook',
];
const ACTIONS = [
  'created',
  'updated',
  'deleted',
  'started',
  'stopped',
  'submitted',
  'approved',
  'rejected',
  'reopened',
  'paused',
];

const when = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  );

/** A value as the log shows it: text as it is, anything else as compact JSON. */
const shown = (value: unknown) =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/** Every change in the account: who, when, which way in, and each field before and after. */
export function AuditPage() {
  const { t } = useTranslation();
  const [person, setPerson] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const people = useQuery({
    queryKey: ['people', 'all'],
    queryFn: () => get<Page<Person>>('/people?limit=200'),
  });
  const filters = {
    personId: person ?? undefined,
    entityType: entity ?? undefined,
    action: action ?? undefined,
    // Whole days in the browser's time zone.
    from: from ? new Date(`${from}T00:00:00`).toISOString() : undefined,
    to: to ? new Date(`${to}T23:59:59.999`).toISOString() : undefined,
  };
  const log = useInfiniteQuery({
    queryKey: ['audit-log', filters],
    queryFn: ({ pageParam }) =>
      get<{ data: AuditEntry[]; nextBefore: number | null }>(
        `/audit-log${query({ ...filters, before: pageParam ?? undefined, limit: 50 })}`,
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
  });
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <Title order={1} size="h3" id="audit-title" mb="xs">
        {t('audit.title')}
      </Title>
      <Group align="flex-end" mb="md" wrap="wrap">
        <Select
          label={t('audit.person')}
          clearable
          searchable
          data={(people.data?.data ?? []).map((p) => ({
            value: String(p.id),
            label: `${p.firstName} ${p.lastName}`,
          }))}
          value={person}
          onChange={setPerson}
        />
        <Select
          label={t('audit.entity')}
          clearable
          data={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
          value={entity}
          onChange={setEntity}
        />
        <Select
          label={t('audit.action')}
          clearable
          data={ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
          value={action}
          onChange={setAction}
        />
        <TextInput
          type="date"
          label={t('audit.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <FormError error={log.error} />
      {log.isSuccess && entries.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.when')}</Table.Th>
                <Table.Th scope="col">{t('audit.who')}</Table.Th>
                <Table.Th scope="col">{t('audit.what')}</Table.Th>
                <Table.Th scope="col">{t('audit.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{when(e.occurredAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.actor?.name ?? t('audit.system')}</Text>
                    {e.door && (
                      <Badge variant="light" color="gray" size="sm">
                        {t(`audit.doors.${e.door}`)}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t(`audit.entities.${e.entityType}`, { defaultValue: e.entityType })} #
                      {e.entityId}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {e.changes.slice(0, 12).map((c) => (
                        <Text size="xs" key={c.field}>
                          <Code>{c.field}</Code> {shown(c.before)} → {shown(c.after)}
                        </Text>
                      ))}
                      {e.changes.length > 12 && (
                        <Text size="xs" c="dimmed">
                          {t('audit.more', { count: e.changes.length - 12 })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage && (
        <Button
          mt="sm"
          variant="default"
          loading={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          {t('audit.older')}
        </Button>
      )}
    </section>
  );
}
