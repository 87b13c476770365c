import { Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken } from '../api.ts';
import { FormError } from '../components/FormError.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api<{ csrfToken: string }>('POST', '/sessions', { email, password }),
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
            <Button type="submit" loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
          </Stack>
          <FormError error={signIn.error} />
        </Paper>
      </main>
    </Container>
  );
}
