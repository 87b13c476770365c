import {
  Button,
  Container,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api.ts';
import { FormMessages } from '../components/FormError.tsx';
import { fieldErrors } from '../field-errors.ts';

/** First run: the holder of the code `punch serve` printed creates the account and signs in. */
export function SetupPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    code: '',
    accountName: '',
    firstName: '',
    lastName: '',
    email: '',
    password: '',
  });
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [name]: value }));
    },
  });
  const create = useMutation({
    mutationFn: async () => {
      await api('POST', '/setup', {
        ...form,
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      const signedIn = await api<{ csrfToken: string }>('POST', '/sessions', {
        email: form.email,
        password: form.password,
      });
      setCsrfToken(signedIn.csrfToken);
    },
    onSuccess: async () => {
      client.setQueryData(['setup'], { needed: false });
      await client.invalidateQueries({ queryKey: ['session'] });
      void navigate('/timesheet');
    },
  });
  const errs_create = fieldErrors(create.error, {
    code: ['That setup code', 'Code'],
    accountName: ['Account name', 'AccountName'],
    email: ['Email'],
    password: ['Password'],
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <Container size={460} py="xl">
      <main>
        <Title order={1} ta="center" mb="xs">
          {t('setup.title')}
        </Title>
        <Text c="dimmed" ta="center" mb="lg">
          {t('setup.intro')}
        </Text>
        <Paper withBorder p="lg" component="form" onSubmit={submit}>
          <Stack>
            <TextInput
              label={t('setup.code')}
              error={errs_create.byField.code}
              description={t('setup.codeHelp')}
              required
              autoComplete="off"
              {...field('code')}
            />
            <TextInput
              label={t('setup.accountName')}
              error={errs_create.byField.accountName}
              required
              {...field('accountName')}
            />
            <TextInput
              label={t('profile.firstName')}
              required
              autoComplete="given-name"
              {...field('firstName')}
            />
            <TextInput
              label={t('profile.lastName')}
              autoComplete="family-name"
              {...field('lastName')}
            />
            <TextInput
              label={t('signIn.email')}
              error={errs_create.byField.email}
              type="email"
              required
              autoComplete="email"
              {...field('email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              error={errs_create.byField.password}
              description={t('setup.passwordHelp')}
              required
              autoComplete="new-password"
              {...field('password')}
            />
            <Button type="submit" loading={create.isPending}>
              {t('setup.create')}
            </Button>
          </Stack>
          <FormMessages messages={errs_create.rest} />
        </Paper>
      </main>
    </Container>
  );
}
