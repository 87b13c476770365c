import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { FormError } from '../components/FormError.tsx';
import { useMe } from '../session.ts';
import type { AccountSettings } from '../types.ts';

const ZONES = Intl.supportedValuesOf('timeZone');
const WEEK_STARTS = ['Monday', 'Sunday', 'Saturday'];
const ROUNDING_MODES = ['none', 'nearest', 'up'];
const ROUNDING_MINUTES = [1, 5, 6, 10, 15, 30, 60];

/** The account's settings: administrators only (the server refuses anyone else). */
export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [form, setForm] = useState<AccountSettings>(me.account);
  const set = <K extends keyof AccountSettings>(key: K, value: AccountSettings[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const { id: _id, dateFormat: _format, ...changes } = form;
      return api<AccountSettings>('PATCH', '/account', changes);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ['session'] }),
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Stack component="form" onSubmit={submit}>
      <Title order={1} size="h3">
        {t('settings.title')}
      </Title>
      <Paper withBorder p="md">
        <Stack maw={480}>
          <TextInput
            label={t('settings.name')}
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            required
          />
          <Select
            label={t('profile.timezone')}
            description={t('settings.timezoneHelp')}
            data={ZONES.includes(form.timezone) ? ZONES : [form.timezone, ...ZONES]}
            value={form.timezone}
            onChange={(v) => v && set('timezone', v)}
            searchable
            allowDeselect={false}
          />
          <Select
            label={t('settings.weekStart')}
            data={WEEK_STARTS.map((d) => ({ value: d, label: t(`settings.days.${d}`) }))}
            value={form.weekStartDay}
            onChange={(v) => v && set('weekStartDay', v)}
            allowDeselect={false}
          />
          <TextInput
            label={t('settings.currency')}
            description={t('settings.currencyHelp')}
            value={form.currency}
            onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
            maxLength={3}
            w={120}
          />
          <Select
            label={t('settings.timeFormat')}
            data={[
              { value: 'hours_minutes', label: '1:30' },
              { value: 'decimal', label: '1.50' },
            ]}
            value={form.timeFormat}
            onChange={(v) => v && set('timeFormat', v as AccountSettings['timeFormat'])}
            allowDeselect={false}
          />
          <Select
            label={t('settings.clock')}
            data={[
              { value: '24h', label: '13:30' },
              { value: '12h', label: '1:30pm' },
            ]}
            value={form.clock}
            onChange={(v) => v && set('clock', v as AccountSettings['clock'])}
            allowDeselect={false}
          />
          <Switch
            label={t('settings.timestamps')}
            description={t('settings.timestampsHelp')}
            checked={form.wantsTimestampTimers}
            onChange={(e) => set('wantsTimestampTimers', e.currentTarget.checked)}
          />
          <Group>
            <Select
              label={t('settings.rounding')}
              data={ROUNDING_MODES.map((m) => ({
                value: m,
                label: t(`settings.roundingModes.${m}`),
              }))}
              value={form.timeRoundingMode}
              onChange={(v) => v && set('timeRoundingMode', v)}
              allowDeselect={false}
              w={200}
            />
            <Select
              label={t('settings.roundingStep')}
              data={ROUNDING_MINUTES.map((m) => ({
                value: String(m),
                label: t('settings.minutes', { count: m }),
              }))}
              value={String(form.timeRoundingMinutes)}
              onChange={(v) => v && set('timeRoundingMinutes', Number(v))}
              allowDeselect={false}
              disabled={form.timeRoundingMode === 'none'}
              w={160}
            />
          </Group>
          <Switch
            label={t('settings.approvals')}
            description={t('settings.approvalsHelp')}
            checked={form.approvalsEnabled}
            onChange={(e) => set('approvalsEnabled', e.currentTarget.checked)}
          />
          <Group align="flex-start">
            <TextInput
              type="date"
              label={t('settings.lockDate')}
              description={t('settings.lockDateHelp')}
              value={form.lockDate ?? ''}
              onChange={(e) => set('lockDate', e.currentTarget.value || null)}
              w={220}
            />
            <NumberInput
              label={t('settings.autoLock')}
              description={t('settings.autoLockHelp')}
              min={0}
              max={366}
              allowDecimal={false}
              value={form.autoLockDays ?? ''}
              onChange={(v) => set('autoLockDays', v === '' ? null : Number(v))}
              w={220}
            />
          </Group>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
            {save.isSuccess && (
              <Text size="sm" role="status">
                {t('common.saved')}
              </Text>
            )}
          </Group>
          <FormError error={save.error} />
        </Stack>
      </Paper>
    </Stack>
  );
}
