import type { Db } from '../../db/database.ts';
import { condition, jsonField, type Column, type ColumnResolver } from '../engine/query.ts';
import { formatIso, formatSql, fromWallClock, parseDateInput } from '../engine/time.ts';

/**
 * Users are rows of the core `users` table (`id`, `data` JSON with UPPER_CASE fields and the
 * internal `_ADMIN` flag). Datetimes are stored as UTC ISO strings, pure dates as `YYYY-MM-DD`.
 * Departments live in `departments (id, data JSON {NAME, SORT, PARENT?, UF_HEAD?})`.
 */
export type Doc = Record<string, unknown>;

export function ensureUserTables(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS departments (id INTEGER PRIMARY KEY, data TEXT NOT NULL)');
}

/** Every standard user field with its `user.fields` title, in the portal's order. */
export const USER_FIELD_TITLES: Record<string, string> = {
  ID: 'ID',
  XML_ID: 'XML_ID',
  ACTIVE: 'Active',
  NAME: 'First name',
  LAST_NAME: 'Last name',
  SECOND_NAME: 'Second name',
  TITLE: 'Salutation',
  EMAIL: 'E-mail',
  LAST_LOGIN: 'Last login',
  DATE_REGISTER: 'Registration date',
  TIME_ZONE: 'Time zone',
  IS_ONLINE: 'Online',
  TIMESTAMP_X: 'Modified',
  LAST_ACTIVITY_DATE: 'Last activity',
  PERSONAL_GENDER: 'Gender',
  PERSONAL_PROFESSION: 'Profession',
  PERSONAL_WWW: 'Web page',
  PERSONAL_BIRTHDAY: 'Date of birth',
  PERSONAL_PHOTO: 'Photo',
  PERSONAL_ICQ: 'ICQ',
  PERSONAL_PHONE: 'Phone',
  PERSONAL_FAX: 'Fax',
  PERSONAL_MOBILE: 'Mobile',
  PERSONAL_PAGER: 'Pager',
  PERSONAL_STREET: 'Street',
  PERSONAL_MAILBOX: 'Mailbox',
  PERSONAL_CITY: 'City',
  PERSONAL_STATE: 'Region / State',
  PERSONAL_ZIP: 'Zip',
  PERSONAL_COUNTRY: 'Country',
  PERSONAL_NOTES: 'Notes',
  WORK_COMPANY: 'Company',
  WORK_DEPARTMENT: 'Department',
  WORK_POSITION: 'Position',
  WORK_WWW: 'Company web site',
  WORK_PHONE: 'Work phone',
  WORK_FAX: 'Work fax',
  WORK_PAGER: 'Work pager',
  WORK_STREET: 'Work street',
  WORK_MAILBOX: 'Work mailbox',
  WORK_CITY: 'Work city',
  WORK_STATE: 'Work region / state',
  WORK_ZIP: 'Work zip',
  WORK_COUNTRY: 'Work country',
  WORK_PROFILE: 'Company profile',
  WORK_LOGO: 'Company logo',
  WORK_NOTES: 'Work notes',
  UF_DEPARTMENT: 'Departments',
  UF_DISTRICT: 'District',
  UF_SKYPE: 'Skype',
  UF_SKYPE_LINK: 'Skype chat link',
  UF_ZOOM: 'Zoom',
  UF_TWITTER: 'Twitter',
  UF_FACEBOOK: 'Facebook',
  UF_LINKEDIN: 'LinkedIn',
  UF_XING: 'Xing',
  UF_WEB_SITES: 'Other websites',
  UF_PHONE_INNER: 'Extension number',
  UF_EMPLOYMENT_DATE: 'Date of employment',
  UF_TIMEMAN: 'Time tracking',
  UF_SKILLS: 'Skills',
  UF_INTERESTS: 'Interests',
  USER_TYPE: 'User type',
};

