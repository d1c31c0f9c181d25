import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { phpEmpty } from '../engine/envelope.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, isTruthy, param, toInt, type Params } from '../engine/params.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import {
  addEnumItem,
  enumItems,
  insertUserField,
  updateUserFieldRow,
  userFieldById,
  userFieldByName,
  userFieldsOf,
  deleteUserField,
  bumpUserFields,
  type EntityInfo,
  type UserField,
} from './crm-store.ts';

/** `crm.{deal,contact,company,lead}.userfield.*`: UF_CRM_* user fields with enumeration items. */

export const USER_TYPES = [
  'string',
  'integer',
  'double',
  'boolean',
  'datetime',
  'date',
  'money',
  'url',
  'address',
  'enumeration',
  'file',
  'employee',
  'crm_status',
  'iblock_section',
  'iblock_element',
  'crm',
] as const;

const LANGS = ['de', 'en', 'ru'];
const LABEL_KEYS = [
  'EDIT_FORM_LABEL',
  'LIST_COLUMN_LABEL',
  'LIST_FILTER_LABEL',
  'ERROR_MESSAGE',
  'HELP_MESSAGE',
] as const;
const FLAG_KEYS = ['MANDATORY', 'SHOW_FILTER', 'SHOW_IN_LIST', 'EDIT_IN_LIST', 'IS_SEARCHABLE'] as const;

function yn(v: unknown, fallback: 'Y' | 'N'): 'Y' | 'N' {
  if (v === undefined || v === null || v === '') return fallback;
  return isTruthy(v) ? 'Y' : 'N';
}

function langMap(value: unknown, fallback: string, base?: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of LANGS) out[l] = base?.[l] ?? fallback;
  if (typeof value === 'string' || typeof value === 'number') {
    for (const l of Object.keys(out)) out[l] = String(value);
  } else if (isPlainObject(value)) {
    for (const [l, v] of Object.entries(value)) out[l.toLowerCase()] = String(v ?? '');
  }
  return out;
}

function defaultSettings(type: string): Record<string, unknown> {
  switch (type) {
    case 'string':
      return { SIZE: 20, ROWS: 1, REGEXP: '', MIN_LENGTH: 0, MAX_LENGTH: 0, DEFAULT_VALUE: '' };
    case 'integer':
      return { SIZE: 20, MIN_VALUE: 0, MAX_VALUE: 0, DEFAULT_VALUE: null };
    case 'double':
      return { PRECISION: 2, SIZE: 20, MIN_VALUE: 0, MAX_VALUE: 0, DEFAULT_VALUE: null };
    case 'boolean':
      return { DEFAULT_VALUE: 0, DISPLAY: 'CHECKBOX', LABEL: ['', ''], LABEL_CHECKBOX: '' };
    case 'date':
    case 'datetime':
      return { DEFAULT_VALUE: { TYPE: 'NONE', VALUE: '' }, USE_SECOND: 'Y', USE_TIMEZONE: 'N' };
    case 'enumeration':
      return { DISPLAY: 'LIST', LIST_HEIGHT: 1, CAPTION_NO_VALUE: '', SHOW_NO_VALUE: 'Y' };
    case 'crm':
      return { LEAD: 'N', CONTACT: 'N', COMPANY: 'N', DEAL: 'N' };
    default:
      return {};
  }
}

function listItems(raw: unknown): Record<string, unknown>[] {
  const list = Array.isArray(raw) ? raw : isPlainObject(raw) ? Object.values(raw) : [];
  return list.filter(isPlainObject);
}

function xmlIdFor(value: string, index: number): string {
  return createHash('md5').update(`${value}|${index}|${Date.now()}`).digest('hex');
}

