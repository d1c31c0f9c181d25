import { multiFieldPatch, multiFieldsOf, type MultiFieldValue } from '../../../data/fields/multi-fields.ts';
import type { FieldMeta, RecordData } from '../../../data/types.ts';

/**
 * A field's value as its input holds it: text for text, numbers, dates and ids (`''` is empty), a boolean
 * for a checkbox, a list for multiple fields, typed values for phones and e-mails (`fm`).
 */
export type FormValue = string | boolean | string[] | MultiFieldValue[];

export type FormValues = Record<string, FormValue>;

/** `Y`, `1`, `true` — the ways the portal says yes (crm.item chars and custom booleans, task flags). */
export function isYes(value: unknown): boolean {
  return value === true || value === 1 || value === 'Y' || value === '1' || value === 'true';
}

/** A user-field money value `"100.5|EUR"` split; the standard amounts (`opportunity`) are plain numbers. */
export function splitMoney(value: string): { amount: string; currency: string } {
  const [amount = '', currency = ''] = value.split('|');
  return { amount, currency };
}

/** Custom money fields (`money` user fields) keep amount and currency in one `"100|EUR"` string. */
export const isMoneyString = (field: FieldMeta) => field.type === 'money';

function scalarToForm(field: FieldMeta, v: unknown): string {
  if (v === null || v === undefined || typeof v === 'object') return '';
  const s = String(v);
  switch (field.kind) {
    case 'user':
    case 'crm-link':
      // crm.item says "no link" with 0.
      return s === '0' ? '' : s;
    case 'date':
      // The portal's date is midnight in its own zone (`2024-08-30T00:00:00+02:00`): the calendar day is the prefix.
      return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : '';
    case 'datetime':
      // A wall-clock `YYYY-MM-DDTHH:mm` in the portal's zone, what a datetime-local input holds.
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) ? s.slice(0, 16) : '';
    default:
      return s;
  }
}

/**
 * A record value as its input holds it.
 * @example toFormValue({ kind: 'date', … }, '2024-08-30T00:00:00+02:00') // '2024-08-30'
 */
export function toFormValue(field: FieldMeta, value: unknown): FormValue {
  if (field.kind === 'multi-field') return multiFieldsOf(value);
  if (field.kind === 'boolean' && !field.multiple) return isYes(value);
  if (field.multiple) {
    const list = Array.isArray(value) ? value : value === null || value === undefined || value === '' ? [] : [value];
    return list.map((v) => scalarToForm(field, v)).filter((v) => v !== '');
  }
  return scalarToForm(field, value);
}

/** The form values of a record (or of a new record: `{}`), for the given fields. */
export function formValuesOf(fields: readonly FieldMeta[], record: Record<string, unknown>): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, toFormValue(f, record[f.name])]));
}

/**
 * A typed amount as a number: spaces dropped, a decimal comma accepted (`1 234,5`), thousands commas
 * dropped when a point is the decimal sign (`1,234.5`); NaN when it is no number.
 * @example parseNumber('1 234,50') // 1234.5
 */
export function parseNumber(text: string): number {
  let s = text.replace(/[\s\u00a0\u202f']/g, '');
  if (s.includes(',') && s.includes('.')) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

function scalarToWire(field: FieldMeta, v: string): unknown {
  const t = v.trim();
  switch (field.kind) {
    case 'number':
    case 'money':
      if (isMoneyString(field)) return t;
      return t === '' ? null : parseNumber(t);
    case 'user':
      return t === '' ? null : Number(t);
    case 'crm-link':
      // Plain ids are numbers (0 = none); a link to several entity types is a prefixed string (`CO_3`).
      if (t === '') return /^(crm|crm_entity)$/.test(field.type) ? '' : 0;
      return /^\d+$/.test(t) ? Number(t) : t;
    case 'enum':
      // Custom enumerations are item ids (numbers on crm.item); other enumerations keep their codes.
      return t === '' ? null : field.custom && /^\d+$/.test(t) ? Number(t) : t;
    case 'status':
      if (t === '') return null;
      return field.type === 'crm_category' && /^\d+$/.test(t) ? Number(t) : t;
    case 'date':
      return t;
    case 'datetime':
      // Without a zone the portal reads its own wall clock — what the input showed.
      return t === '' ? '' : t.length === 16 ? `${t}:00` : t;
    default:
      return v;
  }
}

/**
 * A form value in the portal's write format. `original` is the record's value (a boolean answers in its
 * kind: `Y`/`N`, `1`/`0` or true/false; phones and e-mails go out as the operations from it to the new list).
 * @example toWireValue({ kind: 'money', type: 'double', … }, '1 500,5', 100) // 1500.5
 */
export function toWireValue(field: FieldMeta, value: FormValue, original: unknown): unknown {
  if (field.kind === 'multi-field') return multiFieldPatch(multiFieldsOf(original), value as MultiFieldValue[]);
  if (field.kind === 'boolean' && !field.multiple) {
    const yes = value === true;
    if (typeof original === 'boolean') return yes;
    if (typeof original === 'number') return yes ? 1 : 0;
    return yes ? 'Y' : 'N';
  }
  if (Array.isArray(value))
    return (value as string[]).filter((v) => v.trim() !== '').map((v) => scalarToWire(field, v));
  return scalarToWire(field, typeof value === 'string' ? value : '');
}

/** Whether an input holds something (false counts: "no" is an answer). */
export function hasValue(value: FormValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.some((v) => (typeof v === 'string' ? v.trim() !== '' : v.value.trim() !== ''));
  return value.trim() !== '';
}

/**
 * What to send: the fields the user changed (compared with the values the form opened with), in the
 * portal's write format. Read-only fields are never sent.
 * @example buildPatch(fields, initial, { ...initial, title: 'New' }, deal) // { title: 'New' }
 */
export function buildPatch(
  fields: readonly FieldMeta[],
  initial: FormValues,
  values: FormValues,
  record: RecordData | Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.readOnly || field.kind === 'id' || field.kind === 'file') continue;
    const value = values[field.name];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(initial[field.name])) continue;
    patch[field.name] = toWireValue(field, value, record[field.name]);
  }
  return patch;
}
