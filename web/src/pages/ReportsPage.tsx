import {
  Anchor,
  Button,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download, get } from '../api.ts';
import { EChart } from '../components/EChart.tsx';
import { FormError } from '../components/FormError.tsx';
import { dayRange, hours, money } from '../format.ts';
import { DIMENSIONS, TIME_DIMENSIONS, drillDefinition } from '../reports.ts';
import { canManage, useMe } from '../session.ts';
import type {
  AccountSettings,
  Client,
  Dimension,
  Page,
  Person,
  Project,
  Report,
  ReportDefinition,
  ReportEntry,
  ReportFigures,
  ReportKey,
  ReportPeriod,
  SavedReport,
} from '../types.ts';

const PERIODS: ReportPeriod[] = [
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'custom',
];

const toOptions = (items: { id: number; name: string }[]) =>
  items.map((item) => ({ value: String(item.id), label: item.name }));

/** A key's label: time buckets in the chosen language, entities by name. */
export function useKeyLabel() {
  const { t } = useTranslation();
  return (key: ReportKey | null, other = false): string => {
    if (other) return t('reports.other');
    if (!key) return t('reports.total');
    if (key.dimension === 'task' && key.id === null) return t('reports.noTask');
    if (key.dimension === 'week') return dayRange(key.key, key.key);
    return key.name;
  };
}

/** Billable amounts per currency, one after the other. */
function Amounts({ figures }: { figures: ReportFigures }) {
  if (!figures.billableAmounts) return <>—</>;
  if (figures.billableAmounts.length === 0) return <>0</>;
  return <>{figures.billableAmounts.map((a) => money(a.amountMinor, a.currency)).join(' · ')}</>;
}

const percent = (value: number | null) =>
  value === null ? '—' : new Intl.NumberFormat(undefined, { style: 'percent' }).format(value);