/** Validates and stores a new user field (REST and seed); returns its id. */
export function createUserField(db: Db, info: EntityInfo, fields: Record<string, unknown>): number {
  const f: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) f[k.toUpperCase()] = v;
  let name = typeof f.FIELD_NAME === 'string' ? f.FIELD_NAME.trim() : '';
  if (!name) throw errors.legacy("The 'FIELD_NAME' field is not found.");
  const type = typeof f.USER_TYPE_ID === 'string' ? f.USER_TYPE_ID.trim() : '';
  if (!type) throw errors.legacy("The 'USER_TYPE_ID' field is not found.");
  if (!name.startsWith(info.ufPrefix)) name = `${info.ufPrefix}${name.replace(/^UF_CRM_/, '')}`;
  if (name.length > 50) throw errors.legacy('Field name is too long (more than 50 characters).');
  if (!/^[A-Z0-9_]+$/.test(name))
    throw errors.legacy('Field name contains invalid characters. Allowed characters are: A-Z, 0-9, and _.');
  if (!(USER_TYPES as readonly string[]).includes(type)) throw errors.legacy('Invalid custom type specified.');
  if (userFieldByName(db, name)) throw errors.legacy(`A field with the code "${name}" already exists.`);
  const label = typeof f.LABEL === 'string' ? f.LABEL : name;
  const uf: Omit<UserField, 'id' | 'LIST'> = {
    ENTITY_ID: info.ufEntityId,
    FIELD_NAME: name,
    USER_TYPE_ID: type,
    XML_ID: typeof f.XML_ID === 'string' && f.XML_ID !== '' ? f.XML_ID : null,
    SORT: Math.max(1, toInt(f.SORT, 100)),
    MULTIPLE: type === 'boolean' ? 'N' : yn(f.MULTIPLE, 'N'),
    MANDATORY: yn(f.MANDATORY, 'N'),
    SHOW_FILTER: yn(f.SHOW_FILTER, 'N'),
    SHOW_IN_LIST: yn(f.SHOW_IN_LIST, 'Y'),
    EDIT_IN_LIST: yn(f.EDIT_IN_LIST, 'Y'),
    IS_SEARCHABLE: yn(f.IS_SEARCHABLE, 'N'),
    SETTINGS: { ...defaultSettings(type), ...(isPlainObject(f.SETTINGS) ? f.SETTINGS : {}) },
    EDIT_FORM_LABEL: langMap(f.EDIT_FORM_LABEL, label),
    LIST_COLUMN_LABEL: langMap(f.LIST_COLUMN_LABEL, label),
    LIST_FILTER_LABEL: langMap(f.LIST_FILTER_LABEL, label),
    ERROR_MESSAGE: langMap(f.ERROR_MESSAGE, typeof f.LABEL === 'string' ? label : ''),
    HELP_MESSAGE: langMap(f.HELP_MESSAGE, typeof f.LABEL === 'string' ? label : ''),
  };
  const items = type === 'enumeration' ? listItems(f.LIST) : [];
  const seen = new Set<string>();
  const list = items
    .filter((it) => typeof it.VALUE === 'string' || typeof it.VALUE === 'number')
    .filter((it) => String(it.VALUE) !== '')
    .map((it, i) => {
      const xml = typeof it.XML_ID === 'string' && it.XML_ID !== '' ? it.XML_ID : xmlIdFor(String(it.VALUE), i);
      if (seen.has(xml)) throw errors.legacy(`List item with value XML_ID='${xml}' already exists`);
      seen.add(xml);
      return { VALUE: String(it.VALUE), SORT: toInt(it.SORT, (i + 1) * 10), DEF: yn(it.DEF, 'N'), XML_ID: xml };
    });
  if (uf.MULTIPLE === 'N') {
    let first = true;
    for (const it of list) {
      if (it.DEF === 'Y' && !first) it.DEF = 'N';
      if (it.DEF === 'Y') first = false;
    }
  }
  return insertUserField(db, uf, list);
}

export function userFieldOut(uf: UserField, labels: 'maps' | 'none' | string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ID: String(uf.id),
    ENTITY_ID: uf.ENTITY_ID,
    FIELD_NAME: uf.FIELD_NAME,
    USER_TYPE_ID: uf.USER_TYPE_ID,
    XML_ID: uf.XML_ID,
    SORT: String(uf.SORT),
    MULTIPLE: uf.MULTIPLE,
    MANDATORY: uf.MANDATORY,
    SHOW_FILTER: uf.SHOW_FILTER,
    SHOW_IN_LIST: uf.SHOW_IN_LIST,
    EDIT_IN_LIST: uf.EDIT_IN_LIST,
    IS_SEARCHABLE: uf.IS_SEARCHABLE,
    SETTINGS: phpEmpty(uf.SETTINGS),
  };
  if (uf.USER_TYPE_ID === 'enumeration') {
    out.LIST = (uf.LIST ?? []).map((i) => ({
      ID: String(i.ID),
      SORT: String(i.SORT),
      VALUE: i.VALUE,
      DEF: i.DEF,
      XML_ID: i.XML_ID,
    }));
  }
  if (labels === 'maps') for (const k of LABEL_KEYS) out[k] = uf[k];
  else if (labels !== 'none') for (const k of LABEL_KEYS) out[k] = uf[k][labels] ?? '';
  return out;
}

function fieldOrFail(db: Db, info: EntityInfo, params: Params): UserField {
  const rawId = param(params, 'id');
  const id = toInt(rawId, 0);
  if (id <= 0) throw errors.legacy('ID is not defined or invalid.');
  const uf = userFieldById(db, id);
  if (!uf || uf.ENTITY_ID !== info.ufEntityId)
    throw new RestError('ERROR_NOT_FOUND', `The entity with ID '${id}' is not found.`, 400);
  return uf;
}

