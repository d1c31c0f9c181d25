import type { Db } from '../../db/database.ts';
import {
  condition,
  jsonField,
  type Column,
  type ColumnResolver,
  type FilterOp,
  type SqlPart,
  type StoredType,
} from '../engine/query.ts';
import { isPlainObject } from '../engine/params.ts';
import { formatIso, fromWallClock, parseDateInput, toStoredDateTime, wallClock } from '../engine/time.ts';
import {
  COMPANY,
  CONTACT,
  DEAL,
  LEAD,
  MULTI_TYPES,
  userFieldsOf,
  userFieldVersion,
  type EntityInfo,
  type UserField,
} from './crm-store.ts';

/**
 * Field metadata of CRM entities and the conversions between the stored document and the two
 * wire regimes: legacy (`crm.deal.*`: UPPER keys, string values, `null` empty links) and
 * universal (`crm.item.*`: camelCase, real numbers, `0` empty links).
 */

export type FieldKind =
  'int' | 'float' | 'money' | 'bool' | 'string' | 'datetime' | 'date' | 'multi' | 'intList' | 'uf';
/** How a user field's value is stored. */
export type UfKind = 'int' | 'float' | 'string' | 'bool01' | 'date' | 'datetime' | 'json';

export interface FieldDef {
  name: string;
  camel: string;
  type: string;
  kind: FieldKind;
  title: string;
  link: boolean;
  readOnly: boolean;
  immutable: boolean;
  required: boolean;
  multiple: boolean;
  statusType?: string;
  /** Readable through legacy get/list (CONTACT_IDS is write-only there). */
  legacyRead: boolean;
  /** Known to the legacy API at all. */
  legacy: boolean;
  /** Known to crm.item. */
  item: boolean;
  uf?: UserField;
  ufKind?: UfKind;
}

// name, type, flags, title, camel override, statusType
// flags: r read-only, i immutable, q required, L empty link, w legacy write-only, x item-only, $ money, m multiple
type Spec = [string, string, string?, string?, string?, string?];

const KIND_BY_TYPE: Record<string, FieldKind> = {
  integer: 'int',
  user: 'int',
  crm_company: 'int',
  crm_contact: 'int',
  crm_lead: 'int',
  crm_quote: 'int',
  crm_category: 'int',
  double: 'float',
  char: 'bool',
  datetime: 'datetime',
  date: 'date',
  string: 'string',
  crm_status: 'string',
  crm_currency: 'string',
  location: 'string',
  text: 'string',
  crm_multifield: 'multi',
};

const CAMEL_OVERRIDES: Record<string, string> = {
  DATE_CREATE: 'createdTime',
  DATE_MODIFY: 'updatedTime',
  CREATED_BY_ID: 'createdBy',
  MODIFY_BY_ID: 'updatedBy',
  MOVED_BY_ID: 'movedBy',
  CREATED_BY: 'createdBy',
  UPDATED_BY: 'updatedBy',
  MOVED_BY: 'movedBy',
};

export function snakeToCamel(name: string): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function build(specs: Spec[]): FieldDef[] {
  return specs.map(([name, type, flags = '', title, camel, statusType]) => {
    const multiple = flags.includes('m');
    let kind: FieldKind = KIND_BY_TYPE[type] ?? 'string';
    if (multiple && kind === 'int') kind = 'intList';
    if (flags.includes('$')) kind = 'money';
    const def: FieldDef = {
      name,
      camel: camel ?? CAMEL_OVERRIDES[name] ?? snakeToCamel(name),
      type,
      kind,
      title: title ?? name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' '),
      link: flags.includes('L'),
      readOnly: flags.includes('r'),
      immutable: flags.includes('i'),
      required: flags.includes('q'),
      multiple: multiple || kind === 'multi',
      legacyRead: !flags.includes('w') && !flags.includes('x'),
      legacy: !flags.includes('x'),
      item: kind !== 'multi',
    };
    if (statusType) def.statusType = statusType;
    return def;
  });
}

