import { Badge, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import { longDay } from '../format.ts';
import { locale } from '../i18n.ts';
import type { ProjectBudget } from '../types.ts';

const LEVEL_COLOR = { ok: 'teal.9', alert: 'orange.9', over: 'red.9' } as const;

/** Projects' budgets: how much is spent, what remains, and when it runs out at this pace. */
export function BudgetsPage() {
  const { t } = useTranslation();
  const budgets = useQuery({
    queryKey: ['budgets'],
    queryFn: () => get<{ data: ProjectBudget[] }>('/budgets?isActive=true'),
  });
  const amount = (b: ProjectBudget, value: number | null) => {
    if (value === null) return '—';
    if (b.unit === 'hours')
      return t('budgets.hoursUnit', {
        value: new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(value),
      });
    return new Intl.NumberFormat(locale(), {
      style: 'currency',
      currency: b.currency ?? 'USD',
    }).format(value);
  };
  const rows = budgets.data?.data ?? [];
  return (
    <Stack>
      <Title order={1}>{t('budgets.title')}</Title>
      <FormError error={budgets.error} />
      {budgets.isSuccess && rows.length === 0 && <Text c="dimmed">{t('budgets.empty')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder data-testid="budgets-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('budgets.project')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('budgets.budget')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('budgets.spent')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('budgets.remaining')}
                </Table.Th>
                <Table.Th scope="col">{t('budgets.forecast')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((b) => (
                <Table.Tr key={b.project.id}>
                  <Table.Th scope="row">
                    <Text fw={600}>{b.project.name}</Text>
                    <Text size="xs" c="dimmed">
                      {b.client.name}
                      {b.isMonthly ? ` · ${t('budgets.monthly')}` : ''}
                    </Text>
                    <Badge color={LEVEL_COLOR[b.level]} variant="light" mt={4}>
                      {t(`budgets.level.${b.level}`)}
                    </Badge>
                  </Table.Th>
                  <Table.Td className="num">{amount(b, b.budget)}</Table.Td>
                  <Table.Td className="num">
                    {amount(b, b.spent)}
                    {b.percentSpent !== null && (
                      <Progress
                        value={Math.min(100, b.percentSpent)}
                        color={LEVEL_COLOR[b.level]}
                        aria-label={`${b.project.name}: ${b.percentSpent}%`}
                        mt={4}
                      />
                    )}
                  </Table.Td>
                  <Table.Td className="num">{amount(b, b.remaining)}</Table.Td>
                  <Table.Td>
                    {b.level === 'over'
                      ? t('budgets.spentOut')
                      : b.forecast.runsOutOn === null
                        ? t('budgets.noPace')
                        : b.forecast.runsOutBeforeEnd && b.forecast.endsOn
                          ? t('budgets.runsOutBeforeEnd', {
                              date: longDay(b.forecast.runsOutOn),
                              end: longDay(b.forecast.endsOn),
                            })
                          : t('budgets.runsOut', { date: longDay(b.forecast.runsOutOn) })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
