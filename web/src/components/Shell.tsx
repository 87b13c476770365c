import {
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  Select,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { LANGUAGES, type Language } from '../i18n.ts';
import { useLiveUpdates } from '../live.ts';
import {
  canManage,
  isAdmin,
  useChooseLanguage,
  useMe,
  useSignOut,
  useSwitchAccount,
} from '../session.ts';
import { TimerBar } from './TimerBar.tsx';

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const chooseLanguage = useChooseLanguage();
  const switchAccount = useSwitchAccount();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  useLiveUpdates();

  const links = [
    { to: '/timesheet', label: t('nav.timesheet') },
    { to: '/day', label: t('nav.day') },
    { to: '/calendar', label: t('nav.calendar') },
    { to: '/reports', label: t('nav.reports') },
    { to: '/budgets', label: t('nav.budgets') },
    ...(canManage(me)
      ? [
          { to: '/approvals', label: t('nav.approvals') },
          { to: '/projects', label: t('nav.projects') },
          { to: '/clients', label: t('nav.clients') },
          { to: '/tasks', label: t('nav.tasks') },
          { to: '/people', label: t('nav.people') },
        ]
      : []),
    ...(isAdmin(me)
      ? [
          { to: '/invoices', label: t('nav.invoices') },
          { to: '/webhooks', label: t('nav.webhooks') },
          { to: '/audit', label: t('nav.audit') },
          { to: '/import', label: t('nav.import') },
          { to: '/settings', label: t('nav.settings') },
        ]
      : []),
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <a className="skip-link" href="#content">
          {t('nav.skip')}
        </a>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.menu')}
            />
            <Text fw={700} size="lg" component="span">
              Punch
            </Text>
            {me.accounts.length > 1 ? (
              <Select
                aria-label={t('nav.account')}
                data={me.accounts.map((a) => ({ value: String(a.id), label: a.name }))}
                value={String(me.account.id)}
                onChange={(value) => value && void switchAccount(Number(value))}
                allowDeselect={false}
                size="xs"
                w={180}
              />
            ) : (
              <Text c="dimmed" size="sm" component="span">
                {me.account.name}
              </Text>
            )}
          </Group>
          <Group gap="sm">
            <Select
              visibleFrom="sm"
              aria-label={t('profile.language')}
              data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
              value={i18n.language}
              onChange={(value) => value && chooseLanguage(value as Language)}
              allowDeselect={false}
              w={150}
              size="xs"
            />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.userMenu')} data-testid="user-menu">
                  <Text size="sm" fw={500} visibleFrom="sm">
                    {me.person.firstName} {me.person.lastName}
                  </Text>
                  <Text size="sm" fw={500} hiddenFrom="sm" aria-hidden>
                    ☰
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={RouterLink} to="/profile">
                  {t('nav.profile')}
                </Menu.Item>
                <Menu.Item onClick={() => void signOut()}>{t('nav.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={RouterLink}
            to={link.to}
            label={link.label}
            active={location.pathname.startsWith(link.to)}
            variant="filled"
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <TimerBar />
        <div id="content" tabIndex={-1}>
          {children}
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