const UTM: Spec[] = [
  ['UTM_SOURCE', 'string', '', 'Ad system'],
  ['UTM_MEDIUM', 'string', '', 'Medium'],
  ['UTM_CAMPAIGN', 'string', '', 'Ad campaign UTM'],
  ['UTM_CONTENT', 'string', '', 'Campaign contents'],
  ['UTM_TERM', 'string', '', 'Campaign search term'],
];
const MULTI: Spec[] = [
  ['PHONE', 'crm_multifield', '', 'Phone'],
  ['EMAIL', 'crm_multifield', '', 'E-mail'],
  ['WEB', 'crm_multifield', '', 'Website'],
  ['IM', 'crm_multifield', '', 'Messenger'],
  ['LINK', 'crm_multifield', '', 'Link'],
];
const ADDRESS: Spec[] = [
  ['ADDRESS', 'string', '', 'Address'],
  ['ADDRESS_2', 'string', '', 'Address (line 2)'],
  ['ADDRESS_CITY', 'string', '', 'City'],
  ['ADDRESS_POSTAL_CODE', 'string', '', 'Zip'],
  ['ADDRESS_REGION', 'string', '', 'Region'],
  ['ADDRESS_PROVINCE', 'string', '', 'State / Province'],
  ['ADDRESS_COUNTRY', 'string', '', 'Country'],
  ['ADDRESS_COUNTRY_CODE', 'string', '', 'Country code'],
];
const AUDIT: Spec[] = [
  ['ASSIGNED_BY_ID', 'user', '', 'Responsible person'],
  ['CREATED_BY_ID', 'user', 'r', 'Created by'],
  ['MODIFY_BY_ID', 'user', 'r', 'Modified by'],
  ['DATE_CREATE', 'datetime', 'r', 'Created on'],
  ['DATE_MODIFY', 'datetime', 'r', 'Modified on'],
];
const ACTIVITY: Spec[] = [
  ['LAST_ACTIVITY_TIME', 'datetime', 'r', 'Last activity'],
  ['LAST_ACTIVITY_BY', 'user', 'r', 'Last activity by'],
];

const DEAL_FIELDS = build([
  ['ID', 'integer', 'r', 'ID'],
  ['TITLE', 'string', '', 'Name'],
  ['TYPE_ID', 'crm_status', '', 'Type', undefined, 'DEAL_TYPE'],
  ['CATEGORY_ID', 'crm_category', 'i', 'Pipeline'],
  ['STAGE_ID', 'crm_status', '', 'Stage', undefined, 'DEAL_STAGE'],
  ['STAGE_SEMANTIC_ID', 'string', 'r', 'Stage group'],
  ['IS_NEW', 'char', 'r', 'New deal'],
  ['IS_RECURRING', 'char', '', 'Recurring deal'],
  ['IS_RETURN_CUSTOMER', 'char', 'r', 'Repeat deal'],
  ['IS_REPEATED_APPROACH', 'char', 'r', 'Repeat inquiry'],
  ['PROBABILITY', 'integer', '', 'Probability'],
  ['CURRENCY_ID', 'crm_currency', '', 'Currency'],
  ['OPPORTUNITY', 'double', '$', 'Amount'],
  ['IS_MANUAL_OPPORTUNITY', 'char', '', 'IS_MANUAL_OPPORTUNITY'],
  ['TAX_VALUE', 'double', '$', 'Tax rate'],
  ['COMPANY_ID', 'crm_company', 'L', 'Company'],
  ['CONTACT_ID', 'crm_contact', 'L', 'Contact'],
  ['CONTACT_IDS', 'crm_contact', 'mw', 'Contacts'],
  ['QUOTE_ID', 'crm_quote', 'rL', 'Quote'],
  ['BEGINDATE', 'date', '', 'Start date'],
  ['CLOSEDATE', 'date', '', 'Estimated close date'],
  ['OPENED', 'char', '', 'Available to everyone'],
  ['CLOSED', 'char', '', 'Closed'],
  ['COMMENTS', 'string', '', 'Comment'],
  ...AUDIT,
  ['SOURCE_ID', 'crm_status', '', 'Source', undefined, 'SOURCE'],
  ['SOURCE_DESCRIPTION', 'string', '', 'Source information'],
  ['LEAD_ID', 'crm_lead', 'rL', 'Lead'],
  ['ADDITIONAL_INFO', 'string', '', 'Additional information'],
  ['LOCATION_ID', 'location', '', 'Location'],
  ['ORIGINATOR_ID', 'string', '', 'External source'],
  ['ORIGIN_ID', 'string', '', 'Item ID in data source'],
  ['MOVED_BY_ID', 'user', 'r', 'Stage changed by'],
  ['MOVED_TIME', 'datetime', 'r', 'Stage changed on'],
  ...ACTIVITY,
  ...UTM,
  ['OBSERVERS', 'user', 'mx', 'Observers'],
]);