const FULL_FIELDS = Object.keys(USER_FIELD_TITLES);
const BASIC_FIELDS = new Set([
  ...FULL_FIELDS.filter((f) => !['LAST_LOGIN', 'PERSONAL_WWW', 'PERSONAL_ICQ', 'USER_TYPE'].includes(f)),
]);
const BRIEF_FIELDS = new Set([
  'ID',
  'XML_ID',
  'ACTIVE',
  'NAME',
  'LAST_NAME',
  'SECOND_NAME',
  'TITLE',
  'IS_ONLINE',
  'TIME_ZONE',
  'PERSONAL_PHOTO',
  'TIMESTAMP_X',
  'DATE_REGISTER',
  'PERSONAL_PROFESSION',
  'PERSONAL_GENDER',
  'PERSONAL_BIRTHDAY',
  'PERSONAL_CITY',
  'PERSONAL_STATE',
  'PERSONAL_COUNTRY',
  'WORK_POSITION',
  'WORK_CITY',
  'WORK_STATE',
  'WORK_COUNTRY',
  'LAST_ACTIVITY_DATE',
  'UF_EMPLOYMENT_DATE',
  'UF_TIMEMAN',
  'UF_SKILLS',
  'UF_INTERESTS',
  'UF_DEPARTMENT',
  'UF_PHONE_INNER',
]);

/** Fields a row always carries (`""` when empty); the rest appear only when they have a value. */
const ALWAYS = [
  'ID',
  'ACTIVE',
  'NAME',
  'LAST_NAME',
  'EMAIL',
  'LAST_LOGIN',
  'DATE_REGISTER',
  'IS_ONLINE',
  'TIMESTAMP_X',
  'LAST_ACTIVITY_DATE',
  'PERSONAL_GENDER',
  'PERSONAL_BIRTHDAY',
  'WORK_POSITION',
  'UF_EMPLOYMENT_DATE',
  'UF_DEPARTMENT',
  'USER_TYPE',
];
const DATETIME_FIELDS = new Set(['LAST_LOGIN', 'TIMESTAMP_X']);
const DATE_FIELDS = new Set(['DATE_REGISTER', 'PERSONAL_BIRTHDAY', 'UF_EMPLOYMENT_DATE']);

export type UserLevel = 'user' | 'user_basic' | 'user_brief';

export function userLevel(scopes: ReadonlySet<string>): UserLevel {
  return scopes.has('user') ? 'user' : scopes.has('user_basic') ? 'user_basic' : 'user_brief';
}

export function allowedUserFields(level: UserLevel): string[] {
  if (level === 'user') return FULL_FIELDS;
  const set = level === 'user_basic' ? BASIC_FIELDS : BRIEF_FIELDS;
  return FULL_FIELDS.filter((f) => set.has(f));
}

function dateOut(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return formatIso(fromWallClock(+m[1]!, +m[2]!, +m[3]!));
  const ms = parseDateInput(value);
  return ms === null ? '' : formatIso(ms);
}

/** A user as `user.get`/`user.current` send it: `"ID": "1"`, `ACTIVE: true`, `UF_DEPARTMENT: [1]`. */
export function userRow(id: number, data: Doc, level: UserLevel): Doc {
  const out: Doc = {};
  const always = new Set(ALWAYS);
  for (const field of allowedUserFields(level)) {
    const v = data[field];
    if (field === 'ID') out.ID = String(id);
    else if (field === 'ACTIVE') out.ACTIVE = v !== false;
    else if (field === 'UF_DEPARTMENT')
      out.UF_DEPARTMENT = Array.isArray(v) ? v.map((d) => Number(d)).filter(Number.isFinite) : [];
    else if (field === 'IS_ONLINE') out.IS_ONLINE = v === 'Y' ? 'Y' : 'N';
    else if (field === 'USER_TYPE') out.USER_TYPE = typeof v === 'string' && v ? v : 'employee';
    else if (DATETIME_FIELDS.has(field)) {
      const ms = parseDateInput(v);
      if (ms !== null) out[field] = formatIso(ms);
      else if (always.has(field)) out[field] = '';
    } else if (field === 'LAST_ACTIVITY_DATE') {
      const ms = parseDateInput(v);
      if (ms !== null) out[field] = formatSql(ms);
      else if (always.has(field)) out[field] = '';
    } else if (DATE_FIELDS.has(field)) {
      const s = dateOut(v);
      if (s || always.has(field)) out[field] = s;
    } else if (v !== undefined && v !== null) out[field] = Array.isArray(v) || typeof v === 'object' ? v : String(v);
    else if (always.has(field)) out[field] = '';
  }
  return out;
}

export function loadUserDoc(db: Db, id: number): Doc | null {
  const row = db.prepare('SELECT data FROM users WHERE id = ?').get(id) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Doc) : null;
}

