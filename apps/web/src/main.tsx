import '@fontsource/be-vietnam-pro/vietnamese-400.css';
import '@fontsource/be-vietnam-pro/vietnamese-600.css';
import '@fontsource/be-vietnam-pro/latin-400.css';
import '@fontsource/be-vietnam-pro/latin-600.css';
import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { setNonce } from 'get-nonce';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { i18n } from './i18n/i18n.ts';
import { theme } from './theme.ts';
import { SessionProvider } from './auth/session-context.tsx';
import { App } from './app.tsx';

/**
 * The hub puts a fresh nonce into `<meta property="csp-nonce">` on every page load; Mantine's
 * runtime style tags must carry it, because the Content-Security-Policy allows no other inline
 * style element. (Browsers hide the attribute after parsing; the `nonce` property keeps it.)
 */
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
// Mantine's modals lock page scrolling with react-remove-scroll, which adds its own <style>; it
// takes the nonce from get-nonce.
setNonce(nonce);

const root = document.getElementById('root');
if (root === null) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light" getStyleNonce={() => nonce}>
        <SessionProvider>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </SessionProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
