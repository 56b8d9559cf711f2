import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Each page has a descriptive title (WCAG 2.1 SC 2.4.2 Page Titled). */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}
