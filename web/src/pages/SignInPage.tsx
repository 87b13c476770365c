import {
  Button,
  Container,
  Paper,
  PasswordInput,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken } from '../api.ts';
import { FormError } from '../components/FormError.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accounts, setAccounts] = useState<{ value: string; label: string }[]>([]);
  const [accountId, setAccountId] = useState<string | null>(null);
  const signIn = useMutation({
    mutationFn: () =>
      api<{ csrfToken: string }>('POST', '/sessions', {
        email,
        password,
        ...(accountId ? { accountId: Number(accountId) } : {}),
      }),
    onError: (error) => {
      // A login in several accounts is told which: "7 (Acme)", one per detail.
      if (error instanceof ApiError && error.code === 'account_required') {
        setAccounts(
          error.details.flatMap((detail) => {
            const match = /^(\d+) \((.*)\)$/.exec(detail);
            return match ? [{ value: match[1] ?? '', label: match[2] ?? '' }] : [];
          }),
        );
      }
    },
    onSuccess: async (session) => {
      setCsrfToken(session.csrfToken);
      await client.invalidateQueries({ queryKey: ['session'] });
    },
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  return (
    <Container size={420} py="xl">
      <main>
        <Title order={1} ta="center" mb="lg">
          {t('signIn.title')}
        </Title>
        <Paper withBorder p="lg" component="form" onSubmit={submit}>
          <Stack>
            <TextInput
              label={t('signIn.email')}
              type="email"
              required
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              required
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {accounts.length > 0 && (
              <Select
                label={t('signIn.account')}
                description={t('signIn.accountHelp')}
                data={accounts}
                value={accountId}
                onChange={setAccountId}
                required
              />
            )}
            <Button type="submit" loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
          </Stack>
          {!(signIn.error instanceof ApiError && signIn.error.code === 'account_required') && (
            <FormError error={signIn.error} />
          )}
        </Paper>
      </main>
    </Container>
  );
}
