import type { Language } from '../../i18n/index.ts';

/**
 * A number as the page's language writes it, up to `digits` decimals (rates: 4, prices: 2).
 * @example formatNumber(1234.5, 'de') // '1.234,5'
 */
export function formatNumber(value: number | null | undefined, lang: Language, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
}

/**
 * A change in percent with its sign (`+1.25 %`, `−0.4 %`, `0 %`).
 * @example formatPercent(1.25, 'en') // '+1.25%'
 */
export function formatPercent(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  // A change too small for two decimals still shows (−0.001 %), rather than reading as no change.
  const digits = value !== 0 && Math.abs(value) < 0.005 ? 3 : 2;
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: digits,
    signDisplay: 'exceptZero',
  }).format(value / 100);
}

/**
 * Time left as a short duration: seconds under a minute, then minutes (`45 s`, `3 min`, `1 h 5 min`).
 * @example formatDuration(95_000, 'en') // '2 min'
 */
export function formatDuration(ms: number, lang: Language): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  const unit = (n: number, u: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  if (seconds < 60) return unit(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  return `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`;
}

/**
 * An ISO time as a short date and time in the page's language; '' for none.
 * @example formatDateTime('2024-05-10T08:30:00Z', 'en') // '5/10/24, 8:30 AM' (in the browser's zone)
 */
export function formatDateTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/** A field value of a plan or a change record as text ('' and null show as an em dash). */
export function valueText(value: string | number | null | undefined, lang: Language): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'number' ? formatNumber(value, lang, 4) : value;
}
