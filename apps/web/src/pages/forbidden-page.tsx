import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../auth/session-context.tsx';
import { usePageTitle } from '../components/use-page-title.ts';

export function ForbiddenPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  usePageTitle(t('forbidden.heading'));
  const role = session === undefined ? '' : t(`roles.${session.user.role}`);
  return (
    <Stack gap="md" maw={640} data-testid="forbidden">
      <Title order={1}>{t('forbidden.heading')}</Title>
      <Text>{t('forbidden.body', { role })}</Text>
      <div>
        <Button component={Link} to="/">{t('forbidden.back')}</Button>
      </div>
    </Stack>
  );
}
