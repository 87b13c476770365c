import {
  Alert,
  Button,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import { hours } from '../format.ts';
import { useMe } from '../session.ts';
import type { ImportReport } from '../types.ts';

const FORMATS = ['harvest', 'toggl', 'clockify', 'kimai'] as const;

/** Punch's fields a file's columns can be mapped to, in the order the form asks for them. */
const FIELDS = [
  'date',
  'person',
  'lastName',
  'email',
  'client',
  'project',
  'projectCode',
  'task',
  'notes',
  'duration',
  'start',
  'end',
  'billable',
] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: ReadonlySet<Field> = new Set(['date', 'person', 'client', 'project']);
const DATE_ORDERS = ['dmy', 'mdy'] as const;

/** Which of the file's headers holds each field (the `columns` field of the upload). */
export type Columns = Partial<Record<Field, string>> & { dateOrder?: (typeof DATE_ORDERS)[number] };

/** The report, its mapping read as this page's fields. */
type Report = Omit<ImportReport, 'columns'> & { columns: Columns | null };

/** How to read the file: told from its columns (or the chosen tracker), or by these columns. */
type Reading = { columns: Columns } | null;

/**
 * Another tracker's export, or any time sheet, into Punch: a dry run first shows how its
 * columns read (the preview) and what would be created or refused; the columns can then be
 * chosen by hand, and importing it is one click.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<string | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [columns, setColumns] = useState<Columns>({});
  // Until the person changes a column, the columns shown are the ones the format implies.
  const [custom, setCustom] = useState(false);

  const send = (dryRun: boolean, reading: Reading | 'headers') => {
    if (!file) throw new Error(t('imports.chooseFile'));
    const query = new URLSearchParams({
      ...(dryRun ? { dryRun: 'true' } : {}),
      ...(reading ? { format: 'custom' } : format ? { format } : {}),
    }).toString();
    const fields: Record<string, string> =
      reading && reading !== 'headers' ? { columns: JSON.stringify(reading.columns) } : {};
    return upload<Report>(`/imports${query ? `?${query}` : ''}`, file, fields);
  };
  const preview = useMutation({
    mutationFn: async (reading: Reading) => {
      try {
        return await send(true, reading);
      } catch (error) {
        // Columns no tracker writes: the file's headers are asked for, to choose from.
        if (reading || !(error instanceof ApiError) || error.code !== 'invalid_import') throw error;
        return send(true, 'headers').catch(() => {
          throw error;
        });
      }
    },
    onSuccess: (report) => {
      setHeaders(report.headers);
      if (report.format === 'custom' && !report.columns) setCustom(true);
      else if (!custom) setColumns(report.columns ?? {});
    },
  });
  const run = useMutation({ mutationFn: () => send(false, preview.variables ?? null) });
  const reset = () => {
    preview.reset();
    run.reset();
    setHeaders([]);
    setColumns({});
    setCustom(false);
  };
  const choose = (change: Columns) => {
    setColumns({ ...columns, ...change });
    setCustom(true);
  };
  const reading: Reading = custom ? { columns } : null;
  // Import reads the file as the preview shown did: a change of columns needs a new preview.
  const changed =
    custom && JSON.stringify(preview.variables?.columns ?? null) !== JSON.stringify(columns);
  const report = run.data ?? preview.data;
  return (
    <section aria-labelledby="import-title">
      <Title order={1} size="h3" id="import-title" mb="xs">
        {t('imports.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        {t('imports.intro')}
      </Text>
      <Group align="flex-end" mb="md">
        <FileInput
          label={t('imports.file')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            reset();
          }}
          w={320}
        />
        <Select
          label={t('imports.format')}
          placeholder={t('imports.detect')}
          clearable
          data={FORMATS.map((f) => ({ value: f, label: t(`imports.formats.${f}`) }))}
          value={format}
          onChange={(f) => {
            setFormat(f);
            reset();
          }}
        />
        <Button
          disabled={!file}
          loading={preview.isPending}
          onClick={() => preview.mutate(reading)}
        >
          {t('imports.preview')}
        </Button>
      </Group>
      {headers.length > 0 && (
        <section aria-labelledby="import-columns-title">
          <Title order={2} size="h5" id="import-columns-title" mb={4}>
            {t('imports.mapping.title')}
          </Title>
          <Text c="dimmed" size="sm" mb="xs">
            {t('imports.mapping.intro')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} mb="md" data-testid="import-columns">
            {FIELDS.map((field) => (
              <Select
                key={field}
                label={t(`imports.fields.${field}`)}
                description={field === 'duration' ? t('imports.mapping.durationHint') : undefined}
                required={REQUIRED.has(field)}
                placeholder={t('imports.mapping.none')}
                data={headers}
                value={columns[field] ?? null}
                onChange={(header) => choose({ [field]: header ?? undefined })}
                clearable
                searchable
              />
            ))}
            <Select
              label={t('imports.fields.dateOrder')}
              data={DATE_ORDERS.map((o) => ({ value: o, label: t(`imports.dateOrders.${o}`) }))}
              value={columns.dateOrder ?? 'dmy'}
              onChange={(order) => choose({ dateOrder: order === 'mdy' ? 'mdy' : 'dmy' })}
              allowDeselect={false}
            />
          </SimpleGrid>
        </section>
      )}
      <FormError error={preview.error ?? run.error} />
      {report?.format === 'custom' && !report.columns && (
        <Alert variant="default" title={t('imports.mapping.unknownTitle')}>
          <Text size="sm">{t('imports.mapping.unknown')}</Text>
        </Alert>
      )}
      {report && (report.format !== 'custom' || report.columns) && (
        <Stack>
          <Alert
            variant="default"
            title={t(report.dryRun ? 'imports.wouldTitle' : 'imports.doneTitle')}
          >
            <Text size="sm" data-testid="import-summary">
              {t(report.dryRun ? 'imports.would' : 'imports.done', {
                entries: report.created.entries,
                rows: report.rows,
                hours: hours(report.created.seconds, me.account),
                format: t(`imports.formats.${report.format}`),
                before: report.alreadyImported,
              })}
            </Text>
            {report.created.clients.length +
              report.created.projects.length +
              report.created.tasks.length >
              0 && (
              <Text size="sm">
                {t('imports.creates', {
                  list: [
                    ...report.created.clients,
                    ...report.created.projects,
                    ...report.created.tasks,
                  ].join(', '),
                })}
              </Text>
            )}
          </Alert>
          {report.dryRun && report.created.entries > 0 && (
            <Group>
              <Button loading={run.isPending} disabled={changed} onClick={() => run.mutate()}>
                {t(report.created.entries === 1 ? 'imports.runOne' : 'imports.run', {
                  count: report.created.entries,
                })}
              </Button>
              {changed && (
                <Text size="sm" c="dimmed">
                  {t('imports.mapping.changed')}
                </Text>
              )}
            </Group>
          )}
          {report.refused.length > 0 && (
            <Stack gap={2}>
              <Title order={2} size="h5">
                {t('imports.refused')}
              </Title>
              {report.refused.map((r) => (
                <Text size="sm" key={`${r.line}-${r.reason}`}>
                  {t('imports.line', { line: r.line, reason: r.reason })}
                </Text>
              ))}
            </Stack>
          )}
          {report.preview.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table striped withTableBorder data-testid="import-preview">
                <Table.Caption>{t('imports.previewCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('imports.columns.line')}</Table.Th>
                    <Table.Th scope="col">{t('imports.columns.date')}</Table.Th>
                    <Table.Th scope="col">{t('imports.columns.person')}</Table.Th>
                    <Table.Th scope="col">{t('imports.columns.project')}</Table.Th>
                    <Table.Th scope="col">{t('imports.columns.task')}</Table.Th>
                    <Table.Th scope="col">{t('imports.columns.notes')}</Table.Th>
                    <Table.Th scope="col" className="num">
                      {t('imports.columns.hours')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.preview.map((r) => (
                    <Table.Tr key={r.line}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>{r.spentDate}</Table.Td>
                      <Table.Td>{r.person.email ?? r.person.name}</Table.Td>
                      <Table.Td>
                        {r.client} · {r.project}
                      </Table.Td>
                      <Table.Td>{r.task ?? '—'}</Table.Td>
                      <Table.Td>{r.notes ?? ''}</Table.Td>
                      <Table.Td className="num">{hours(r.seconds, me.account)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </section>
  );
}
