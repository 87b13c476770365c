import { Anchor, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { get } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import { dayRange, longDay } from '../format.ts';
import type { Report } from '../types.ts';
import { ReportView } from './ReportsPage.tsx';

/** A report opened by its share link: read-only, no sign-in, its files to download. */
export function SharedReportPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const shared = useQuery({
    queryKey: ['shared-report', token],
    queryFn: () =>
      get<{ name: string; expiresAt: string; report: Report }>(
        `/shared-reports/${encodeURIComponent(token)}`,
      ),
    retry: false,
  });
  if (shared.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  const base = `/punch/v1/shared-reports/${encodeURIComponent(token)}/export`;
  return (
    <Container size="xl" py="md" component="main" id="content">
      <FormError error={shared.error} />
      {shared.data && (
        <Stack>
          <Title order={1}>{shared.data.name}</Title>
          <Text c="dimmed">
            {dayRange(shared.data.report.from, shared.data.report.to)} ·{' '}
            {t('reports.sharedBy', { date: longDay(shared.data.expiresAt.slice(0, 10)) })}
          </Text>
          <Group>
            {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
              <Anchor key={format} href={`${base}?format=${format}&content=entries`} download>
                {t('reports.exportAs.entries', { format: format.toUpperCase() })}
              </Anchor>
            ))}
          </Group>
          <ReportView report={shared.data.report} account={undefined} />
        </Stack>
      )}
    </Container>
  );
}
