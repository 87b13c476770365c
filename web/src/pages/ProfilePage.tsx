import {
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { LANGUAGES, rememberLanguage, type Language } from '../i18n.ts';
import { useMe } from '../session.ts';

interface SessionInfo {
  id: number;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: () => get<{ data: SessionInfo[] }>('/sessions'),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api('DELETE', `/sessions/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['sessions'] }),
  });
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('profile.title')}
      </Title>
      <Paper withBorder p="md">
        <Text fw={600}>
          {me.person.firstName} {me.person.lastName}
        </Text>
        <Text c="dimmed">{me.person.email}</Text>
        <Text size="sm">
          {t('profile.timezone')}: {me.person.timezone}
        </Text>
        <Select
          mt="sm"
          label={t('profile.language')}
          data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
          value={i18n.language}
          onChange={(value) => value && rememberLanguage(value as Language)}
          allowDeselect={false}
          w={220}
        />
      </Paper>
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
                    <Group>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        onClick={() => revoke.mutate(s.id)}
                      >
                        {t('profile.revoke')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