const CONTACT_FIELDS = build([
  ['ID', 'integer', 'r', 'ID'],
  ['HONORIFIC', 'crm_status', '', 'Salutation', undefined, 'HONORIFIC'],
  ['NAME', 'string', '', 'First name'],
  ['SECOND_NAME', 'string', '', 'Second name'],
  ['LAST_NAME', 'string', '', 'Last name'],
  ['BIRTHDATE', 'date', '', 'Date of birth'],
  ['TYPE_ID', 'crm_status', '', 'Contact type', undefined, 'CONTACT_TYPE'],
  ['SOURCE_ID', 'crm_status', '', 'Source', undefined, 'SOURCE'],
  ['SOURCE_DESCRIPTION', 'string', '', 'Source information'],
  ['POST', 'string', '', 'Position'],
  ...ADDRESS,
  ['COMMENTS', 'string', '', 'Comment'],
  ['OPENED', 'char', '', 'Available to everyone'],
  ['EXPORT', 'char', '', 'Included in export'],
  ['HAS_PHONE', 'char', 'r', 'Has phone'],
  ['HAS_EMAIL', 'char', 'r', 'Has e-mail'],
  ['HAS_IMOL', 'char', 'r', 'Has Open Channel'],
  ...AUDIT,
  ['COMPANY_ID', 'crm_company', 'L', 'Company'],
  ['COMPANY_IDS', 'crm_company', 'mw', 'Companies'],
  ['LEAD_ID', 'crm_lead', 'rL', 'Lead'],
  ['ORIGINATOR_ID', 'string', '', 'External source'],
  ['ORIGIN_ID', 'string', '', 'Item ID in data source'],
  ['ORIGIN_VERSION', 'string', '', 'Original version'],
  ['FACE_ID', 'integer', 'r', 'Face ID'],
  ...ACTIVITY,
  ...UTM,
  ...MULTI,
  ['OBSERVERS', 'user', 'mx', 'Observers'],
]);

const COMPANY_FIELDS = build([
  ['ID', 'integer', 'r', 'ID'],
  ['TITLE', 'string', 'q', 'Company name'],
  ['COMPANY_TYPE', 'crm_status', '', 'Company type', 'typeId', 'COMPANY_TYPE'],
  ['INDUSTRY', 'crm_status', '', 'Industry', undefined, 'INDUSTRY'],
  ['EMPLOYEES', 'crm_status', '', 'Employees', undefined, 'EMPLOYEES'],
  ['CURRENCY_ID', 'crm_currency', '', 'Currency'],
  ['REVENUE', 'double', '$', 'Annual revenue'],
  ...ADDRESS,
  ['BANKING_DETAILS', 'string', '', 'Payment details'],
  ['COMMENTS', 'string', '', 'Comment'],
  ['OPENED', 'char', '', 'Available to everyone'],
  ['IS_MY_COMPANY', 'char', '', 'My company'],
  ['HAS_PHONE', 'char', 'r', 'Has phone'],
  ['HAS_EMAIL', 'char', 'r', 'Has e-mail'],
  ['HAS_IMOL', 'char', 'r', 'Has Open Channel'],
  ...AUDIT,
  ['CONTACT_IDS', 'crm_contact', 'mw', 'Contacts'],
  ['LEAD_ID', 'crm_lead', 'rL', 'Lead'],
  ['ORIGINATOR_ID', 'string', '', 'External source'],
  ['ORIGIN_ID', 'string', '', 'Item ID in data source'],
  ['ORIGIN_VERSION', 'string', '', 'Original version'],
  ...ACTIVITY,
  ...UTM,
  ...MULTI,
  ['OBSERVERS', 'user', 'mx', 'Observers'],
]);