/** The charts and the table of a report: shared by the reports screen and a shared link. */
export function ReportView({
  report,
  account,
  onDrill,
}: {
  report: Report;
  account: AccountSettings | undefined;
  onDrill?: (keys: ReportKey[]) => void;
}) {
  const { t } = useTranslation();
  const label = useKeyLabel();
  const h = (seconds: number) => hours(seconds, account);
  const showsCost = report.totals.costAmountMinor !== null;

  const timeline = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      xAxis: {
        type: 'category',
        data: report.chart.buckets.map((b) =>
          report.chart.interval === 'week' ? dayRange(b, b) : b,
        ),
      },
      yAxis: { type: 'value', name: t('reports.hours') },
      series: report.chart.series.map((s) => ({
        type: 'bar',
        stack: 'time',
        name: label(s.key, s.other),
        data: s.roundedSeconds.map((v) => Math.round(v / 36) / 100),
      })),
    }),
    [report, label, t],
  );
  const breakdown = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: report.rows.map((row) => ({
            name: label(row.key),
            value: Math.round(row.figures.roundedSeconds / 36) / 100,
          })),
        },
      ],
    }),
    [report, label],
  );

  const cells = (figures: ReportFigures) => (
    <>
      <Table.Td className="num">{h(figures.seconds)}</Table.Td>
      <Table.Td className="num">{h(figures.roundedSeconds)}</Table.Td>
      <Table.Td className="num">{h(figures.billableRoundedSeconds)}</Table.Td>
      <Table.Td className="num">
        <Amounts figures={figures} />
      </Table.Td>
      {showsCost && (
        <Table.Td className="num">
          {figures.costAmountMinor === null
            ? '—'
            : money(figures.costAmountMinor, report.costCurrency)}
        </Table.Td>
      )}
      <Table.Td className="num">{percent(figures.utilization)}</Table.Td>
    </>
  );
  const name = (keys: ReportKey[]) => {
    const text = label(keys[keys.length - 1] ?? null);
    return onDrill ? (
      <Anchor component="button" type="button" onClick={() => onDrill(keys)}>
        {text}
      </Anchor>
    ) : (
      text
    );
  };

  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Paper withBorder p="sm">
          <Text size="sm" c="dimmed">
            {t('reports.totalHours')}
          </Text>
          <Text fw={700} size="xl" data-testid="report-total">
            {h(report.totals.roundedSeconds)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('reports.tracked', { hours: h(report.totals.seconds) })}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="sm" c="dimmed">
            {t('reports.billableHours')}
          </Text>
          <Text fw={700} size="xl">
            {h(report.totals.billableRoundedSeconds)}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="sm" c="dimmed">
            {t('reports.billableAmount')}
          </Text>
          <Text fw={700} size="xl" data-testid="report-amount">
            <Amounts figures={report.totals} />
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="sm" c="dimmed">
            {t('reports.utilization')}
          </Text>
          <Text fw={700} size="xl">
            {percent(report.totals.utilization)}
          </Text>
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="sm" style={{ gridColumn: 'span 2' }}>
          <EChart option={timeline} label={t('reports.timelineChart')} testId="report-chart" />
        </Paper>
        <Paper withBorder p="sm">
          <EChart option={breakdown} label={t('reports.breakdownChart')} />
        </Paper>
      </SimpleGrid>
      {report.rows.length === 0 ? (
        <Text c="dimmed">{t('reports.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder data-testid="report-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  {report.groupBy.map((d) => t(`reports.dimension.${d}`)).join(' / ')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('reports.hours')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('reports.rounded')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('reports.billableHours')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('reports.billableAmount')}
                </Table.Th>
                {showsCost && (
                  <Table.Th scope="col" className="num">
                    {t('reports.cost')}
                  </Table.Th>
                )}
                <Table.Th scope="col" className="num">
                  {t('reports.utilization')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rows.map((row) => (
                <Fragment key={row.key.key}>
                  <Table.Tr>
                    <Table.Th scope="row">{name([row.key])}</Table.Th>
                    {cells(row.figures)}
                  </Table.Tr>
                  {(row.children ?? []).map((child) => (
                    <Table.Tr key={`${row.key.key}:${child.key.key}`}>
                      <Table.Td pl="xl">{name([row.key, child.key])}</Table.Td>
                      {cells(child.figures)}
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('reports.total')}</Table.Th>
                {cells(report.totals)}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** The entries behind one figure. */
function DrillModal({
  definition,
  account,
  onClose,
}: {
  definition: ReportDefinition;
  account: AccountSettings | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const entries = useQuery({
    queryKey: ['report-entries', definition],
    queryFn: () =>
      api<{ data: ReportEntry[]; nextCursor: string | null }>('POST', '/reports/entries', {
        definition,
        limit: 200,
      }),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('reports.entries')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <FormError error={entries.error} />
      <Table striped data-testid="drill-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.date')}</Table.Th>
            <Table.Th scope="col">{t('reports.dimension.person')}</Table.Th>
            <Table.Th scope="col">{t('reports.dimension.project')}</Table.Th>
            <Table.Th scope="col">{t('reports.dimension.task')}</Table.Th>
            <Table.Th scope="col">{t('reports.notes')}</Table.Th>
            <Table.Th scope="col" className="num">
              {t('reports.rounded')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(entries.data?.data ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{e.spentDate}</Table.Td>
              <Table.Td>{e.person.name}</Table.Td>
              <Table.Td>{e.project.name}</Table.Td>
              <Table.Td>{e.task?.name ?? ''}</Table.Td>
              <Table.Td>{e.notes ?? ''}</Table.Td>
              <Table.Td className="num">{hours(e.roundedSeconds, account)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entries.data?.nextCursor && <Text c="dimmed">{t('reports.moreEntries')}</Text>}
    </Modal>
  );
}

/** Reports: pick days, filters and groupings; read the charts; drill, save, share, export. */
export function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const manager = canManage(me);
  const [definition, setDefinition] = useState<ReportDefinition>({
    period: 'this_month',
    groupBy: ['project'],
    filters: {},
  });
  const [drill, setDrill] = useState<ReportDefinition | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveName, setSaveName] = useState('');
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const filters = definition.filters ?? {};
  const setFilters = (change: Partial<NonNullable<ReportDefinition['filters']>>) =>
    setDefinition({ ...definition, filters: { ...filters, ...change } });

  const report = useQuery({
    queryKey: ['report', definition],
    queryFn: () => api<Report>('POST', '/reports/run', definition),
    enabled: definition.period !== 'custom' || Boolean(definition.from && definition.to),
    placeholderData: (previous) => previous,
  });
  const clients = useQuery({
    queryKey: ['clients', 'all'],
    queryFn: () => get<Page<Client>>('/clients?limit=500'),
    enabled: manager,
  });
  const projects = useQuery({
    queryKey: ['projects', 'all'],
    queryFn: () => get<Page<Project>>('/projects?limit=500'),
    enabled: manager,
  });
  const people = useQuery({
    queryKey: ['people', 'all'],
    queryFn: () => get<Page<Person>>('/people?limit=500'),
    enabled: manager,
  });
  const saved = useQuery({
    queryKey: ['saved-reports'],
    queryFn: () => get<{ data: SavedReport[] }>('/saved-reports'),
  });
  const save = useMutation({
    mutationFn: () => api<SavedReport>('POST', '/saved-reports', { name: saveName, definition }),
    onSuccess: () => {
      setSaving(false);
      setSaveName('');
      void client.invalidateQueries({ queryKey: ['saved-reports'] });
    },
  });
  const [savedId, setSavedId] = useState<string | null>(null);
  const share = useMutation({
    mutationFn: (id: number) =>
      api<{ url: string }>('POST', `/saved-reports/${id}/shares`, { days: 7 }),
    onSuccess: (result) => setShareUrl(result.url),
  });
  const exporting = useMutation({
    mutationFn: (what: { format: 'csv' | 'xlsx' | 'pdf'; content: 'entries' | 'totals' }) =>
      download('/reports/export', { definition, ...what }),
  });

  const [outer, inner] = definition.groupBy;
  const dimensionOptions = DIMENSIONS.map((d) => ({
    value: d,
    label: t(`reports.dimension.${d}`),
  }));
  const data = report.data;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('reports.title')}</Title>
        <Group>
          <Select
            aria-label={t('reports.saved')}
            placeholder={t('reports.saved')}
            data={(saved.data?.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
            value={savedId}
            onChange={(value) => {
              setSavedId(value);
              const found = saved.data?.data.find((r) => String(r.id) === value);
              if (found) setDefinition(found.definition);
            }}
            clearable
          />
          <Button variant="default" onClick={() => setSaving(true)}>
            {t('reports.save')}
          </Button>
          <Button
            variant="default"
            disabled={savedId === null}
            loading={share.isPending}
            onClick={() => savedId && share.mutate(Number(savedId))}
          >
            {t('reports.share')}
          </Button>
          <Menu>
            <Menu.Target>
              <Button loading={exporting.isPending}>{t('reports.export')}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(['csv', 'xlsx', 'pdf'] as const).flatMap((format) =>
                (['entries', 'totals'] as const).map((content) => (
                  <Menu.Item
                    key={`${format}-${content}`}
                    onClick={() => exporting.mutate({ format, content })}
                  >
                    {t(`reports.exportAs.${content}`, { format: format.toUpperCase() })}
                  </Menu.Item>
                )),
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <FormError error={report.error ?? save.error ?? share.error ?? exporting.error} />
      {shareUrl && (
        <Paper withBorder p="sm">
          <Text size="sm">{t('reports.shareReady')}</Text>
          <TextInput
            readOnly
            value={shareUrl}
            aria-label={t('reports.shareLink')}
            data-testid="share-url"
          />
        </Paper>
      )}
      <Paper withBorder p="sm">
        <Group align="end" wrap="wrap">
          <Select
            label={t('reports.period')}
            data={PERIODS.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))}
            value={definition.period}
            onChange={(value) =>
              value &&
              setDefinition({
                ...definition,
                period: value as ReportPeriod,
                // Days go with a custom period only.
                ...(value === 'custom' ? {} : { from: null, to: null }),
              })
            }
            allowDeselect={false}
          />
          {definition.period === 'custom' && (
            <>
              <TextInput
                type="date"
                label={t('reports.from')}
                value={definition.from ?? ''}
                onChange={(e) =>
                  setDefinition({ ...definition, from: e.currentTarget.value || null })
                }
              />
              <TextInput
                type="date"
                label={t('reports.to')}
                value={definition.to ?? ''}
                onChange={(e) =>
                  setDefinition({ ...definition, to: e.currentTarget.value || null })
                }
              />
            </>
          )}
          <Select
            label={t('reports.groupBy')}
            data={dimensionOptions}
            value={outer ?? 'project'}
            onChange={(value) =>
              value &&
              setDefinition({
                ...definition,
                groupBy: [value as Dimension, ...(inner && inner !== value ? [inner] : [])],
              })
            }
            allowDeselect={false}
          />
          <Select
            label={t('reports.thenBy')}
            data={dimensionOptions.filter(
              (o) =>
                o.value !== outer &&
                !(
                  TIME_DIMENSIONS.includes(o.value) && TIME_DIMENSIONS.includes(outer ?? 'project')
                ),
            )}
            value={inner ?? null}
            placeholder={t('reports.nothing')}
            clearable
            onChange={(value) =>
              setDefinition({
                ...definition,
                groupBy: [outer ?? 'project', ...(value ? [value as Dimension] : [])],
              })
            }
          />
          <SegmentedControl
            aria-label={t('reports.billable')}
            data={[
              { value: 'all', label: t('reports.all') },
              { value: 'true', label: t('reports.billableOnly') },
              { value: 'false', label: t('reports.nonBillable') },
            ]}
            value={
              filters.billable === undefined || filters.billable === null
                ? 'all'
                : String(filters.billable)
            }
            onChange={(value) =>
              setFilters({ billable: value === 'all' ? null : value === 'true' })
            }
          />
        </Group>
        {manager && (
          <Group mt="sm" align="end" wrap="wrap">
            <MultiSelect
              label={t('reports.dimension.client')}
              data={toOptions(clients.data?.data ?? [])}
              value={(filters.clientIds ?? []).map(String)}
              onChange={(values) => setFilters({ clientIds: values.map(Number) })}
              searchable
              clearable
            />
            <MultiSelect
              label={t('reports.dimension.project')}
              data={toOptions(projects.data?.data ?? [])}
              value={(filters.projectIds ?? []).map(String)}
              onChange={(values) => setFilters({ projectIds: values.map(Number) })}
              searchable
              clearable
            />
            <MultiSelect
              label={t('reports.dimension.person')}
              data={(people.data?.data ?? []).map((p) => ({
                value: String(p.id),
                label: `${p.firstName} ${p.lastName}`.trim(),
              }))}
              value={(filters.personIds ?? []).map(String)}
              onChange={(values) => setFilters({ personIds: values.map(Number) })}
              searchable
              clearable
            />
            <MultiSelect
              label={t('reports.approval')}
              data={(['unsubmitted', 'submitted', 'approved'] as const).map((s) => ({
                value: s,
                label: t(`approvals.status.${s}`),
              }))}
              value={filters.approvalStatuses ?? []}
              onChange={(values) =>
                setFilters({ approvalStatuses: values as typeof filters.approvalStatuses })
              }
            />
            <Select
              label={t('reports.invoiced')}
              data={[
                { value: 'all', label: t('reports.all') },
                { value: 'true', label: t('reports.invoicedOnly') },
                { value: 'false', label: t('reports.uninvoicedOnly') },
              ]}
              value={
                filters.invoiced === undefined || filters.invoiced === null
                  ? 'all'
                  : String(filters.invoiced)
              }
              onChange={(value) =>
                setFilters({ invoiced: !value || value === 'all' ? null : value === 'true' })
              }
              allowDeselect={false}
            />
          </Group>
        )}
      </Paper>
      {data && (
        <>
          <Text c="dimmed" data-testid="report-range">
            {dayRange(data.from, data.to)}
          </Text>
          <ReportView
            report={data}
            account={me.account}
            onDrill={(keys) => setDrill(drillDefinition(definition, data, keys))}
          />
        </>
      )}
      {drill && (
        <DrillModal definition={drill} account={me.account} onClose={() => setDrill(null)} />
      )}
      <Modal
        opened={saving}
        onClose={() => setSaving(false)}
        title={t('reports.save')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('reports.name')}
              value={saveName}
              onChange={(e) => setSaveName(e.currentTarget.value)}
              required
              data-autofocus
            />
            <FormError error={save.error} />
            <Button type="submit" loading={save.isPending}>
              {t('reports.save')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
