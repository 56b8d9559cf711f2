import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../auth/session-context.tsx';
import { homePath } from '../pages.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useAction } from '../api/use-action.ts';

/** Only same-app paths are followed after sign-in (no open redirect through `?next=`). */
function safeNext(next: string | null): string | undefined {
  return next !== null && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : undefined;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { session, login, endedBecause } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useAction();
  usePageTitle(t('login.heading'));

  if (session !== undefined && !busy) return <Navigate to={safeNext(params.get('next')) ?? homePath(session.user.role)} replace />;

  const userError = touched && username.trim() === '' ? t('login.required', { field: t('login.username').toLowerCase() }) : undefined;
  const passError = touched && password === '' ? t('login.required', { field: t('login.password').toLowerCase() }) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (username.trim() === '' || password === '') return;
    await run(async () => {
      const s = await login(username.trim(), password);
      navigate(safeNext(params.get('next')) ?? homePath(s.user.role), { replace: true });
    });
  }

  return (
    <Box component="main" id="main" mih="100vh" bg="gray.1" py="xl">
      <Center>
        <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="calc(100vw - 32px)">
          <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="login-heading">
            <Stack gap="md">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text fw={600} c="ndxp.8">{t('app.name')} · {t('app.title')}</Text>
                  <Text size="sm" c="dimmed">{t('app.fullName')}</Text>
                </div>
              </Group>
              <Title order={1} id="login-heading" size="h2">{t('login.heading')}</Title>
              <Text size="sm">{t('login.intro')}</Text>
              {endedBecause === 'expired' && error === undefined && <Alert color="orange" variant="light" role="status">{t('login.expired')}</Alert>}
              {error !== undefined && <ProblemAlert error={error} />}
              <TextInput
                label={t('login.username')}
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={userError}
                autoFocus
              />
              <PasswordInput
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={passError}
                visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }}
              />
              <Button type="submit" loading={busy} fullWidth>{busy ? t('login.submitting') : t('login.submit')}</Button>
              <Group justify="space-between">
                <LanguageSwitch />
              </Group>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
