import type { vi } from './vi.ts';

// Typed translation keys: `t('nav.overvew')` is a compile error, not a blank label at run time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}
