import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi.ts';
import { en } from './en.ts';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

/**
 * The language preference is not a secret, so it may live in localStorage (unlike the session
 * token, which never does). Vietnamese is the default for every new visitor.
 */
const LANG_KEY = 'ndxp.lang';

function storedLang(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return v === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Keep `<html lang>` in step with the language (WCAG 2.1 SC 3.1.1 Language of Page). */
function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: 'vi',
  supportedLngs: ['vi', 'en'],
  // React escapes output already.
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are bundled, so there is nothing to wait for: render in the right language at once.
  initAsync: false,
});
applyLang(i18n.language === 'en' ? 'en' : 'vi');
i18n.on('languageChanged', (lng) => applyLang(lng === 'en' ? 'en' : 'vi'));

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}
