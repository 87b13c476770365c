import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { useMe } from '../session.ts';
import type { Page, TimesheetWeek } from '../types.ts';
import { FormError } from './FormError.tsx';

const COLOR = { unsubmitted: 'gray.7', submitted: 'blue.8', approved: 'teal.9' } as const;

/** The week's approval state on the timesheet: submit, withdraw, and why it was rejected. */
export function WeekStatus({ weekStart, onChanged }: { weekStart: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const week = useQuery({
    queryKey: ['timesheet-week', weekStart],
    queryFn: async () =>
      (
        await get<Omit<Page<TimesheetWeek>, 'nextCursor'>>(
          `/timesheet-weeks?from=${weekStart}&to=${weekStart}`,
        )
      ).data[0] ?? null,
  });
  const act = useMutation({
    mutationFn: (action: 'submit' | 'withdraw') =>
      api<TimesheetWeek>('POST', `/timesheet-weeks/${action}`, { weekStart }),
    onSuccess: (saved) => {
      client.setQueryData(['timesheet-week', weekStart], saved);
      onChanged();
    },
  });
  const data = week.data;
  if (!data) return null;
  const enabled = me.account.approvalsEnabled;
  return (
    <>
      <Group gap="sm" mb="sm" data-testid="week-status">
        {(enabled || data.status !== 'unsubmitted') && (
          <Badge color={COLOR[data.status]} variant="filled" tt="none" size="lg">
            {t(`approvals.status.${data.status}`)}
          </Badge>
        )}
        {data.periodLock && (
          <Badge color="dark.4" variant="outline" tt="none" size="lg">
            🔒 {t('approvals.periodLocked')}
          </Badge>
        )}
        {enabled && data.status === 'unsubmitted' && !data.periodLock && (
          <Button size="xs" onClick={() => act.mutate('submit')} loading={act.isPending}>
            {t('approvals.submitWeek')}
          </Button>
        )}
        {data.status === 'submitted' && (
          <Button
            size="xs"
            variant="default"
            onClick={() => act.mutate('withdraw')}
            loading={act.isPending}
          >
            {t('approvals.withdraw')}
          </Button>
        )}
        {data.status === 'submitted' && (
          <Text size="sm" c="dimmed">
            {t('approvals.waiting')}
          </Text>
        )}
      </Group>
      {data.status === 'unsubmitted' && data.rejectionReason && (
        <Alert variant="outline" color="red.9" mb="sm" title={t('approvals.rejectedTitle')}>
          {data.rejectionReason}
        </Alert>
      )}
      <FormError error={act.error} />
    </>
  );
}
