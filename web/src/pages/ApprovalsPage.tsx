import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import { dayRange, hours } from '../format.ts';
import { isAdmin, useMe } from '../session.ts';
import type { ApprovalStatus, TimesheetWeek } from '../types.ts';

const keyOf = (w: Pick<TimesheetWeek, 'userId' | 'weekStart'>) => `${w.userId}:${w.weekStart}`;

/** The approver's queue: submitted weeks to approve or reject, one by one or many at once. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [status, setStatus] = useState<ApprovalStatus>('submitted');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<TimesheetWeek[] | null>(null);
  const [reason, setReason] = useState('');
  const queue = useQuery({
    queryKey: ['approvals', status],
    queryFn: () => get<{ data: TimesheetWeek[] }>(`/approvals?status=${status}`),
  });
  const decide = useMutation({
    mutationFn: (input: {
      action: 'approve' | 'reject' | 'reopen';
      weeks: TimesheetWeek[];
      reason?: string;
    }) =>
      api<{ data: TimesheetWeek[] }>('POST', `/approvals/${input.action}`, {
        weeks: input.weeks.map((w) => ({ userId: w.userId, weekStart: w.weekStart })),
        ...(input.reason === undefined ? {} : { reason: input.reason }),
      }),
    onSuccess: () => {
      setSelected(new Set());
      setRejecting(null);
      setReason('');
      void client.invalidateQueries({ queryKey: ['approvals'] });
      void client.invalidateQueries({ queryKey: ['timesheet'] });
      void client.invalidateQueries({ queryKey: ['timesheet-week'] });
    },
  });
  const weeks = queue.data?.data ?? [];
  const chosen = weeks.filter((w) => selected.has(keyOf(w)));
  const toggle = (w: TimesheetWeek) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(keyOf(w))) next.delete(keyOf(w));
      else next.add(keyOf(w));
      return next;
    });
  const allChosen = weeks.length > 0 && chosen.length === weeks.length;

  return (
    <section aria-labelledby="approvals-title">
      <Group justify="space-between" mb="sm">
        <Title order={1} size="h3" id="approvals-title">
          {t('approvals.title')}
        </Title>
        <SegmentedControl
          aria-label={t('approvals.show')}
          value={status}
          onChange={(value) => {
            setStatus(value as ApprovalStatus);
            setSelected(new Set());
          }}
          data={[
            { value: 'submitted', label: t('approvals.status.submitted') },
            { value: 'approved', label: t('approvals.status.approved') },
          ]}
        />
      </Group>
      {!me.account.approvalsEnabled && (
        <Alert variant="light" color="gray" mb="sm">
          {t('approvals.turnedOff')}
        </Alert>
      )}
      <FormError error={decide.error} />
      {weeks.length > 0 && status === 'submitted' && (
        <Group mb="sm" mt="sm">
          <Button
            disabled={chosen.length === 0}
            loading={decide.isPending}
            onClick={() => decide.mutate({ action: 'approve', weeks: chosen })}
          >
            {t('approvals.approveSelected', { count: chosen.length })}
          </Button>
          <Button
            variant="default"
            disabled={chosen.length === 0}
            onClick={() => setRejecting(chosen)}
          >
            {t('approvals.rejectSelected', { count: chosen.length })}
          </Button>
        </Group>
      )}
      {queue.isPending ? (
        <Text>{t('common.loading')}</Text>
      ) : weeks.length === 0 ? (
        <Text c="dimmed" mt="md">
          {status === 'submitted' ? t('approvals.emptySubmitted') : t('approvals.emptyApproved')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={40}>
                  <Checkbox
                    aria-label={t('approvals.selectAll')}
                    checked={allChosen}
                    indeterminate={chosen.length > 0 && !allChosen}
                    onChange={() =>
                      setSelected(allChosen ? new Set() : new Set(weeks.map((w) => keyOf(w))))
                    }
                  />
                </Table.Th>
                <Table.Th scope="col">{t('approvals.person')}</Table.Th>
                <Table.Th scope="col">{t('approvals.week')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('approvals.hours')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('approvals.billable')}
                </Table.Th>
                <Table.Th scope="col">{t('approvals.warnings')}</Table.Th>
                <Table.Th scope="col">{t('approvals.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weeks.map((w) => {
                const name = `${w.person.firstName} ${w.person.lastName}`.trim();
                return (
                  <Table.Tr key={keyOf(w)} data-testid={`approval-${w.userId}-${w.weekStart}`}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('approvals.select', {
                          name,
                          week: dayRange(w.weekStart, w.weekEnd),
                        })}
                        checked={selected.has(keyOf(w))}
                        onChange={() => toggle(w)}
                      />
                    </Table.Td>
                    <Table.Th scope="row" fw={500}>
                      {name}
                    </Table.Th>
                    <Table.Td>{dayRange(w.weekStart, w.weekEnd)}</Table.Td>
                    <Table.Td className="num">{hours(w.seconds, me.account)}</Table.Td>
                    <Table.Td className="num">{hours(w.billableSeconds, me.account)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {w.warnings.map((warning) => (
                          <Badge key={warning} color="red.9" variant="outline" tt="none">
                            {t(`approvals.warning.${warning}`, {
                              count: w.missingDays.length,
                            })}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {status === 'submitted' ? (
                          <>
                            <Button
                              size="xs"
                              onClick={() => decide.mutate({ action: 'approve', weeks: [w] })}
                              aria-label={t('approvals.approveOne', { name })}
                            >
                              {t('approvals.approve')}
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setRejecting([w])}
                              aria-label={t('approvals.rejectOne', { name })}
                            >
                              {t('approvals.reject')}
                            </Button>
                          </>
                        ) : (
                          isAdmin(me) && (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => decide.mutate({ action: 'reopen', weeks: [w] })}
                              aria-label={t('approvals.reopenOne', { name })}
                            >
                              {t('approvals.reopen')}
                            </Button>
                          )
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={rejecting !== null}
        onClose={() => setRejecting(null)}
        title={t('approvals.rejectTitle', { count: rejecting?.length ?? 0 })}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (rejecting) decide.mutate({ action: 'reject', weeks: rejecting, reason });
          }}
        >
          <Textarea
            label={t('approvals.reason')}
            description={t('approvals.reasonHelp')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <FormError error={decide.error} />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setRejecting(null)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={decide.isPending}>
              {t('approvals.reject')}
            </Button>
          </Group>
        </form>
      </Modal>
    </section>
  );
}
