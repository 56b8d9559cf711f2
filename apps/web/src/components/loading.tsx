import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner that screen readers announce. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}