const LEAD_FIELDS = build([
  ['ID', 'integer', 'r', 'ID'],
  ['TITLE', 'string', '', 'Lead name'],
  ['HONORIFIC', 'crm_status', '', 'Salutation', undefined, 'HONORIFIC'],
  ['NAME', 'string', '', 'First name'],
  ['SECOND_NAME', 'string', '', 'Second name'],
  ['LAST_NAME', 'string', '', 'Last name'],
  ['BIRTHDATE', 'date', '', 'Date of birth'],
  ['COMPANY_TITLE', 'string', '', 'Company name'],
  ['SOURCE_ID', 'crm_status', '', 'Source', undefined, 'SOURCE'],
  ['SOURCE_DESCRIPTION', 'string', '', 'Source information'],
  ['STATUS_ID', 'crm_status', '', 'Status', 'stageId', 'STATUS'],
  ['STATUS_DESCRIPTION', 'string', '', 'Status information'],
  ['STATUS_SEMANTIC_ID', 'string', 'r', 'Status details', 'stageSemanticId'],
  ['POST', 'string', '', 'Position'],
  ...ADDRESS,
  ['CURRENCY_ID', 'crm_currency', '', 'Currency'],
  ['OPPORTUNITY', 'double', '$', 'Amount'],
  ['IS_MANUAL_OPPORTUNITY', 'char', '', 'IS_MANUAL_OPPORTUNITY'],
  ['OPENED', 'char', '', 'Available to everyone'],
  ['COMMENTS', 'string', '', 'Comment'],
  ['HAS_PHONE', 'char', 'r', 'Has phone'],
  ['HAS_EMAIL', 'char', 'r', 'Has e-mail'],
  ['HAS_IMOL', 'char', 'r', 'Has Open Channel'],
  ...AUDIT,
  ['COMPANY_ID', 'crm_company', 'L', 'Company'],
  ['CONTACT_ID', 'crm_contact', 'L', 'Contact'],
  ['IS_RETURN_CUSTOMER', 'char', 'r', 'Repeat lead'],
  ['DATE_CLOSED', 'datetime', 'r', 'Closed on'],
  ['ORIGINATOR_ID', 'string', '', 'External source'],
  ['ORIGIN_ID', 'string', '', 'Item ID in data source'],
  ['MOVED_BY_ID', 'user', 'r', 'Stage changed by'],
  ['MOVED_TIME', 'datetime', 'r', 'Stage changed on'],
  ...ACTIVITY,
  ...UTM,
  ...MULTI,
  ['OBSERVERS', 'user', 'mx', 'Observers'],
]);