function updateUserField(db: Db, uf: UserField, fields: Record<string, unknown>): void {
  const f: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) f[k.toUpperCase()] = v;
  const next: UserField = { ...uf };
  if (f.SORT !== undefined) next.SORT = Math.max(1, toInt(f.SORT, uf.SORT));
  for (const k of FLAG_KEYS) if (f[k] !== undefined) next[k] = yn(f[k], uf[k]);
  if (typeof f.XML_ID === 'string') next.XML_ID = f.XML_ID;
  if (isPlainObject(f.SETTINGS)) next.SETTINGS = { ...uf.SETTINGS, ...f.SETTINGS };
  for (const k of LABEL_KEYS) {
    if (f[k] !== undefined) next[k] = langMap(f[k], '', uf[k]);
    else if (typeof f.LABEL === 'string' && k !== 'ERROR_MESSAGE' && k !== 'HELP_MESSAGE')
      next[k] = langMap(f.LABEL, '', uf[k]);
  }
  updateUserFieldRow(db, next);
  if (uf.USER_TYPE_ID === 'enumeration' && f.LIST !== undefined) {
    const existing = new Map(enumItems(db, uf.id).map((i) => [i.ID, i]));
    listItems(f.LIST).forEach((it, i) => {
      const itemId = toInt(it.ID, 0);
      if (itemId > 0) {
        const cur = existing.get(itemId);
        if (!cur) return;
        if (isTruthy(it.DEL)) {
          db.prepare('DELETE FROM crm_userfield_enum WHERE id = ?').run(itemId);
          return;
        }
        db.prepare('UPDATE crm_userfield_enum SET value = ?, sort = ?, def = ?, xml_id = ? WHERE id = ?').run(
          it.VALUE !== undefined && String(it.VALUE) !== '' ? String(it.VALUE) : cur.VALUE,
          it.SORT !== undefined ? toInt(it.SORT, cur.SORT) : cur.SORT,
          it.DEF !== undefined ? yn(it.DEF, cur.DEF) : cur.DEF,
          typeof it.XML_ID === 'string' && it.XML_ID !== '' ? it.XML_ID : cur.XML_ID,
          itemId,
        );
      } else if (it.VALUE !== undefined && String(it.VALUE) !== '') {
        addEnumItem(db, uf.id, {
          VALUE: String(it.VALUE),
          SORT: toInt(it.SORT, 500),
          DEF: yn(it.DEF, 'N'),
          XML_ID: typeof it.XML_ID === 'string' && it.XML_ID ? it.XML_ID : xmlIdFor(String(it.VALUE), i),
        });
      }
    });
    bumpUserFields(db);
  }
}

function matches(uf: UserField, filter: Record<string, unknown>): boolean {
  for (const [rawKey, want] of Object.entries(filter)) {
    const key = rawKey.toUpperCase();
    if (key === 'LANG') continue;
    const have = key === 'ID' ? uf.id : (uf as unknown as Record<string, unknown>)[key];
    if (have === undefined || typeof have === 'object') continue;
    if (String(have) !== String(want)) return false;
  }
  return true;
}

export function userFieldMethods(prefix: string, info: EntityInfo): MethodTable {
  const base = `crm.${prefix}.userfield`;
  return {
    [`${base}.add`]: {
      scope: 'crm',
      handler: (params, ctx) => {
        const fields = param(params, 'fields');
        if (!isPlainObject(fields)) throw errors.legacy("Parameter 'fields' must be array.");
        return createUserField(ctx.db, info, fields);
      },
    },
    [`${base}.get`]: {
      scope: 'crm',
      handler: (params, ctx) => userFieldOut(fieldOrFail(ctx.db, info, params), 'maps'),
    },
    [`${base}.list`]: {
      scope: 'crm',
      handler: (params, ctx) => {
        const filter = param(params, 'filter');
        const order = param(params, 'order');
        const f = isPlainObject(filter) ? filter : {};
        const lang = Object.entries(f).find(([k]) => k.toUpperCase() === 'LANG')?.[1];
        let list = userFieldsOf(ctx.db, info.ufEntityId).filter((uf) => matches(uf, f));
        if (isPlainObject(order)) {
          const [[key, dir] = ['SORT', 'ASC']] = Object.entries(order);
          const k = key.toUpperCase();
          const sign = String(dir).toUpperCase() === 'DESC' ? -1 : 1;
          const val = (uf: UserField) => (k === 'ID' ? uf.id : (uf as unknown as Record<string, unknown>)[k]);
          list = [...list].sort((a, b) => {
            const x = val(a);
            const y = val(b);
            if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign || a.id - b.id;
            return String(x ?? '').localeCompare(String(y ?? '')) * sign || a.id - b.id;
          });
        }
        const rows = list.map((uf) => userFieldOut(uf, typeof lang === 'string' && lang ? lang.toLowerCase() : 'none'));
        return new ListResult(rows, rows.length, undefined);
      },
    },
    [`${base}.update`]: {
      scope: 'crm',
      handler: (params, ctx) => {
        const uf = fieldOrFail(ctx.db, info, params);
        const fields = param(params, 'fields');
        if (!isPlainObject(fields)) throw errors.legacy("Parameter 'fields' must be array.");
        updateUserField(ctx.db, uf, fields);
        return true;
      },
    },
    [`${base}.delete`]: {
      scope: 'crm',
      handler: (params, ctx) => {
        deleteUserField(ctx.db, fieldOrFail(ctx.db, info, params).id);
        return true;
      },
    },
  };
}