export function userExists(db: Db, id: number): boolean {
  return !!db.prepare('SELECT 1 FROM users WHERE id = ?').get(id);
}

const STRING_FIELDS = new Set(
  FULL_FIELDS.filter(
    (f) => !['ID', 'ACTIVE', 'UF_DEPARTMENT', ...DATETIME_FIELDS, ...DATE_FIELDS, 'LAST_ACTIVITY_DATE'].includes(f),
  ),
);

/** A text field where a plain value containing `%` acts as a LIKE pattern (`NAME: "Iva%"`). */
function textColumn(field: string): Column {
  const base: Column = { sql: jsonField(field), type: 'string' };
  return {
    ...base,
    custom: (op, value) => {
      if (op === '=' && typeof value === 'string' && value.includes('%')) {
        return { sql: `${base.sql} LIKE ?`, params: [value] };
      }
      return condition(base, op, value);
    },
  };
}

const activeColumn: Column = {
  sql: jsonField('ACTIVE'),
  type: 'int',
  custom: (op, value) => {
    const v = Array.isArray(value) ? value[0] : value;
    const want = !(
      v === false ||
      v === 0 ||
      (typeof v === 'string' && ['n', '0', 'false', ''].includes(v.toLowerCase()))
    );
    const positive = op === '!=' || op === '!in' ? !want : want;
    return {
      sql: positive ? `COALESCE(${jsonField('ACTIVE')}, 1) = 1` : `COALESCE(${jsonField('ACTIVE')}, 1) = 0`,
      params: [],
    };
  },
};

/** Words of NAME_SEARCH / FIND: every word must prefix-match one of the name-like fields. */
export function nameSearch(value: unknown): { sql: string; params: unknown[] } {
  const words = String(value ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return { sql: '1', params: [] };
  const fields = ['NAME', 'LAST_NAME', 'SECOND_NAME', 'EMAIL', 'WORK_POSITION'];
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const w of words) {
    const esc = w.replace(/[%_\\]/g, (c) => `\\${c}`);
    parts.push(`(${fields.map((f) => `${jsonField(f)} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    for (let i = 0; i < fields.length; i++) params.push(`${esc}%`);
  }
  return { sql: parts.join(' AND '), params };
}

export const userResolver: ColumnResolver = (field) => {
  const f = field.toUpperCase();
  if (f === 'ID') return { sql: 'id', type: 'int' };
  if (f === 'ACTIVE') return activeColumn;
  if (f === 'UF_DEPARTMENT') return { sql: jsonField('UF_DEPARTMENT'), type: 'int', multiple: true };
  if (f === 'NAME_SEARCH' || f === 'FIND')
    return { sql: '1', type: 'string', custom: (_op, value) => nameSearch(value) };
  if (f === 'USER_TYPE') return { sql: `COALESCE(${jsonField('USER_TYPE')}, 'employee')`, type: 'string' };
  if (f === 'IS_ONLINE') return { sql: `COALESCE(${jsonField('IS_ONLINE')}, 'N')`, type: 'bool' };
  if (DATETIME_FIELDS.has(f) || f === 'LAST_ACTIVITY_DATE') return { sql: jsonField(f), type: 'datetime' };
  if (DATE_FIELDS.has(f)) return { sql: jsonField(f), type: 'date' };
  if (STRING_FIELDS.has(f) || /^UF_[A-Z0-9_]+$/.test(f)) return textColumn(f);
  return null;
};

// ---------------------------------------------------------------- departments

export function departmentRow(id: number, d: Doc): Doc {
  const out: Doc = { ID: String(id), NAME: String(d.NAME ?? ''), SORT: Number(d.SORT ?? 500) };
  if (d.PARENT !== undefined && d.PARENT !== null && d.PARENT !== '') out.PARENT = String(d.PARENT);
  if (d.UF_HEAD !== undefined && d.UF_HEAD !== null && d.UF_HEAD !== '' && d.UF_HEAD !== 0)
    out.UF_HEAD = String(d.UF_HEAD);
  return out;
}

export const departmentResolver: ColumnResolver = (field) => {
  const f = field.toUpperCase();
  if (f === 'ID') return { sql: 'id', type: 'int' };
  if (f === 'NAME') return { sql: jsonField('NAME'), type: 'string' };
  if (f === 'SORT' || f === 'PARENT' || f === 'UF_HEAD') return { sql: jsonField(f), type: 'int' };
  return null;
};