const DYNAMIC_FIELDS = build([
  ['ID', 'integer', 'r', 'ID'],
  ['XML_ID', 'string', '', 'External ID'],
  ['TITLE', 'string', '', 'Name'],
  ['CREATED_BY', 'user', 'r', 'Created by'],
  ['UPDATED_BY', 'user', 'r', 'Updated by'],
  ['MOVED_BY', 'user', 'r', 'Stage changed by'],
  ['CREATED_TIME', 'datetime', 'r', 'Created on'],
  ['UPDATED_TIME', 'datetime', 'r', 'Updated on'],
  ['MOVED_TIME', 'datetime', 'r', 'Stage changed on'],
  ['CATEGORY_ID', 'crm_category', '', 'Pipeline'],
  ['OPENED', 'char', '', 'Available to everyone'],
  ['STAGE_ID', 'crm_status', '', 'Stage'],
  ['PREVIOUS_STAGE_ID', 'crm_status', 'r', 'Previous stage'],
  ['STAGE_SEMANTIC_ID', 'string', 'r', 'Stage group'],
  ['BEGINDATE', 'date', '', 'Start date'],
  ['CLOSEDATE', 'date', '', 'End date'],
  ['COMPANY_ID', 'crm_company', 'L', 'Company'],
  ['CONTACT_ID', 'crm_contact', 'L', 'Contact'],
  ['CONTACT_IDS', 'crm_contact', 'm', 'Contacts'],
  ['OPPORTUNITY', 'double', '$', 'Amount'],
  ['IS_MANUAL_OPPORTUNITY', 'char', '', 'Manual amount'],
  ['TAX_VALUE', 'double', '$', 'Tax'],
  ['CURRENCY_ID', 'crm_currency', '', 'Currency'],
  ['MYCOMPANY_ID', 'crm_company', 'L', 'Your company details'],
  ['SOURCE_ID', 'crm_status', '', 'Source', undefined, 'SOURCE'],
  ['SOURCE_DESCRIPTION', 'string', '', 'Source information'],
  ['ASSIGNED_BY_ID', 'user', '', 'Responsible person'],
  ['OBSERVERS', 'user', 'm', 'Observers'],
  ...ACTIVITY,
]);

const STANDARD: Record<number, FieldDef[]> = {
  [LEAD]: LEAD_FIELDS,
  [DEAL]: DEAL_FIELDS,
  [CONTACT]: CONTACT_FIELDS,
  [COMPANY]: COMPANY_FIELDS,
};

export function ufKindOf(uf: UserField): UfKind {
  switch (uf.USER_TYPE_ID) {
    case 'integer':
    case 'employee':
    case 'enumeration':
    case 'iblock_section':
    case 'iblock_element':
      return 'int';
    case 'double':
      return 'float';
    case 'boolean':
      return 'bool01';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'file':
      return 'json';
    default:
      return 'string';
  }
}

/** `UF_CRM_PROJECT` → `ufCrm_PROJECT`; smart process `UF_CRM_3_BUDGET` → `ufCrm3_BUDGET`. */
export function ufCamelName(info: EntityInfo, fieldName: string): string {
  if (info.dynamic && fieldName.startsWith(info.ufPrefix)) {
    return `ufCrm${info.type!.id}_${fieldName.slice(info.ufPrefix.length)}`;
  }
  return `ufCrm_${fieldName.replace(/^UF_CRM_/, '')}`;
}

function ufLabel(uf: UserField): string {
  return (
    uf.EDIT_FORM_LABEL.en ||
    uf.LIST_COLUMN_LABEL.en ||
    Object.values(uf.EDIT_FORM_LABEL).find((v) => v) ||
    uf.FIELD_NAME
  );
}

export interface EntityFields {
  info: EntityInfo;
  list: FieldDef[];
  byName: Map<string, FieldDef>;
  byCamel: Map<string, FieldDef>;
  userFields: FieldDef[];
}

const cache = new WeakMap<Db, Map<number, { version: number; typeStamp: string; fields: EntityFields }>>();

