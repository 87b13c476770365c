import { Alert, Button, FileInput, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import { hours } from '../format.ts';
import { useMe } from '../session.ts';
import type { ImportReport } from '../types.ts';

const FORMATS = ['harvest', 'toggl', 'clockify', 'kimai'] as const;

/**
 * Another tracker's export into Punch: a dry run first shows how its columns read (the
 * preview) and what would be created or refused; importing it is then one click.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<string | null>(null);
  const send = (dryRun: boolean) => {
    if (!file) throw new Error(t('imports.chooseFile'));
    const query = new URLSearchParams({
      ...(dryRun ? { dryRun: 'true' } : {}),
      ...(format ? { format } : {}),
    }).toString();
    return upload<ImportReport>(`/imports${query ? `?${query}` : ''}`, file);
  };
  const preview = useMutation({ mutationFn: () => send(true) });
  const run = useMutation({ mutationFn: () => send(false) });
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
            preview.reset();
            run.reset();
          }}
          w={320}
        />
        <Select
          label={t('imports.format')}
          placeholder={t('imports.detect')}
          clearable
          data={FORMATS.map((f) => ({ value: f, label: t(`imports.formats.${f}`) }))}
          value={format}
          onChange={setFormat}
        />
        <Button disabled={!file} loading={preview.isPending} onClick={() => preview.mutate()}>
          {t('imports.preview')}
        </Button>
      </Group>
      <FormError error={preview.error ?? run.error} />
      {report && (
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
              <Button loading={run.isPending} onClick={() => run.mutate()}>
                {t('imports.run', { count: report.created.entries })}
              </Button>
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
