import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../components/use-page-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.heading'));
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t('notFound.heading')}</Title>
      <Text>{t('notFound.body')}</Text>
      <div>
        <Button component={Link} to="/">{t('notFound.back')}</Button>
      </div>
    </Stack>
  );
}