/** Standard fields plus the entity's user fields, cached until a user field changes. */
export function entityFields(db: Db, info: EntityInfo): EntityFields {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const version = userFieldVersion(db);
  const typeStamp = info.type ? `${info.type.id}:${info.type.UPDATED_TIME}` : '';
  const hit = perDb.get(info.entityTypeId);
  if (hit && hit.version === version && hit.typeStamp === typeStamp) return hit.fields;
  const standard = info.dynamic ? DYNAMIC_FIELDS : STANDARD[info.entityTypeId]!;
  const userFields = userFieldsOf(db, info.ufEntityId).map((uf): FieldDef => ({
    name: uf.FIELD_NAME,
    camel: ufCamelName(info, uf.FIELD_NAME),
    type: uf.USER_TYPE_ID,
    kind: 'uf',
    title: ufLabel(uf),
    link: false,
    readOnly: false,
    immutable: false,
    required: uf.MANDATORY === 'Y',
    multiple: uf.MULTIPLE === 'Y',
    legacyRead: true,
    legacy: true,
    item: true,
    uf,
    ufKind: ufKindOf(uf),
  }));
  const list = [...standard, ...userFields];
  const fields: EntityFields = {
    info,
    list,
    byName: new Map(list.map((f) => [f.name, f])),
    byCamel: new Map(list.filter((f) => f.item).map((f) => [f.camel, f])),
    userFields,
  };
  perDb.set(info.entityTypeId, { version, typeStamp, fields });
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Values

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date input as the stored `YYYY-MM-DD` (portal-zone calendar date), or undefined if invalid. */
export function toStoredDate(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && DATE_ONLY.test(value.trim()))
    return parseDateInput(value) === null ? undefined : value.trim();
  const ms = parseDateInput(value);
  if (ms === null) return undefined;
  const w = wallClock(ms);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

function dateOut(stored: unknown): string | null {
  if (typeof stored !== 'string' || !DATE_ONLY.test(stored)) return null;
  const [y, m, d] = stored.split('-').map(Number) as [number, number, number];
  return formatIso(fromWallClock(y, m, d));
}

function datetimeOut(stored: unknown): string | null {
  if (typeof stored !== 'string' || stored === '') return null;
  const ms = Date.parse(stored);
  return Number.isNaN(ms) ? null : formatIso(ms);
}

const INVALID = Symbol('invalid');
export type Converted = unknown | typeof INVALID;
export function isInvalid(v: unknown): v is typeof INVALID {
  return v === INVALID;
}

function toIntValue(value: unknown): number | null | typeof INVALID {
  if (value === null || value === undefined || value === '' || value === false) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  const s = String(value).trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return Math.trunc(Number(s));
  return INVALID;
}

function toFloatValue(value: unknown): number | null | typeof INVALID {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const s = String(value).trim().replace(',', '.');
  return s !== '' && Number.isFinite(Number(s)) ? Number(s) : INVALID;
}

function toYN(value: unknown): 'Y' | 'N' | typeof INVALID {
  if (value === true || value === 1) return 'Y';
  if (value === false || value === 0 || value === null || value === '') return 'N';
  const s = String(value).trim().toUpperCase();
  if (s === 'Y' || s === '1' || s === 'TRUE') return 'Y';
  if (s === 'N' || s === '0' || s === 'FALSE') return 'N';
  return INVALID;
}

function ufScalarIn(kind: UfKind, value: unknown): unknown {
  switch (kind) {
    case 'int':
      return toIntValue(value);
    case 'float':
      return toFloatValue(value);
    case 'bool01': {
      const yn = toYN(value);
      return yn === INVALID ? INVALID : yn === 'Y' ? 1 : 0;
    }
    case 'date': {
      const d = toStoredDate(value);
      return d === undefined ? INVALID : d;
    }
    case 'datetime': {
      if (value === null || value === undefined || value === '') return null;
      const ms = parseDateInput(value);
      return ms === null ? INVALID : toStoredDateTime(ms);
    }
    case 'json':
      return value ?? null;
    default:
      if (value === null || value === undefined) return null;
      return typeof value === 'object' ? INVALID : String(value);
  }
}

/** Converts an incoming value (legacy or item) to its stored form; INVALID if it cannot be. */
export function valueIn(def: FieldDef, value: unknown): Converted {
  switch (def.kind) {
    case 'int': {
      const v = toIntValue(value);
      return def.link && v === 0 ? null : v;
    }
    case 'float':
    case 'money': {
      const v = toFloatValue(value);
      return v === null ? 0 : v;
    }
    case 'bool':
      return toYN(value);
    case 'datetime': {
      if (value === null || value === undefined || value === '') return null;
      const ms = parseDateInput(value);
      return ms === null ? INVALID : toStoredDateTime(ms);
    }
    case 'date': {
      const d = toStoredDate(value);
      return d === undefined ? INVALID : d;
    }
    case 'intList': {
      const raw = Array.isArray(value)
        ? value
        : isPlainObject(value)
          ? Object.values(value)
          : value === null || value === undefined || value === ''
            ? []
            : [value];
      const out: number[] = [];
      for (const r of raw) {
        const n = toIntValue(r);
        if (n === INVALID) return INVALID;
        if (n !== null && n > 0 && !out.includes(n)) out.push(n);
      }
      return out;
    }
    case 'uf': {
      const kind = def.ufKind!;
      if (def.multiple) {
        const raw = Array.isArray(value)
          ? value
          : isPlainObject(value)
            ? Object.values(value)
            : value === null || value === undefined || value === ''
              ? []
              : [value];
        const out: unknown[] = [];
        for (const r of raw) {
          const v = ufScalarIn(kind, r);
          if (v === INVALID) return INVALID;
          if (v !== null && v !== '') out.push(v);
        }
        return out;
      }
      if (Array.isArray(value)) value = value[0];
      return ufScalarIn(kind, value);
    }
    case 'multi':
      return INVALID;
    default:
      if (value === null || value === undefined) return null;
      return typeof value === 'object' ? INVALID : String(value);
  }
}

function ufScalarOut(kind: UfKind, v: unknown, regime: 'legacy' | 'item'): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'int':
    case 'float':
      return regime === 'legacy' ? String(v) : Number(v);
    case 'bool01':
      return regime === 'legacy' ? (Number(v) ? '1' : '0') : Number(v) ? 'Y' : 'N';
    case 'date':
      return dateOut(v);
    case 'datetime':
      return datetimeOut(v);
    default:
      return v;
  }
}

