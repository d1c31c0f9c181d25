import { translate } from '../i18n/index.ts';
import './locales.ts';

/** What formatting needs to know of a field (app/data's FieldMeta fits; ui does not import data). */
export interface FormattableField {
  kind: string;
  items?: readonly { id: string; value: string }[];
}

export interface FormatOptions {
  lang: string;
  /** ISO currency of a money value (`currencyId` of the same record). */
  currency?: string;
}

// Building an Intl formatter costs ~100× formatting with one (a 10,000-row grid formats on every scroll
// frame), so each (kind, language, currency) gets one, kept for the page's life. A pure cache: the same
// inputs give the same formatter, whoever asks.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(lang: string, currency?: string): Intl.NumberFormat {
  const key = `${lang}|${currency ?? ''}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, currency ? { style: 'currency', currency } : { maximumFractionDigits: 2 });
    numberFormats.set(key, f);
  }
  return f;
}

function dateFormat(lang: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withTime}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
    dateFormats.set(key, f);
  }
  return f;
}

function one(value: unknown, field: FormattableField | undefined, { lang, currency }: FormatOptions): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'object') {
    // Multi-fields (phone, email) arrive as {VALUE, VALUE_TYPE}; anything else has no text form.
    const v = (value as Record<string, unknown>).VALUE ?? (value as Record<string, unknown>).value;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  }
  const kind = field?.kind ?? 'string';
  const option = field?.items?.find((i) => i.id === String(value));
  if (option) return option.value;
  if (kind === 'boolean' || value === 'Y' || value === 'N' || typeof value === 'boolean') {
    const yes = value === true || value === 'Y' || value === '1' || value === 1;
    return translate(yes ? 'ui:yes' : 'ui:no');
  }
  if (kind === 'money' || kind === 'number') {
    const n = Number(value);
    if (!Number.isFinite(n)) return String(value);
    if (kind === 'money' && currency && /^[A-Z]{3}$/.test(currency)) {
      return numberFormat(lang, currency).format(n);
    }
    return numberFormat(lang).format(n);
  }
  if (kind === 'date' || kind === 'datetime') {
    const d = new Date(String(value));
    if (Number.isNaN(d.getTime())) return String(value);
    return dateFormat(lang, kind === 'datetime').format(d);
  }
  return String(value);
}

/**
 * A field value as display text (always text: callers render it as a React text node, never as HTML).
 * Empty values give `''` so the caller can show a dash or leave the row out.
 * @example formatValue(12500, { kind: 'money' }, { lang: 'de', currency: 'EUR' }) // '12.500,00 €'
 */
export function formatValue(value: unknown, field: FormattableField | undefined, options: FormatOptions): string {
  if (Array.isArray(value))
    return value
      .map((v) => one(v, field, options))
      .filter(Boolean)
      .join(', ');
  return one(value, field, options);
}
