import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { FormError, FormMessages } from '../components/FormError.tsx';
import { fieldErrors } from '../field-errors.ts';
import { locale } from '../i18n.ts';
import type { Webhook, WebhookDelivery } from '../types.ts';

/** Suggestions for the events field; any type the API knows may be typed. */
const SUGGESTED_EVENTS = [
  '*',
  'time_entry.*',
  'timer.*',
  'timesheet.*',
  'invoice.*',
  'project.*',
  'client.*',
  'person.*',
  'budget.*',
];

const STATUS_COLOR = {
  succeeded: 'teal.9',
  pending: 'orange.9',
  delivering: 'blue.9',
  failed: 'red.9',
} as const;

const when = (iso: string | null) =>
  iso === null
    ? '—'
    : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(
        new Date(iso),
      );

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['webhook-deliveries', webhook.id];
  const deliveries = useQuery({
    queryKey: key,
    queryFn: () => get<{ data: WebhookDelivery[] }>(`/webhooks/${webhook.id}/deliveries?limit=50`),
    // Deliveries move on in the background (retries, the worker): read them afresh while open.
    staleTime: 0,
    refetchInterval: 5000,
  });
  const redeliver = useMutation({
    mutationFn: (d: WebhookDelivery) =>
      api('POST', `/webhooks/${webhook.id}/deliveries/${d.id}/redeliver`),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
  const rows = deliveries.data?.data ?? [];
  return (
    <Stack gap="xs" mt="sm">
      <FormError error={deliveries.error ?? redeliver.error} />
      {deliveries.isSuccess && rows.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('webhooks.noDeliveries')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder data-testid={`deliveries-${webhook.id}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('webhooks.event')}</Table.Th>
                <Table.Th scope="col">{t('webhooks.status')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('webhooks.attempts')}
                </Table.Th>
                <Table.Th scope="col">{t('webhooks.lastAnswer')}</Table.Th>
                <Table.Th scope="col">{t('webhooks.when')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('webhooks.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Code>{d.eventType}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[d.status]} variant="outline">
                      {t(`webhooks.statuses.${d.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="num">{d.attempts}</Table.Td>
                  <Table.Td>
                    {d.lastStatusCode !== null
                      ? t('webhooks.answered', {
                          code: d.lastStatusCode,
                          ms: d.lastDurationMs ?? 0,
                        })
                      : (d.lastError ?? '—')}
                  </Table.Td>
                  <Table.Td>
                    {d.status === 'pending' && d.nextAttemptAt
                      ? t('webhooks.nextAt', { when: when(d.nextAttemptAt) })
                      : when(d.lastAttemptedAt ?? d.createdAt)}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => redeliver.mutate(d)}
                      aria-label={t('webhooks.redeliverOf', { id: d.id })}
                    >
                      {t('webhooks.redeliver')}
                    </Button>
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

/** Webhook subscriptions: where the account's events are POSTed, and how each delivery went. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const webhooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => get<{ data: Webhook[] }>('/webhooks'),
  });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['time_entry.*']);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['webhooks'] });
  const create = useMutation({
    mutationFn: () =>
      api<{ webhook: Webhook; secret: string }>('POST', '/webhooks', { url, events }),
    onSuccess: (created) => {
      setSecret({ url: created.webhook.url, secret: created.secret });
      setUrl('');
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (w: Webhook) =>
      api('PATCH', `/webhooks/${w.id}`, { active: !w.active || w.pausedAt !== null }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (w: Webhook) => api('DELETE', `/webhooks/${w.id}`),
    onSuccess: refresh,
  });
  const rotate = useMutation({
    mutationFn: (w: Webhook) =>
      api<{ webhook: Webhook; secret: string }>('POST', `/webhooks/${w.id}/secret`),
    onSuccess: (rotated) => setSecret({ url: rotated.webhook.url, secret: rotated.secret }),
  });
  const ping = useMutation({
    mutationFn: (w: Webhook) => api<WebhookDelivery>('POST', `/webhooks/${w.id}/ping`),
    onSuccess: (_delivery, w) => {
      setOpen(w.id);
      void client.invalidateQueries({ queryKey: ['webhook-deliveries', w.id] });
    },
  });
  const errs = fieldErrors(create.error, { url: ['url'], events: ['events'] });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const rows = webhooks.data?.data ?? [];
  return (
    <section aria-labelledby="webhooks-title">
      <Title order={1} size="h3" id="webhooks-title" mb="xs">
        {t('webhooks.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        {t('webhooks.intro')}
      </Text>
      <Paper withBorder p="sm" mb="md" component="form" onSubmit={submit}>
        <Group align="flex-start" grow>
          <TextInput
            label={t('webhooks.url')}
            placeholder="https://example.com/punch-hooks"
            required
            type="url"
            error={errs.byField.url}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <TagsInput
            label={t('webhooks.events')}
            description={t('webhooks.eventsHelp')}
            data={SUGGESTED_EVENTS}
            value={events}
            onChange={setEvents}
            error={errs.byField.events}
          />
        </Group>
        <Group mt="sm">
          <Button type="submit" loading={create.isPending}>
            {t('webhooks.add')}
          </Button>
        </Group>
        <FormMessages messages={errs.rest} />
      </Paper>
      {secret && (
        <Alert
          variant="default"
          mb="md"
          title={t('webhooks.secretTitle')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setSecret(null)}
        >
          <Text size="sm">{t('webhooks.secretOnce', { url: secret.url })}</Text>
          <Code block data-testid="webhook-secret">
            {secret.secret}
          </Code>
        </Alert>
      )}
      <FormError
        error={webhooks.error ?? toggle.error ?? remove.error ?? rotate.error ?? ping.error}
      />
      {webhooks.isSuccess && rows.length === 0 && <Text c="dimmed">{t('webhooks.empty')}</Text>}
      <Stack>
        {rows.map((w) => (
          <Paper key={w.id} withBorder p="sm" data-testid={`webhook-${w.id}`}>
            <Group justify="space-between" align="flex-start">
              <Stack gap={4}>
                <Text fw={600} style={{ wordBreak: 'break-all' }}>
                  {w.url}
                </Text>
                <Group gap={4}>
                  {w.events.map((e) => (
                    <Code key={e}>{e}</Code>
                  ))}
                </Group>
                <Group gap="xs">
                  {w.pausedAt !== null ? (
                    <Badge color="red.9" variant="outline">
                      {t('webhooks.paused')}
                    </Badge>
                  ) : w.active ? (
                    <Badge color="teal.9" variant="outline">
                      {t('webhooks.on')}
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="outline">
                      {t('webhooks.off')}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {t('webhooks.counts', {
                      pending: w.pendingDeliveries,
                      failed: w.failedDeliveries,
                    })}
                  </Text>
                </Group>
                {w.pausedReason && (
                  <Text size="sm" c="red.9">
                    {t('webhooks.pausedBecause', { reason: w.pausedReason })}
                  </Text>
                )}
              </Stack>
              <Group gap="xs">
                <Switch
                  checked={w.active && w.pausedAt === null}
                  onChange={() => toggle.mutate(w)}
                  label={t('webhooks.deliver')}
                  aria-label={t('webhooks.deliverTo', { url: w.url })}
                />
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => ping.mutate(w)}
                  loading={ping.isPending && ping.variables.id === w.id}
                >
                  {t('webhooks.ping')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setOpen(open === w.id ? null : w.id)}
                  aria-expanded={open === w.id}
                >
                  {t('webhooks.deliveries')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    if (window.confirm(t('webhooks.rotateConfirm', { url: w.url })))
                      rotate.mutate(w);
                  }}
                >
                  {t('webhooks.rotate')}
                </Button>
                <Button
                  size="xs"
                  color="red"
                  variant="subtle"
                  onClick={() => {
                    if (window.confirm(t('webhooks.deleteConfirm', { url: w.url })))
                      remove.mutate(w);
                  }}
                >
                  {t('webhooks.delete')}
                </Button>
              </Group>
            </Group>
            {open === w.id && <Deliveries webhook={w} />}
          </Paper>
        ))}
      </Stack>
    </section>
  );
}
