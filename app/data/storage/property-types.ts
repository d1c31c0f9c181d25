/**
 * The value types Kontor offers for a storage property. Bitrix24 knows only three (`entity.item.property.add`
 * `TYPE`: S string, N number, F file), so Kontor stores each of its types as one of those and keeps its own
 * type in the app option `kontor.storages` (storage-registry.ts, docs/storage.md).
 */
export const PROPERTY_TYPES = ['string', 'number', 'date', 'file', 'crm', 'user'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** The portal's property type (`TYPE` of `entity.item.property.*`). */
export type BitrixPropertyType = 'S' | 'N' | 'F';

/**
 * How each Kontor type is stored. A date is an ISO date string (`2026-03-25`, sorts as text), a file link
 * a URL, a CRM item its binding code (`D_12`, the form the card tab looks for), a user an id.
 */
export const BITRIX_TYPE: Record<PropertyType, BitrixPropertyType> = {
  string: 'S',
  number: 'N',
  date: 'S',
  file: 'S',
  crm: 'S',
  user: 'N',
};

export function isPropertyType(value: unknown): value is PropertyType {
  return typeof value === 'string' && (PROPERTY_TYPES as readonly string[]).includes(value);
}

/**
 * The Kontor type of a property the schema does not describe (created elsewhere, or before Kontor kept a
 * schema): from the portal's own type.
 * @example typeFromBitrix('N') // 'number'
 */
export function typeFromBitrix(bitrixType: string): PropertyType {
  const t = bitrixType.toUpperCase();
  return t === 'N' ? 'number' : t === 'F' ? 'file' : 'string';
}

/** Why a value does not fit its property's type (an i18n key suffix of the `storage` namespace's `invalid.*`). */
export type ValueProblem = 'number' | 'date' | 'file' | 'crm' | 'user';

export type CheckedValue = { ok: true; value: string } | { ok: false; problem: ValueProblem };

const NUMBER = /^-?\d+(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const USER = /^[1-9]\d*$/;
const CRM = /^(?:(L|D|C|CO)|T([0-9a-fA-F]+))_([1-9]\d*)$/;

/** The CRM entity types of the fixed binding prefixes (methods.md §2.1); smart processes are `T` + hex. */
const CRM_PREFIX: Record<string, number> = { L: 1, D: 2, C: 3, CO: 4 };
const FIRST_SMART_PROCESS_ID = 128;

/**
 * A CRM binding code → entity type and id; null when it is not one Kontor can open (`Q_1`, `T1_3`).
 * @example parseCrmCode('T406_5') // { code: 'T406_5', entityTypeId: 1030, id: '5' }
 */
export function parseCrmCode(code: string): { code: string; entityTypeId: number; id: string } | null {
  const m = CRM.exec(code.trim());
  if (!m) return null;
  const [, fixed, hex, id = ''] = m;
  if (fixed) return { code: `${fixed}_${id}`, entityTypeId: CRM_PREFIX[fixed]!, id };
  const entityTypeId = parseInt(hex!, 16);
  if (entityTypeId < FIRST_SMART_PROCESS_ID) return null;
  // The portal writes the hex in lower case (`T40e_5`); so do we, or a filter by code would miss.
  return { code: `T${entityTypeId.toString(16)}_${id}`, entityTypeId, id };
}

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function validUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Checks and normalises a value typed by a person or read from a CSV file for a property of `type`.
 * `''` (no value) fits every type. Numbers use a dot (`12.5`), dates are `YYYY-MM-DD`, file links
 * http(s) URLs, CRM items binding codes (`D_12`), users ids.
 * @example checkValue('date', '2026-02-30') // { ok: false, problem: 'date' }
 * @example checkValue('crm', ' D_12 ') // { ok: true, value: 'D_12' }
 */
export function checkValue(type: PropertyType, raw: string): CheckedValue {
  const text = raw.trim();
  if (text === '') return { ok: true, value: '' };
  switch (type) {
    case 'string':
      // Text is kept as typed (leading spaces may matter); only an all-blank value counts as empty.
      return { ok: true, value: raw };
    case 'number':
      return NUMBER.test(text) ? { ok: true, value: text } : { ok: false, problem: 'number' };
    case 'date':
      return validDate(text) ? { ok: true, value: text } : { ok: false, problem: 'date' };
    case 'file':
      return validUrl(text) ? { ok: true, value: text } : { ok: false, problem: 'file' };
    case 'crm': {
      const parsed = parseCrmCode(text);
      return parsed ? { ok: true, value: parsed.code } : { ok: false, problem: 'crm' };
    }
    case 'user':
      return USER.test(text) ? { ok: true, value: text } : { ok: false, problem: 'user' };
  }
}

/**
 * A stored value as Kontor shows and edits it: the portal sends property values as strings (or arrays for
 * multiple values, or null); a number property may come back as `12.5000` from a real portal's float column.
 * @example valueText('number', '12.5000') // '12.5'
 */
export function valueText(type: PropertyType, stored: unknown): string {
  if (stored === null || stored === undefined) return '';
  if (Array.isArray(stored))
    return stored
      .map((v) => valueText(type, v))
      .filter(Boolean)
      .join(', ');
  const text = typeof stored === 'object' ? JSON.stringify(stored) : String(stored);
  if ((type === 'number' || type === 'user') && NUMBER.test(text.trim())) {
    const n = text.trim();
    return n.includes('.') ? n.replace(/\.?0+$/, '') : n;
  }
  return text;
}

/** Property and storage codes: what `entity.*` keeps of a code (`[a-zA-Z0-9_]`). */
export const CODE_PATTERN = /^[A-Za-z0-9_]+$/;
/** The usual limit of a storage code: 50 characters minus `APP_<clientId>_` (methods.md §10). */
export const MAX_ENTITY_LENGTH = 13;
export const MAX_PROPERTY_LENGTH = 50;
