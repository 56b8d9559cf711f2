import { currentLang } from './i18n/i18n.ts';

/** Times are shown in Vietnam's time zone (UTC+7), whatever the browser's zone, with the zone named. */
const TZ = 'Asia/Ho_Chi_Minh';

function locale(): string {
  return currentLang() === 'en' ? 'en-GB' : 'vi-VN';
}

export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { timeZone: iso.length === 10 ? 'UTC' : TZ, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

export function formatNumber(n: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits }).format(n);
}

export function formatPercent(ratio: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}
