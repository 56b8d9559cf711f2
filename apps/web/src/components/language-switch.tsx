import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Vietnamese first, English one click away. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(v) => void i18n.changeLanguage(v)}
      data={[
        { value: 'vi', label: <span lang="vi">{t('language.vi')}</span> },
        { value: 'en', label: <span lang="en">{t('language.en')}</span> },
      ]}
    />
  );
}
