import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { Suspense, useEffect } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { pagesFor } from '../pages.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { Loading } from '../components/loading.tsx';

/**
 * The signed-in frame: header with language switch and account, a navigation listing only the
 * pages the role may open, and the page itself in `<main>`. Below the `sm` breakpoint (tablets in
 * portrait, small laptops zoomed to 200 %) the navigation folds behind a burger button.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const { session, logout } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  useEffect(close, [location.pathname, close]);
  if (session === undefined) return null;
  const pages = pagesFor(session.user.role);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={opened ? t('app.closeNavigation') : t('app.openNavigation')} aria-expanded={opened} aria-controls="main-navigation" />
            <Title order={2} size="h4" c="ndxp.8">{t('app.name')}</Title>
            <Text visibleFrom="md" size="sm">{t('app.title')}</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Stack gap={0} visibleFrom="sm" align="flex-end">
              <Text size="sm" fw={600} data-testid="signed-in-user">{session.user.username}</Text>
              <Group gap={4}>
                <Badge size="xs" variant="light">{t(`roles.${session.user.role}`)}</Badge>
                {session.user.member_code !== null && <Badge size="xs" variant="outline">{session.user.member_code}</Badge>}
              </Group>
            </Stack>
            <Button variant="default" size="xs" onClick={logout}>{t('session.signOut')}</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-navigation" component="nav" aria-label={t('app.mainNavigation')}>
        {pages.map((p) => (
          <NavLink key={p.key} component={RouterNavLink} to={p.path} label={t(`nav.${p.key}`)} active={location.pathname.startsWith(p.path)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
