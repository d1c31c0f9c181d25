import type { MultiFieldValue } from '../../../data/fields/multi-fields.ts';
import type { FieldMeta } from '../../../data/types.ts';
import { hasValue, isMoneyString, parseNumber, splitMoney, type FormValue, type FormValues } from './form-values.ts';

/** Why a value cannot be sent; each is a message key of the `crmRecord` namespace (`invalid.<key>`). */
export type ValidationError = 'required' | 'number' | 'integer' | 'url' | 'email' | 'phone' | 'date' | 'datetime';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/**
 * A web address the portal will store and a browser can open: http(s) or ftp, with a host that has a dot
 * (or `localhost`). A bare `example.com` is fine (the portal keeps it as typed); `javascript:` never is.
 * @example isUrl('example.com/x') // true; isUrl('javascript:alert(1)') // false
 */
export function isUrl(text: string): boolean {
  const t = text.trim();
  if (!t || /\s/.test(t)) return false;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(t) ? t : `http://${t}`;
  try {
    const url = new URL(withScheme);
    if (!['http:', 'https:', 'ftp:'].includes(url.protocol)) return false;
    return url.hostname === 'localhost' || /\.[a-z0-9-]{2,}$/i.test(url.hostname);
  } catch {
    return false;
  }
}

/** @example isEmail('anna@example.com') // true */
export const isEmail = (text: string) => EMAIL.test(text.trim());

/** Digits with the usual separators and `+` (`(+45) 12-34`); at least three digits. */
export function isPhone(text: string): boolean {
  const t = text.trim();
  return /^[+\d\s().\-/]+$/.test(t) && (t.match(/\d/g)?.length ?? 0) >= 3;
}

/**
 * What is wrong with one phone, e-mail, website or messenger value (empty values are dropped on save).
 * @example validateMultiFieldValue({ typeId: 'EMAIL', valueType: 'WORK', value: 'anna@' }) // 'email'
 */
export function validateMultiFieldValue(v: MultiFieldValue): ValidationError | null {
  const t = v.value.trim();
  if (!t) return null;
  if (v.typeId === 'EMAIL') return isEmail(t) ? null : 'email';
  if (v.typeId === 'PHONE') return isPhone(t) ? null : 'phone';
  if (v.typeId === 'WEB') return isUrl(t) ? null : 'url';
  return null;
}

function validateScalar(field: FieldMeta, text: string): ValidationError | null {
  const t = text.trim();
  if (!t) return null;
  switch (field.kind) {
    case 'number':
    case 'money': {
      const amount = isMoneyString(field) ? splitMoney(t).amount : t;
      if (!amount.trim()) return null;
      const n = parseNumber(amount);
      if (!Number.isFinite(n)) return 'number';
      return field.type === 'integer' && !Number.isInteger(n) ? 'integer' : null;
    }
    case 'url':
      return isUrl(t) ? null : 'url';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(t)) ? null : 'date';
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(t) ? null : 'datetime';
    default:
      return null;
  }
}

/**
 * The first problem with a field's value before it is sent: required and empty, not a number, not a web
 * address, a phone or e-mail that cannot be one. Read-only fields are never checked (never sent).
 * @example validateField({ kind: 'number', required: true, … }, '') // 'required'
 */
export function validateField(field: FieldMeta, value: FormValue | undefined): ValidationError | null {
  if (field.readOnly) return null;
  if (field.required && !hasValue(value)) return 'required';
  if (value === undefined || typeof value === 'boolean') return null;
  if (field.kind === 'multi-field') {
    for (const v of value as MultiFieldValue[]) {
      const error = validateMultiFieldValue(v);
      if (error) return error;
    }
    return null;
  }
  for (const text of Array.isArray(value) ? (value as string[]) : [value]) {
    const error = validateScalar(field, text);
    if (error) return error;
  }
  return null;
}

/**
 * Every field's problem, by field name; empty when the form can be sent.
 * @example validateForm(fields, values) // { opportunity: 'number' }
 */
export function validateForm(fields: readonly FieldMeta[], values: FormValues): Record<string, ValidationError> {
  const out: Record<string, ValidationError> = {};
  for (const f of fields) {
    const error = validateField(f, values[f.name]);
    if (error) out[f.name] = error;
  }
  return out;
}
