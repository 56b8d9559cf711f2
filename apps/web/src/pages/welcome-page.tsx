import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session-context.tsx';
import { usePageTitle } from '../components/use-page-title.ts';

/** Landing page for a role that has no page yet (before the backing APIs exist). */
export function WelcomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  usePageTitle(t('app.title'));
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t('home.heading', { name: session?.user.username ?? '' })}</Title>
      <Text>{t('home.intro')}</Text>
    </Stack>
  );
}