/** The wire value of a stored field. */
export function valueOut(def: FieldDef, stored: unknown, regime: 'legacy' | 'item'): unknown {
  switch (def.kind) {
    case 'int':
      if (stored === null || stored === undefined) return regime === 'item' && def.link ? 0 : null;
      return regime === 'legacy' ? String(stored) : Number(stored);
    case 'float':
      if (stored === null || stored === undefined) return null;
      return regime === 'legacy' ? String(stored) : Number(stored);
    case 'money': {
      const n = typeof stored === 'number' ? stored : Number(stored ?? 0);
      return regime === 'legacy' ? n.toFixed(2) : n;
    }
    case 'bool':
      return stored === 'Y' ? 'Y' : 'N';
    case 'datetime':
      return datetimeOut(stored) ?? (regime === 'legacy' ? '' : null);
    case 'date':
      return dateOut(stored) ?? (regime === 'legacy' ? '' : null);
    case 'intList':
      return Array.isArray(stored) ? stored.map(Number) : [];
    case 'uf': {
      const kind = def.ufKind!;
      if (def.multiple) {
        const list = Array.isArray(stored) ? stored : stored === null || stored === undefined ? [] : [stored];
        return list.map((v) => ufScalarOut(kind, v, regime));
      }
      if (kind === 'bool01') return ufScalarOut(kind, stored ?? 0, regime);
      return ufScalarOut(kind, stored, regime);
    }
    default:
      return stored === undefined ? null : stored;
  }
}

// ---------------------------------------------------------------------------------------------
// Filters

const LEGACY_NO_LIKE = new Set([
  'crm_status',
  'crm_contact',
  'crm_company',
  'crm_lead',
  'crm_category',
  'user',
  'crm_currency',
]);

