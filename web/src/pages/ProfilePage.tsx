import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
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
import { LANGUAGES, type Language } from '../i18n.ts';
import { useChooseLanguage, useMe } from '../session.ts';

interface SessionInfo {
  id: number;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

interface PersonalToken {
  id: number;
  name: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const ZONES = Intl.supportedValuesOf('timeZone');

function useWhen() {
  const { i18n } = useTranslation();
  return (iso: string | null) =>
    iso === null
      ? '—'
      : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(iso),
        );
}

function Details() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const chooseLanguage = useChooseLanguage();
  const [firstName, setFirstName] = useState(me.person.firstName);
  const [lastName, setLastName] = useState(me.person.lastName);
  const [timezone, setTimezone] = useState<string | null>(me.person.timezone);
  const save = useMutation({
    mutationFn: () =>
      api('PATCH', '/me', { firstName, lastName, ...(timezone ? { timezone } : {}) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['session'] }),
  });
  const errs_save = fieldErrors(save.error, {
    firstName: ['First name', 'FirstName'],
    lastName: ['Last name', 'LastName'],
    timezone: ['Timezone'],
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Title order={2} size="h4" mb="sm">
        {t('profile.details')}
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        {me.person.email}
      </Text>
      <Group align="flex-end">
        <TextInput
          label={t('profile.firstName')}
          error={errs_save.byField.firstName}
          value={firstName}
          onChange={(e) => setFirstName(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('profile.lastName')}
          error={errs_save.byField.lastName}
          value={lastName}
          onChange={(e) => setLastName(e.currentTarget.value)}
        />
        <Select
          label={t('profile.timezone')}
          error={errs_save.byField.timezone}
          data={ZONES.includes(me.person.timezone) ? ZONES : [me.person.timezone, ...ZONES]}
          value={timezone}
          onChange={setTimezone}
          searchable
          w={240}
        />
        <Select
          label={t('profile.language')}
          data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
          value={i18n.language}
          onChange={(value) => value && chooseLanguage(value as Language)}
          allowDeselect={false}
          w={180}
        />
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      {save.isSuccess && (
        <Text size="sm" mt="xs" role="status">
          {t('common.saved')}
        </Text>
      )}
      <FormMessages messages={errs_save.rest} />
    </Paper>
  );
}

function Password() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: () => api('POST', '/me/password', { currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
    },
  });
  const errs_change = fieldErrors(change.error, {
    currentPassword: ['The current password'],
    newPassword: ['Password'],
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Title order={2} size="h4" mb="sm">
        {t('profile.password')}
      </Title>
      <Group align="flex-end">
        <PasswordInput
          label={t('profile.currentPassword')}
          error={errs_change.byField.currentPassword}
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          required
        />
        <PasswordInput
          label={t('profile.newPassword')}
          error={errs_change.byField.newPassword}
          description={t('setup.passwordHelp')}
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          required
        />
        <Button type="submit" loading={change.isPending}>
          {t('profile.changePassword')}
        </Button>
      </Group>
      {change.isSuccess && (
        <Text size="sm" mt="xs" role="status">
          {t('profile.passwordChanged')}
        </Text>
      )}
      <FormMessages messages={errs_change.rest} />
    </Paper>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const when = useWhen();
  const client = useQueryClient();
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => get<{ data: PersonalToken[] }>('/me/tokens'),
  });
  const [name, setName] = useState('');
  const [days, setDays] = useState<string | null>('90');
  const [shown, setShown] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['tokens'] });
  const create = useMutation({
    mutationFn: () =>
      api<PersonalToken & { token: string }>('POST', '/me/tokens', {
        name,
        expiresInDays: days === 'never' ? null : Number(days),
      }),
    onSuccess: (issued) => {
      setShown(issued.token);
      setName('');
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api('DELETE', `/me/tokens/${id}`),
    onSuccess: refresh,
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t('profile.tokens')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('profile.tokensHelp')}
      </Text>
      <Group align="flex-end" component="form" onSubmit={submit}>
        <TextInput
          label={t('profile.tokenName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <Select
          label={t('profile.expires')}
          data={[
            { value: '30', label: t('profile.days', { count: 30 }) },
            { value: '90', label: t('profile.days', { count: 90 }) },
            { value: '365', label: t('profile.days', { count: 365 }) },
            { value: 'never', label: t('profile.never') },
          ]}
          value={days}
          onChange={setDays}
          allowDeselect={false}
          w={140}
        />
        <Button type="submit" loading={create.isPending}>
          {t('profile.createToken')}
        </Button>
      </Group>
      <FormError error={create.error} />
      {shown && (
        <Alert variant="outline" color="dark" mt="sm" title={t('profile.tokenOnce')} role="status">
          <Group>
            <Code data-testid="new-token">{shown}</Code>
            <CopyButton value={shown}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? t('profile.copied') : t('profile.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      {(tokens.data?.data.length ?? 0) > 0 && (
        <Table mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('profile.tokenName')}</Table.Th>
              <Table.Th scope="col">{t('profile.lastUsed')}</Table.Th>
              <Table.Th scope="col">{t('profile.expires')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('profile.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data?.data.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>
                  {token.name} <Code>…{token.hint}</Code>
                </Table.Td>
                <Table.Td>{when(token.lastUsedAt)}</Table.Td>
                <Table.Td>{token.expiresAt ? when(token.expiresAt) : t('profile.never')}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => {
                      if (window.confirm(t('profile.revokeTokenConfirm', { name: token.name }))) {
                        revoke.mutate(token.id);
                      }
                    }}
                  >
                    {t('profile.revokeToken')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const when = useWhen();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: () => get<{ data: SessionInfo[] }>('/sessions'),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api('DELETE', `/sessions/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['sessions'] }),
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('profile.sessions')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('profile.device')}</Table.Th>
            <Table.Th scope="col">{t('profile.lastSeen')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('profile.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(sessions.data?.data ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.userAgent ?? '—'}</Table.Td>
              <Table.Td>{when(s.lastSeenAt)}</Table.Td>
              <Table.Td>
                {s.current ? (
                  <Text size="sm">{t('profile.thisDevice')}</Text>
                ) : (
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => revoke.mutate(s.id)}
                  >
                    {t('profile.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('profile.title')}
      </Title>
      <Details />
      <Password />
      <Tokens />
      <Sessions />
    </Stack>
  );
}
