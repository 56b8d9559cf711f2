import { createTheme, type MantineColorsTuple } from '@mantine/core';

/**
 * Deep government blue. Shade 8 (the primary shade in light mode) has a contrast of 8.9:1 with
 * white, above the 4.5:1 WCAG 2.1 SC 1.4.3 asks for normal text.
 */
const ndxp: MantineColorsTuple = ['#eaf1fb', '#d3e0f4', '#a6c0e9', '#769ede', '#4e81d4', '#356fce', '#2563c9', '#1a52b0', '#10479e', '#063a8a'];

/**
 * Mantine's default gray[6] (`dimmed` text) is #868e96: only 3.3:1 on white. These shades keep
 * the look but reach 4.5:1 (gray[5], placeholders) and 6:1 (gray[6], secondary text).
 */
const gray: MantineColorsTuple = ['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#ced4da', '#6c757d', '#5c636a', '#495057', '#343a40', '#212529'];

/** Darker greens and oranges so filled badges with white text keep 4.5:1 as well. */
const green: MantineColorsTuple = ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#37b24d', '#2b8a3e', '#1f6f30', '#175a26'];
const orange: MantineColorsTuple = ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#fd7e14', '#c25e00', '#a34f00', '#8a4200'];
const red: MantineColorsTuple = ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#fa5252', '#e03131', '#c42424', '#a51d1d'];

export const theme = createTheme({
  primaryColor: 'ndxp',
  primaryShade: { light: 8, dark: 4 },
  colors: { ndxp, gray, green, orange, red },
  // Text on filled colours is black or white, whichever contrasts: 0.18 is the relative luminance
  // where both reach 4.5:1 (WCAG 2.1 contrast formula), unlike Mantine's default of 0.3.
  autoContrast: true,
  luminanceThreshold: 0.18,
  // Focus ring on keyboard focus (:focus-visible) for every focusable element (SC 2.4.7).
  focusRing: 'auto',
  fontFamily: '"Be Vietnam Pro", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif',
  headings: { fontFamily: '"Be Vietnam Pro", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif', fontWeight: '600' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
});
