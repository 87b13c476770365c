import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import { money } from '../format.ts';
import i18next from 'i18next';
import type { Client, Invoice, InvoiceState, InvoiceTotals, Page, Project } from '../types.ts';

const STATE_COLOR: Record<InvoiceState, string> = {
  draft: 'gray.7',
  open: 'blue.8',
  paid: 'teal.9',
  closed: 'dark.5',
};
const SUMMARIES = ['project', 'task', 'people', 'detailed'] as const;

const monthStart = () => new Date().toISOString().slice(0, 8) + '01';
const today = () => new Date().toISOString().slice(0, 10);

/** Lines and totals of an invoice or a preview. */
function Lines({ totals }: { totals: InvoiceTotals }) {
  const { t } = useTranslation();
  const m = (minor: number) => money(minor, totals.currency);
  return (
    <Table withTableBorder mt="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('invoices.description')}</Table.Th>
          <Table.Th scope="col" className="num">
            {t('invoices.quantity')}
          </Table.Th>
          <Table.Th scope="col" className="num">
            {t('invoices.unitPrice')}
          </Table.Th>
          <Table.Th scope="col" className="num">
            {t('invoices.amount')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {totals.lines.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={4}>
              <Text c="dimmed">{t('invoices.noLines')}</Text>
            </Table.Td>
          </Table.Tr>
        )}
        {totals.lines.map((line, i) => (
          <Table.Tr key={line.id || i}>
            <Table.Td>{line.description || line.kind}</Table.Td>
            <Table.Td className="num">{line.quantity}</Table.Td>
            <Table.Td className="num">{m(line.unitPriceMinor)}</Table.Td>
            <Table.Td className="num">{m(line.amountMinor)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        {totals.taxMinor + totals.tax2Minor + totals.discountMinor !== 0 && (
          <Table.Tr>
            <Table.Th scope="row" colSpan={3}>
              {t('invoices.subtotal')}
            </Table.Th>
            <Table.Td className="num">{m(totals.subtotalMinor)}</Table.Td>
          </Table.Tr>
        )}
        {totals.taxMinor !== 0 && (
          <Table.Tr>
            <Table.Th scope="row" colSpan={3}>
              {t('invoices.tax')}
            </Table.Th>
            <Table.Td className="num">{m(totals.taxMinor)}</Table.Td>
          </Table.Tr>
        )}
        <Table.Tr>
          <Table.Th scope="row" colSpan={3}>
            {t('invoices.total')}
          </Table.Th>
          <Table.Td className="num" fw={700} data-testid="invoice-total">
            {m(totals.amountMinor)}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row" colSpan={3}>
            {t('invoices.due')}
          </Table.Th>
          <Table.Td className="num" fw={700} data-testid="invoice-due">
            {m(totals.dueMinor)}
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

/** Invoices: bill a client's uninvoiced time with a preview, then send, get paid, download. */
export function InvoicesPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [clientId, setClientId] = useState<string | null>(null);
  const [projectIds, setProjectIds] = useState<string[]>([]);
  const [from, setFrom] = useState(monthStart());
  const [to, setTo] = useState(today());
  const [summaryType, setSummaryType] = useState<string>('task');
  const [openId, setOpenId] = useState<number | null>(null);
  const clients = useQuery({
    queryKey: ['clients'],
    queryFn: () => get<Page<Client>>('/clients?limit=200'),
  });
  const projects = useQuery({
    queryKey: ['projects', 'of-client', clientId],
    queryFn: () => get<Page<Project>>(`/projects?clientId=${clientId}&limit=200`),
    enabled: clientId !== null,
  });
  const invoices = useQuery({
    queryKey: ['invoices'],
    queryFn: () => get<Page<Invoice>>('/invoices?limit=200'),
  });
  const request = () => ({
    clientId: Number(clientId),
    projectIds: projectIds.map(Number),
    summaryType,
    from,
    to,
  });
  const preview = useMutation({
    mutationFn: () => api<InvoiceTotals>('POST', '/invoices/preview', request()),
  });
  const create = useMutation({
    mutationFn: () => api<Invoice>('POST', '/invoices', request()),
    onSuccess: (made) => {
      preview.reset();
      setOpenId(made.id);
      void client.invalidateQueries({ queryKey: ['invoices'] });
      void client.invalidateQueries({ queryKey: ['entries'] });
      void client.invalidateQueries({ queryKey: ['timesheet'] });
    },
  });
  const act = useMutation({
    mutationFn: (input: { id: number; action: 'send' | 'pay' | 'delete' }) =>
      input.action === 'delete'
        ? api<Invoice>('DELETE', `/invoices/${input.id}`)
        : api<Invoice>(
            'POST',
            `/invoices/${input.id}/${input.action === 'send' ? 'send' : 'payments'}`,
            input.action === 'pay' ? {} : undefined,
          ),
    onSuccess: (_, input) => {
      if (input.action === 'delete') setOpenId(null);
      void client.invalidateQueries({ queryKey: ['invoices'] });
    },
  });
  const rows = invoices.data?.data ?? [];
  const opened = rows.find((i) => i.id === openId) ?? null;
  const ready = clientId !== null && projectIds.length > 0;

  return (
    <section aria-labelledby="invoices-title">
      <Title order={1} size="h3" id="invoices-title" mb="sm">
        {t('invoices.title')}
      </Title>
      <Paper withBorder p="sm" mb="md">
        <Title order={2} size="h5" mb="xs">
          {t('invoices.new')}
        </Title>
        <Group align="flex-end">
          <Select
            label={t('invoices.client')}
            searchable
            data={(clients.data?.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
            value={clientId}
            onChange={(value) => {
              setClientId(value);
              setProjectIds([]);
              preview.reset();
            }}
            w={220}
          />
          <MultiSelect
            label={t('invoices.projects')}
            searchable
            data={(projects.data?.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
            placeholder={projectIds.length === 0 ? t('invoices.pickProjects') : undefined}
            value={projectIds}
            onChange={setProjectIds}
            disabled={clientId === null}
            w={260}
          />
          <TextInput
            type="date"
            label={t('invoices.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('invoices.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <Select
            label={t('invoices.groupBy')}
            data={SUMMARIES.map((s) => ({ value: s, label: t(`invoices.summary.${s}`) }))}
            value={summaryType}
            onChange={(value) => value && setSummaryType(value)}
            allowDeselect={false}
            w={160}
          />
          <Button variant="default" disabled={!ready} onClick={() => preview.mutate()}>
            {t('invoices.preview')}
          </Button>
        </Group>
        <FormError error={preview.error ?? create.error} />
        {preview.data && (
          <>
            <Lines totals={preview.data} />
            <Group mt="sm">
              <Button
                onClick={() => create.mutate()}
                loading={create.isPending}
                disabled={preview.data.lines.length === 0}
              >
                {t('invoices.create')}
              </Button>
            </Group>
          </>
        )}
      </Paper>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('invoices.empty')}</Text>
      ) : (
        <Table withTableBorder highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('invoices.number')}</Table.Th>
              <Table.Th scope="col">{t('invoices.client')}</Table.Th>
              <Table.Th scope="col">{t('invoices.issued')}</Table.Th>
              <Table.Th scope="col">{t('invoices.state')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('invoices.amount')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('invoices.due')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Td>
                  <Anchor component="button" onClick={() => setOpenId(invoice.id)}>
                    {t('invoices.open', { number: invoice.number })}
                  </Anchor>
                </Table.Td>
                <Table.Td>{invoice.client.name}</Table.Td>
                <Table.Td>{invoice.issueDate}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOR[invoice.state]} variant="filled" tt="none">
                    {t(`invoices.states.${invoice.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td className="num">{money(invoice.amountMinor, invoice.currency)}</Table.Td>
                <Table.Td className="num">{money(invoice.dueMinor, invoice.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={opened !== null}
        onClose={() => setOpenId(null)}
        size="xl"
        title={opened ? t('invoices.open', { number: opened.number }) : ''}
      >
        {opened && (
          <Stack gap="xs">
            <Group gap="sm">
              <Badge
                color={STATE_COLOR[opened.state]}
                variant="filled"
                tt="none"
                data-testid="invoice-state"
              >
                {t(`invoices.states.${opened.state}`)}
              </Badge>
              <Text size="sm">
                {opened.client.name} · {opened.issueDate} → {opened.dueDate}
              </Text>
            </Group>
            <Lines totals={opened} />
            <FormError error={act.error} />
            <Group>
              {opened.state === 'draft' && (
                <Button onClick={() => act.mutate({ id: opened.id, action: 'send' })}>
                  {t('invoices.markSent')}
                </Button>
              )}
              {opened.state === 'open' && (
                <Button onClick={() => act.mutate({ id: opened.id, action: 'pay' })}>
                  {t('invoices.markPaid')}
                </Button>
              )}
              <Button
                component="a"
                variant="default"
                href={`/punch/v1/invoices/${opened.id}/pdf?language=${i18next.language}`}
                download
              >
                {t('invoices.pdf')}
              </Button>
              {opened.state === 'draft' && (
                <Button
                  variant="default"
                  color="red.9"
                  onClick={() => {
                    if (window.confirm(t('invoices.confirmDelete', { number: opened.number }))) {
                      act.mutate({ id: opened.id, action: 'delete' });
                    }
                  }}
                >
                  {t('invoices.delete')}
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t('invoices.noEmail')}
            </Text>
          </Stack>
        )}
      </Modal>
    </section>
  );
}