function wrapNoLike(col: Column): Column {
  return {
    ...col,
    custom: (op, value) => {
      const eqOp: FilterOp = op === 'like' || op === 'like=' ? '=' : op === '!like' || op === '!like=' ? '!=' : op;
      return condition({ sql: col.sql, type: col.type, ...(col.multiple ? { multiple: true } : {}) }, eqOp, value);
    },
  };
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map(fn);
  if (isPlainObject(value)) return Object.values(value).map(fn);
  return fn(value);
}

function multiFieldColumn(entityTypeId: number, typeId: string): Column {
  return {
    sql: 'id',
    type: 'string',
    custom: (op, value): SqlPart => {
      const values = (Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [value]).map((v) =>
        String(v ?? ''),
      );
      const negate = op === '!=' || op === '!in' || op === '!like' || op === '!like=';
      if (values.length === 0) return { sql: negate ? '1' : '0', params: [] };
      const sub = `SELECT element_id FROM crm_multifield WHERE entity_type_id = ${entityTypeId} AND type_id = '${typeId}' AND value IN (${values.map(() => '?').join(',')})`;
      return { sql: `id ${negate ? 'NOT IN' : 'IN'} (${sub})`, params: values };
    },
  };
}

function storedTypeOf(def: FieldDef): StoredType {
  switch (def.kind) {
    case 'int':
    case 'intList':
      return 'int';
    case 'float':
    case 'money':
      return 'float';
    case 'bool':
      return 'bool';
    case 'datetime':
      return 'datetime';
    case 'date':
      return 'string';
    case 'uf':
      switch (def.ufKind) {
        case 'int':
        case 'bool01':
          return 'int';
        case 'float':
          return 'float';
        case 'datetime':
          return 'datetime';
        default:
          return 'string';
      }
    default:
      return 'string';
  }
}

/** The SQL column of a field for filters and ordering. */
export function columnOf(fields: EntityFields, def: FieldDef, regime: 'legacy' | 'item'): Column | null {
  if (def.name === 'ID') return { sql: 'id', type: 'int' };
  if (def.kind === 'multi') return multiFieldColumn(fields.info.entityTypeId, def.name);
  const sql = jsonField(def.name);
  const type = storedTypeOf(def);
  const multiple = def.kind === 'intList' || (def.kind === 'uf' && def.multiple);
  const base: Column = { sql, type, ...(multiple ? { multiple: true } : {}) };
  const isDate = def.kind === 'date' || (def.kind === 'uf' && def.ufKind === 'date');
  const isBool01 = def.kind === 'uf' && def.ufKind === 'bool01';
  if (isDate || isBool01) {
    return {
      ...base,
      custom: (op, value) => {
        const conv = mapValues(value, (v) => {
          if (isBool01) {
            const yn = toYN(v);
            return yn === INVALID ? v : yn === 'Y' ? 1 : 0;
          }
          const d = toStoredDate(v);
          return d === undefined ? String(v) : d;
        });
        return condition({ sql, type: isBool01 ? 'int' : 'string', ...(multiple ? { multiple: true } : {}) }, op, conv);
      },
    };
  }
  if (regime === 'legacy' && LEGACY_NO_LIKE.has(def.type)) return wrapNoLike(base);
  return base;
}

export function legacyResolver(fields: EntityFields): ColumnResolver {
  return (field) => {
    const def = fields.byName.get(field.toUpperCase());
    if (!def || !def.legacy) return null;
    return columnOf(fields, def, 'legacy');
  };
}

/** crm.item: camelCase names (UPPER names are accepted too). */
export function itemResolver(fields: EntityFields, forOrder = false): ColumnResolver {
  return (field) => {
    const def = fields.byCamel.get(field) ?? fields.byName.get(field);
    if (!def || !def.item) return null;
    if (forOrder && (def.kind === 'intList' || def.multiple)) return null;
    return columnOf(fields, def, 'item');
  };
}

export const MULTI_FIELD_NAMES: readonly string[] = MULTI_TYPES;
