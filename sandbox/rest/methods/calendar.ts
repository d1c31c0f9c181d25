import type { Db } from '../../db/database.ts';
import { emitEvent } from '../../events/bus.ts';
import type { CallContext } from '../engine/context.ts';
import { errors } from '../engine/errors.ts';
import { isPlainObject, isTruthy, param, toInt, type Params, listOf } from '../engine/params.ts';
import { DocTable, jsonField, prepare } from '../engine/query.ts';
import {
  formatDisplay,
  formatSql,
  getPortalTimeZone,
  nowMs,
  parseDateInput,
  toStoredDateTime,
  wallClock,
  zoneOffsetMinutes,
} from '../engine/time.ts';
import type { Family } from './family.ts';
import { groups, memberRole } from './sonet-group.ts';

/**
 * `calendar.*`: sections and events of user, group and company calendars. Event instants are
 * stored as epoch ms (`FROM_TS`/`TO_TS`); all-day events as UTC midnights of their dates.
 */

export type CalType = 'user' | 'group' | 'company_calendar';

export interface SectionDoc extends Record<string, unknown> {
  NAME: string;
  DESCRIPTION: string;
  COLOR: string;
  TEXT_COLOR: string;
  EXPORT_ALLOW: boolean;
  CAL_TYPE: string;
  OWNER_ID: number;
  CREATED_BY: number;
  DATE_CREATE: string;
  TIMESTAMP_X: string;
  IS_DEFAULT: boolean;
}

export interface Attendee {
  id: number;
  status: 'H' | 'Y' | 'N' | 'Q';
}

export interface EventDoc extends Record<string, unknown> {
  CAL_TYPE: string;
  OWNER_ID: number;
  NAME: string;
  FROM_TS: number;
  TO_TS: number;
  TZ_FROM: string;
  TZ_TO: string;
  SKIP_TIME: string;
  SECTION_ID: number;
  DESCRIPTION: string;
  COLOR: string;
  TEXT_COLOR: string;
  ACCESSIBILITY: string;
  IMPORTANCE: string;
  PRIVATE_EVENT: string;
  IS_MEETING: boolean;
  LOCATION: string;
  REMIND: { type: string; count: number }[];
  ATTENDEES: Attendee[];
  MEETING_HOST: number;
  MEETING: Record<string, unknown> | null;
  CREATED_BY: number;
  DATE_CREATE: string;
  TIMESTAMP_X: string;
  CRM: string[];
  RRULE: Record<string, unknown> | null;
}

export type EventRow = EventDoc & { id: number };

export const DEFAULT_SECTION_COLOR = '#9dcf00';
const DAY = 86_400_000;

export function calendarSchema(db: Db): void {
  new DocTable(db, 'calendar_section');
  new DocTable(db, 'calendar_event');
}

export const sections = (db: Db) => new DocTable<SectionDoc>(db, 'calendar_section');
export const events = (db: Db) => new DocTable<EventDoc>(db, 'calendar_event');

const bad = (text: string) => errors.legacy(text);
const required = (name: string, method: string) =>
  bad(`The required parameter "${name}" for the method "${method}" is not set`);

function userZone(db: Db, userId: number): string {
  const row = prepare(db, 'SELECT data FROM users WHERE id = ?').get(userId) as { data: string } | undefined;
  const tz = row ? (JSON.parse(row.data) as Record<string, unknown>).TIME_ZONE : '';
  return typeof tz === 'string' && tz && validZone(tz) ? tz : getPortalTimeZone();
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function userName(db: Db, userId: number): string {
  const row = prepare(db, 'SELECT data FROM users WHERE id = ?').get(userId) as { data: string } | undefined;
  if (!row) return `User ${userId}`;
  const u = JSON.parse(row.data) as Record<string, unknown>;
  return [u.NAME, u.LAST_NAME].filter((s) => typeof s === 'string' && s).join(' ') || `User ${userId}`;
}

function normalizeType(v: unknown): CalType | null {
  const s = String(v ?? '').trim();
  return s === 'user' || s === 'group' || s === 'company_calendar' ? s : null;
}

/** A calendar's default section, created the first time the calendar is touched (as the portal does). */
export function ensureDefaultSection(
  db: Db,
  type: CalType,
  ownerId: number,
  createdBy = ownerId || 1,
  nowIso = toStoredDateTime(nowMs()),
): number {
  const found = sections(db).where(
    { sql: `${jsonField('CAL_TYPE')} = ? AND ${jsonField('OWNER_ID')} = ?`, params: [type, ownerId] },
    'id ASC',
  )[0];
  if (found) return found.id;
  const name =
    type === 'user'
      ? userName(db, ownerId)
      : type === 'group'
        ? String(groups(db).get(ownerId)?.NAME ?? `Group ${ownerId}`)
        : 'Company calendar';
  return sections(db).insert({
    NAME: name,
    DESCRIPTION: '',
    COLOR: DEFAULT_SECTION_COLOR,
    TEXT_COLOR: '#000000',
    EXPORT_ALLOW: true,
    CAL_TYPE: type,
    OWNER_ID: ownerId,
    CREATED_BY: createdBy,
    DATE_CREATE: nowIso,
    TIMESTAMP_X: nowIso,
    IS_DEFAULT: true,
  });
}

/** Read the (type, ownerId) pair every calendar method starts with. */
function calendarOf(
  params: Params,
  method: string,
  ctx: CallContext,
  ownerOptionalForUser = false,
): { type: CalType; ownerId: number } {
  const rawType = param(params, 'type');
  if (rawType === undefined || rawType === '') throw required('type', method);
  const type = normalizeType(rawType);
  if (!type) throw bad('Access denied');
  const rawOwner = param(params, 'ownerId');
  if (rawOwner === undefined || (rawOwner === '' && type !== 'company_calendar')) {
    if (ownerOptionalForUser && type === 'user') return { type, ownerId: ctx.auth.userId };
    if (type !== 'company_calendar') throw required('ownerId', method);
  }
  const ownerId = type === 'company_calendar' ? toInt(rawOwner, 0) : toInt(rawOwner, -1);
  if (ownerId < 0) throw bad('Access denied');
  if (type === 'group' && !groups(ctx.db).get(ownerId)) throw bad('Access denied');
  return { type, ownerId };
}

function canWrite(ctx: CallContext, type: string, ownerId: number): boolean {
  if (ctx.auth.isAdmin) return true;
  if (type === 'user') return ownerId === ctx.auth.userId;
  if (type === 'group') return memberRole(ctx.db, ownerId, ctx.auth.userId) !== null;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Sections

function outputSection(ctx: CallContext, s: SectionDoc & { id: number }): Record<string, unknown> {
  const full = canWrite(ctx, s.CAL_TYPE, s.OWNER_ID);
  const access: Record<string, number> =
    s.CAL_TYPE === 'user'
      ? { [`U${s.OWNER_ID}`]: 19, D1: 17 }
      : s.CAL_TYPE === 'group'
        ? { [`SG${s.OWNER_ID}_A`]: 19, [`SG${s.OWNER_ID}_K`]: 15 }
        : { G2: 17, G1: 19 };
  return {
    ID: String(s.id),
    NAME: s.NAME,
    GAPI_CALENDAR_ID: null,
    DESCRIPTION: s.DESCRIPTION,
    COLOR: s.COLOR,
    TEXT_COLOR: s.TEXT_COLOR,
    EXPORT: { ALLOW: s.EXPORT_ALLOW },
    CAL_TYPE: s.CAL_TYPE,
    OWNER_ID: String(s.OWNER_ID),
    CREATED_BY: String(s.CREATED_BY),
    DATE_CREATE: formatSql(Date.parse(s.DATE_CREATE)),
    TIMESTAMP_X: formatSql(Date.parse(s.TIMESTAMP_X)),
    CAL_DAV_CON: null,
    SYNC_TOKEN: null,
    PAGE_TOKEN: null,
    EXTERNAL_TYPE: 'local',
    ACCESS: access,
    IS_COLLAB: false,
    PERM: {
      view_time: true,
      view_title: true,
      view_full: full,
      add: full,
      edit: full,
      edit_section: full,
      access: full,
    },
  };
}

function loadSection(ctx: CallContext, params: Params, method: string): SectionDoc & { id: number } {
  const rawId = param(params, 'id');
  if (rawId === undefined || rawId === '') throw required('id', method);
  const { type, ownerId } = calendarOf(params, method, ctx);
  const s = sections(ctx.db).get(toInt(rawId, 0));
  if (!s || s.CAL_TYPE !== type || s.OWNER_ID !== ownerId)
    throw bad('You specified an invalid calendar section ID or the user does not have access to it');
  if (!canWrite(ctx, type, ownerId)) throw bad('Access denied');
  return s;
}

// ---------------------------------------------------------------------------------------------
// Event times

interface Times {
  from: number;
  to: number;
  tzFrom: string;
  tzTo: string;
  skipTime: boolean;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;

/** Calendar date (UTC midnight ms) of an all-day input: the date as written, or the wall-clock date. */
function allDayDate(v: unknown, tz: string): number | null {
  const s = String(v ?? '').trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m && !ISO_WITH_OFFSET.test(s)) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  m = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(s);
  if (m) return Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!);
  m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(s);
  if (m) return Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!);
  const ms = parseDateInput(v, tz);
  if (ms === null) return null;
  const w = wallClock(ms, tz);
  return Date.UTC(w.year, w.month - 1, w.day);
}

function instant(v: unknown, tz: string): number | null {
  if (typeof v === 'string' && ISO_WITH_OFFSET.test(v.trim())) return parseDateInput(v.trim().replace(' ', 'T'));
  return parseDateInput(v, tz);
}

/** Resolves from/to of add/update: an ISO offset wins, else `timezone_from/to`, else the user's zone. */
function readTimes(params: Params, ctx: CallContext, method: string, current: EventDoc | null): Times {
  const zone = userZone(ctx.db, ctx.auth.userId);
  const tzParam = (name: string, fallback: string) => {
    const v = param(params, name);
    return typeof v === 'string' && v && validZone(v) ? v : fallback;
  };
  const skipRaw = param(params, 'skip_time');
  const skipTime = skipRaw === undefined ? current?.SKIP_TIME === 'Y' : isTruthy(skipRaw);
  const tzFrom = tzParam('timezone_from', current?.TZ_FROM || zone);
  const tzTo = tzParam('timezone_to', param(params, 'timezone_from') !== undefined ? tzFrom : current?.TZ_TO || tzFrom);
  const pick = (name: 'from' | 'to') => {
    const ts = param(params, `${name}_ts`);
    if (ts !== undefined && ts !== '') return toInt(ts, 0) * 1000;
    return param(params, name);
  };
  let fromRaw = pick('from');
  let toRaw = pick('to');
  if (current) {
    if (fromRaw === undefined || fromRaw === '') fromRaw = current.FROM_TS;
    if (toRaw === undefined || toRaw === '') toRaw = current.TO_TS;
  }
  if (fromRaw === undefined || fromRaw === '') throw required('from', method);
  if (toRaw === undefined || toRaw === '') throw required('to', method);
  if (skipTime) {
    const from =
      typeof fromRaw === 'number'
        ? allDayDate(new Date(fromRaw).toISOString().slice(0, 10), tzFrom)
        : allDayDate(fromRaw, tzFrom);
    const to =
      typeof toRaw === 'number'
        ? allDayDate(new Date(toRaw).toISOString().slice(0, 10), tzTo)
        : allDayDate(toRaw, tzTo);
    if (from === null) throw required('from', method);
    if (to === null) throw required('to', method);
    return { from, to: Math.max(from, to), tzFrom: '', tzTo: '', skipTime };
  }
  const from = typeof fromRaw === 'number' ? fromRaw : instant(fromRaw, tzFrom);
  const to = typeof toRaw === 'number' ? toRaw : instant(toRaw, tzTo);
  if (from === null) throw required('from', method);
  if (to === null) throw required('to', method);
  return { from, to: Math.max(from, to), tzFrom, tzTo, skipTime };
}

// ---------------------------------------------------------------------------------------------
// Event output

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatted(ms: number, tz: string, withTime: boolean): string {
  const w = wallClock(ms, tz);
  const day = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${WEEKDAYS[day]} ${MONTHS[w.month - 1]} ${pad(w.day)} ${w.year}`;
  return withTime ? `${date} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` : date;
}

export function outputEvent(db: Db, e: EventRow, viewerId: number): Record<string, unknown> {
  const skip = e.SKIP_TIME === 'Y';
  const tzFrom = skip ? 'UTC' : e.TZ_FROM;
  const tzTo = skip ? 'UTC' : e.TZ_TO;
  const viewerZone = userZone(db, viewerId);
  const attendee = e.ATTENDEES.find((a) => a.id === viewerId);
  const secs = (ms: number) => String(Math.floor(ms / 1000));
  return {
    ID: String(e.id),
    PARENT_ID: String(e.id),
    DELETED: 'N',
    CAL_TYPE: e.CAL_TYPE,
    OWNER_ID: String(e.OWNER_ID),
    NAME: e.NAME,
    DATE_FROM: formatDisplay(e.FROM_TS, tzFrom, !skip),
    DATE_TO: formatDisplay(e.TO_TS, tzTo, !skip),
    ORIGINAL_DATE_FROM: null,
    TZ_FROM: e.TZ_FROM,
    TZ_TO: e.TZ_TO,
    TZ_OFFSET_FROM: String(skip ? 0 : zoneOffsetMinutes(e.FROM_TS, e.TZ_FROM) * 60),
    TZ_OFFSET_TO: String(skip ? 0 : zoneOffsetMinutes(e.TO_TS, e.TZ_TO) * 60),
    DATE_FROM_TS_UTC: secs(e.FROM_TS),
    DATE_TO_TS_UTC: secs(e.TO_TS),
    DT_SKIP_TIME: skip ? 'Y' : 'N',
    DT_LENGTH: Math.round((e.TO_TS - e.FROM_TS) / 1000) + (skip ? 86_400 : 0),
    EVENT_TYPE: null,
    CREATED_BY: String(e.CREATED_BY),
    DATE_CREATE: formatDisplay(Date.parse(e.DATE_CREATE)),
    TIMESTAMP_X: formatDisplay(Date.parse(e.TIMESTAMP_X)),
    DESCRIPTION: e.DESCRIPTION,
    DAV_XML_ID: `${e.id}@sandbox`,
    DAV_EXCH_LABEL: null,
    CAL_DAV_LABEL: null,
    VERSION: '1',
    ATTENDEES_CODES: e.IS_MEETING
      ? e.ATTENDEES.map((a) => `U${a.id}`)
      : e.CAL_TYPE === 'user'
        ? [`U${e.OWNER_ID}`]
        : [],
    RECURRENCE_ID: null,
    RELATIONS: [],
    SECTION_ID: String(e.SECTION_ID),
    SYNC_STATUS: null,
    UF_CRM_CAL_EVENT: e.CRM.length > 0 ? e.CRM : false,
    UF_WEBDAV_CAL_EVENT: false,
    SECT_ID: String(e.SECTION_ID),
    PRIVATE_EVENT: e.PRIVATE_EVENT,
    ACCESSIBILITY: e.ACCESSIBILITY,
    IMPORTANCE: e.IMPORTANCE,
    IS_MEETING: e.IS_MEETING,
    MEETING_STATUS: e.IS_MEETING ? (attendee?.status ?? 'H') : null,
    MEETING_HOST: String(e.MEETING_HOST),
    MEETING: e.IS_MEETING
      ? {
          HOST_NAME: userName(db, e.MEETING_HOST),
          NOTIFY: true,
          REINVITE: false,
          ALLOW_INVITE: false,
          HIDE_GUESTS: false,
          MEETING_CREATOR: e.MEETING_HOST,
          LANGUAGE_ID: 'en',
          ...(e.MEETING ?? {}),
        }
      : null,
    LOCATION: e.LOCATION,
    REMIND: e.REMIND,
    COLOR: e.COLOR,
    TEXT_COLOR: e.TEXT_COLOR,
    RRULE: e.RRULE ?? '',
    EXDATE: '',
    COLLAB_ID: null,
    '~DESCRIPTION': e.DESCRIPTION,
    DATE_FROM_FORMATTED: formatted(e.FROM_TS, tzFrom, !skip),
    DATE_TO_FORMATTED: formatted(e.TO_TS, tzTo, !skip),
    ATTENDEE_LIST: e.IS_MEETING ? e.ATTENDEES.map((a) => ({ id: a.id, entryId: String(e.id), status: a.status })) : [],
    attendeesEntityList: e.IS_MEETING ? e.ATTENDEES.map((a) => ({ entityId: 'user', id: a.id })) : [],
    '~USER_OFFSET_FROM': skip ? 0 : zoneOffsetMinutes(e.FROM_TS, viewerZone) * 60,
    '~USER_OFFSET_TO': skip ? 0 : zoneOffsetMinutes(e.TO_TS, viewerZone) * 60,
  };
}

// ---------------------------------------------------------------------------------------------
// Event queries

/** Events of a calendar (plus meetings its user attends) overlapping [fromMs, toMs). */
function eventsInRange(
  db: Db,
  type: CalType,
  ownerId: number,
  fromMs: number,
  toMs: number,
  sectionIds: number[] | null,
): EventRow[] {
  const end = `(${jsonField('TO_TS')} + CASE WHEN ${jsonField('SKIP_TIME')} = 'Y' THEN ${DAY} ELSE 0 END)`;
  const own = `(${jsonField('CAL_TYPE')} = ? AND ${jsonField('OWNER_ID')} = ?${sectionIds ? ` AND ${jsonField('SECTION_ID')} IN (SELECT value FROM json_each(?))` : ''})`;
  const ownParams: unknown[] = [type, ownerId, ...(sectionIds ? [JSON.stringify(sectionIds)] : [])];
  // Meetings the user attends sit in the user's default section on a real portal: a section filter leaves them out.
  const withAttending = type === 'user' && !sectionIds;
  const attending = withAttending
    ? ` OR EXISTS (SELECT 1 FROM json_each(${jsonField('ATTENDEES')}) a WHERE json_extract(a.value, '$.id') = ? AND json_extract(a.value, '$.status') <> 'N')`
    : '';
  return events(db).where(
    {
      sql: `(${own}${attending}) AND ${jsonField('FROM_TS')} < ? AND ${end} > ?`,
      params: [...ownParams, ...(withAttending ? [ownerId] : []), toMs, fromMs],
    },
    `${jsonField('FROM_TS')} ASC, id ASC`,
  );
}

function rangeBound(v: unknown, tz: string, isEnd: boolean): number | null {
  if (v === undefined || v === null || v === '') return null;
  const ms = parseDateInput(v, tz);
  if (ms === null) return null;
  // A date without a time as the end of a range includes that whole day.
  return isEnd && typeof v === 'string' && /^(\d{4}-\d{2}-\d{2}|\d{2}[./]\d{2}[./]\d{4})$/.test(v.trim())
    ? ms + DAY
    : ms;
}

function attendeeIds(v: unknown): number[] {
  const list = listOf(v);
  const out: number[] = [];
  for (const x of list) {
    const n = toInt(typeof x === 'string' ? x.replace(/^U/i, '') : x, 0);
    if (n > 0 && !out.includes(n)) out.push(n);
  }
  return out;
}

function readRemind(v: unknown): { type: string; count: number }[] {
  const list = Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : [];
  const out: { type: string; count: number }[] = [];
  for (const r of list) {
    if (!isPlainObject(r)) continue;
    const type = String(r.type ?? r.TYPE ?? 'min');
    if (!['min', 'hour', 'day'].includes(type)) continue;
    out.push({ type, count: toInt(r.count ?? r.COUNT, 0) });
  }
  return out;
}

function readRrule(v: unknown): Record<string, unknown> | null {
  if (!isPlainObject(v)) return null;
  const up: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) up[k.toUpperCase()] = val;
  const freq = String(up.FREQ ?? '').toUpperCase();
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return null;
  const out: Record<string, unknown> = { FREQ: freq, INTERVAL: Math.max(1, toInt(up.INTERVAL, 1)) };
  if (up.COUNT !== undefined) out.COUNT = toInt(up.COUNT, 0);
  const byday = Array.isArray(up.BYDAY) ? up.BYDAY : typeof up.BYDAY === 'string' ? up.BYDAY.split(',') : [];
  if (byday.length > 0)
    out.BYDAY = Object.fromEntries(byday.map((d) => [String(d).toUpperCase(), String(d).toUpperCase()]));
  if (up.UNTIL !== undefined) {
    const ms = parseDateInput(up.UNTIL);
    if (ms !== null) {
      out.UNTIL = formatDisplay(ms, getPortalTimeZone(), false);
      out['~UNTIL'] = out.UNTIL;
      out.UNTIL_TS = Math.floor(ms / 1000);
    }
  }
  return out;
}

const ACCESSIBILITY = ['busy', 'absent', 'quest', 'free'];
const IMPORTANCE = ['high', 'normal', 'low'];

/** Optional fields of add/update (everything but the times, section and owner). */
function readEventFields(params: Params): Partial<EventDoc> {
  const out: Partial<EventDoc> = {};
  const str = (name: string) => {
    const v = param(params, name);
    return v === undefined ? undefined : String(v ?? '');
  };
  const name = str('name');
  if (name !== undefined) out.NAME = name.trim();
  const description = str('description');
  if (description !== undefined) out.DESCRIPTION = description;
  const location = str('location');
  if (location !== undefined) out.LOCATION = location;
  const color = str('color');
  if (color !== undefined) out.COLOR = color;
  const textColor = str('text_color');
  if (textColor !== undefined) out.TEXT_COLOR = textColor;
  const acc = str('accessibility');
  if (acc !== undefined && ACCESSIBILITY.includes(acc)) out.ACCESSIBILITY = acc;
  const imp = str('importance');
  if (imp !== undefined && IMPORTANCE.includes(imp)) out.IMPORTANCE = imp;
  const priv = param(params, 'private_event');
  if (priv !== undefined) out.PRIVATE_EVENT = isTruthy(priv) ? '1' : '';
  const remind = param(params, 'remind');
  if (remind !== undefined) out.REMIND = readRemind(remind);
  const crm = param(params, 'crm_fields');
  if (crm !== undefined) {
    const list = Array.isArray(crm)
      ? crm
      : isPlainObject(crm)
        ? Object.values(crm)
        : crm === '' || crm === null
          ? []
          : [crm];
    out.CRM = list
      .map((x) => String(x).trim())
      .filter((s) => /^[A-Z0-9]+_\d+$/i.test(s))
      .map((s) => s.toUpperCase());
  }
  const rrule = param(params, 'rrule');
  if (rrule !== undefined) out.RRULE = readRrule(rrule);
  const meeting = param(params, 'meeting');
  if (isPlainObject(meeting)) {
    const m: Record<string, unknown> = {};
    for (const k of ['notify', 'reinvite', 'allow_invite', 'hide_guests'])
      if (meeting[k] !== undefined) m[k.toUpperCase()] = isTruthy(meeting[k]);
    out.MEETING = m;
  }
  return out;
}

function resolveSection(
  ctx: CallContext,
  params: Params,
  method: string,
  type: CalType,
  ownerId: number,
  current: number | null,
): number {
  const raw = param(params, 'section');
  if (raw === undefined || raw === '' || raw === null) {
    if (current !== null) return current;
    if (isTruthy(param(params, 'auto_detect_section')))
      return ensureDefaultSection(ctx.db, type, ownerId, ctx.auth.userId);
    throw required('section', method);
  }
  const s = sections(ctx.db).get(toInt(raw, 0));
  if (!s || s.CAL_TYPE !== type || s.OWNER_ID !== ownerId)
    throw bad('You specified an invalid calendar section ID or the user does not have access to it');
  return s.id;
}

function applyAttendees(doc: EventDoc, params: Params, hostId: number): void {
  const rawMeeting = param(params, 'is_meeting');
  const rawAttendees = param(params, 'attendees');
  if (rawMeeting === undefined && rawAttendees === undefined) return;
  const isMeeting =
    rawMeeting === undefined ? doc.IS_MEETING || attendeeIds(rawAttendees).length > 0 : isTruthy(rawMeeting);
  if (!isMeeting) {
    doc.IS_MEETING = false;
    doc.ATTENDEES = [];
    return;
  }
  const ids = rawAttendees === undefined ? doc.ATTENDEES.map((a) => a.id) : attendeeIds(rawAttendees);
  const previous = new Map(doc.ATTENDEES.map((a) => [a.id, a.status]));
  const list: Attendee[] = [{ id: hostId, status: 'H' }];
  for (const id of ids) if (id !== hostId) list.push({ id, status: previous.get(id) ?? 'Q' });
  doc.IS_MEETING = true;
  doc.MEETING_HOST = hostId;
  doc.ATTENDEES = list;
}

export function insertEvent(db: Db, doc: EventDoc): number {
  return events(db).insert(doc);
}

function loadEventById(ctx: CallContext, raw: unknown, missingText: string): EventRow {
  if (raw === undefined || raw === '' || raw === null) throw bad(missingText);
  const e = events(ctx.db).get(toInt(raw, 0));
  if (!e) throw bad('Event not found');
  return e;
}

function canEditEvent(ctx: CallContext, e: EventDoc): boolean {
  return canWrite(ctx, e.CAL_TYPE, e.OWNER_ID) || e.MEETING_HOST === ctx.auth.userId;
}

const statusRequired = (name: string, method: string) =>
  bad(`The required parameter "${name}" for method "${method}" is not set.`);

export const calendarFamily: Family = {
  name: 'calendar',
  schema: calendarSchema,
  methods: {
    'calendar.section.get': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const { type, ownerId } = calendarOf(params, 'calendar.section.get', ctx, true);
        ensureDefaultSection(ctx.db, type, ownerId, ctx.auth.userId);
        return sections(ctx.db)
          .where({ sql: `${jsonField('CAL_TYPE')} = ? AND ${jsonField('OWNER_ID')} = ?`, params: [type, ownerId] })
          .map((s) => outputSection(ctx, s));
      },
    },
    'calendar.section.add': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const method = 'calendar.section.add';
        const { type, ownerId } = calendarOf(params, method, ctx);
        const name = String(param(params, 'name') ?? '').trim();
        if (!name) throw required('name', method);
        if (!canWrite(ctx, type, ownerId)) throw bad('Access denied');
        ensureDefaultSection(ctx.db, type, ownerId, ctx.auth.userId);
        const exp = param(params, 'export');
        const now = toStoredDateTime(nowMs());
        const id = sections(ctx.db).insert({
          NAME: name,
          DESCRIPTION: String(param(params, 'description') ?? ''),
          COLOR: String(param(params, 'color') ?? DEFAULT_SECTION_COLOR),
          TEXT_COLOR: String(param(params, 'text_color') ?? '#000000'),
          EXPORT_ALLOW: isPlainObject(exp) ? isTruthy(exp.ALLOW ?? exp.allow) : true,
          CAL_TYPE: type,
          OWNER_ID: ownerId,
          CREATED_BY: ctx.auth.userId,
          DATE_CREATE: now,
          TIMESTAMP_X: now,
          IS_DEFAULT: false,
        });
        emitEvent(ctx, 'ONCALENDARSECTIONADD', { id: String(id) });
        return id;
      },
    },
    'calendar.section.update': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const s = loadSection(ctx, params, 'calendar.section.update');
        const patch: Partial<SectionDoc> = { TIMESTAMP_X: toStoredDateTime(nowMs()) };
        const name = param(params, 'name');
        if (name !== undefined) {
          if (!String(name).trim()) throw required('name', 'calendar.section.update');
          patch.NAME = String(name).trim();
        }
        for (const [key, field] of [
          ['description', 'DESCRIPTION'],
          ['color', 'COLOR'],
          ['text_color', 'TEXT_COLOR'],
        ] as const) {
          const v = param(params, key);
          if (v !== undefined) patch[field] = String(v ?? '');
        }
        const exp = param(params, 'export');
        if (isPlainObject(exp)) patch.EXPORT_ALLOW = isTruthy(exp.ALLOW ?? exp.allow);
        sections(ctx.db).patch(s.id, patch);
        emitEvent(ctx, 'ONCALENDARSECTIONUPDATE', { id: String(s.id) });
        return s.id;
      },
    },
    'calendar.section.delete': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const s = loadSection(ctx, params, 'calendar.section.delete');
        sections(ctx.db).delete(s.id);
        for (const e of events(ctx.db).where({ sql: `${jsonField('SECTION_ID')} = ?`, params: [s.id] })) {
          events(ctx.db).delete(e.id);
          emitEvent(ctx, 'ONCALENDARENTRYDELETE', { id: String(e.id) });
        }
        emitEvent(ctx, 'ONCALENDARSECTIONDELETE', { id: String(s.id) });
        return true;
      },
    },

    'calendar.event.get': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const { type, ownerId } = calendarOf(params, 'calendar.event.get', ctx);
        const zone = userZone(ctx.db, ctx.auth.userId);
        const now = nowMs();
        const from = rangeBound(param(params, 'from'), zone, false) ?? now - 30 * DAY;
        const to = rangeBound(param(params, 'to'), zone, true) ?? now + 90 * DAY;
        const rawSections = param(params, 'section');
        const sectionIds = rawSections === undefined || rawSections === '' ? null : attendeeIds(rawSections);
        return eventsInRange(
          ctx.db,
          type,
          ownerId,
          from,
          to,
          sectionIds && sectionIds.length > 0 ? sectionIds : null,
        ).map((e) => outputEvent(ctx.db, e, ctx.auth.userId));
      },
    },
    'calendar.event.getbyid': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const raw = param(params, 'id');
        if (raw === undefined || raw === '') throw bad('Event id not specified');
        const e = events(ctx.db).get(toInt(raw, 0));
        return e ? outputEvent(ctx.db, e, ctx.auth.userId) : null;
      },
    },
    'calendar.event.get.nearest': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const forCurrent = isTruthy(param(params, 'forCurrentUser'));
        const type = normalizeType(param(params, 'type') ?? 'user') ?? 'user';
        const ownerRaw = param(params, 'ownerId');
        const ownerId =
          forCurrent || ownerRaw === undefined || ownerRaw === '' ? ctx.auth.userId : toInt(ownerRaw, ctx.auth.userId);
        const days = Math.max(1, toInt(param(params, 'days'), 60));
        const max = toInt(param(params, 'maxEventsCount'), 0);
        const now = nowMs();
        const rows = eventsInRange(ctx.db, forCurrent ? 'user' : type, ownerId, now, now + days * DAY, null);
        return (max > 0 ? rows.slice(0, max) : rows).map((e) => outputEvent(ctx.db, e, ctx.auth.userId));
      },
    },
    'calendar.event.add': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const method = 'calendar.event.add';
        const { type, ownerId } = calendarOf(params, method, ctx);
        const fields = readEventFields(params);
        if (!fields.NAME) throw required('name', method);
        const times = readTimes(params, ctx, method, null);
        if (!canWrite(ctx, type, ownerId)) throw bad('Access denied');
        const sectionId = resolveSection(ctx, params, method, type, ownerId, null);
        const section = sections(ctx.db).get(sectionId)!;
        const now = toStoredDateTime(nowMs());
        const doc: EventDoc = {
          CAL_TYPE: type,
          OWNER_ID: ownerId,
          NAME: fields.NAME,
          FROM_TS: times.from,
          TO_TS: times.to,
          TZ_FROM: times.tzFrom,
          TZ_TO: times.tzTo,
          SKIP_TIME: times.skipTime ? 'Y' : 'N',
          SECTION_ID: sectionId,
          DESCRIPTION: '',
          COLOR: section.COLOR,
          TEXT_COLOR: section.TEXT_COLOR,
          ACCESSIBILITY: 'busy',
          IMPORTANCE: 'normal',
          PRIVATE_EVENT: '',
          IS_MEETING: false,
          LOCATION: '',
          REMIND: [],
          ATTENDEES: [],
          MEETING_HOST: ctx.auth.userId,
          MEETING: null,
          CREATED_BY: ctx.auth.userId,
          DATE_CREATE: now,
          TIMESTAMP_X: now,
          CRM: [],
          RRULE: null,
          ...fields,
        };
        applyAttendees(doc, params, ctx.auth.userId);
        const id = insertEvent(ctx.db, doc);
        emitEvent(ctx, 'ONCALENDARENTRYADD', { id: String(id) });
        return id;
      },
    },
    'calendar.event.update': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const method = 'calendar.event.update';
        const raw = param(params, 'id');
        if (raw === undefined || raw === '') throw required('id', method);
        const { type, ownerId } = calendarOf(params, method, ctx);
        const e = events(ctx.db).get(toInt(raw, 0));
        if (!e) throw bad('Event not found');
        if (!canEditEvent(ctx, e) || e.CAL_TYPE !== type || e.OWNER_ID !== ownerId) throw bad('Access denied');
        const fields = readEventFields(params);
        if (fields.NAME === '') throw required('name', method);
        const times = readTimes(params, ctx, method, e);
        const next: EventDoc = {
          ...e,
          ...fields,
          FROM_TS: times.from,
          TO_TS: times.to,
          TZ_FROM: times.tzFrom,
          TZ_TO: times.tzTo,
          SKIP_TIME: times.skipTime ? 'Y' : 'N',
          SECTION_ID: resolveSection(ctx, params, method, type, ownerId, e.SECTION_ID),
          TIMESTAMP_X: toStoredDateTime(nowMs()),
        };
        applyAttendees(next, params, e.MEETING_HOST);
        events(ctx.db).put(e.id, next);
        emitEvent(ctx, 'ONCALENDARENTRYUPDATE', { id: String(e.id) });
        return e.id;
      },
    },
    'calendar.event.delete': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const e = loadEventById(ctx, param(params, 'id'), 'Event id not specified');
        if (!canEditEvent(ctx, e)) throw bad('Access denied');
        events(ctx.db).delete(e.id);
        emitEvent(ctx, 'ONCALENDARENTRYDELETE', { id: String(e.id) });
        return true;
      },
    },
    'calendar.meeting.status.get': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const method = 'calendar.meeting.status.get';
        const raw = param(params, 'eventId');
        if (raw === undefined || raw === '') throw statusRequired('eventId', method);
        const e = events(ctx.db).get(toInt(raw, 0));
        const me = e?.ATTENDEES.find((a) => a.id === ctx.auth.userId);
        if (!e || !e.IS_MEETING || !me) throw bad('Event not found');
        return me.status;
      },
    },
    'calendar.meeting.status.set': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const method = 'calendar.meeting.status.set';
        const raw = param(params, 'eventId');
        if (raw === undefined || raw === '') throw statusRequired('eventId', method);
        const status = param(params, 'status');
        if (status === undefined || status === '') throw statusRequired('status', method);
        const s = String(status).toUpperCase();
        if (s !== 'Y' && s !== 'N' && s !== 'Q') throw bad('Invalid value for parameter "status"');
        const e = events(ctx.db).get(toInt(raw, 0));
        const me = e?.ATTENDEES.find((a) => a.id === ctx.auth.userId);
        if (!e || !e.IS_MEETING || !me) throw bad('Event not found');
        if (me.status !== 'H') me.status = s;
        events(ctx.db).put(e.id, e);
        emitEvent(ctx, 'ONCALENDARENTRYUPDATE', { id: String(e.id) });
        return true;
      },
    },
    'calendar.accessibility.get': {
      scope: 'calendar',
      handler: (params, ctx) => {
        const method = 'calendar.accessibility.get';
        const users = attendeeIds(param(params, 'users'));
        const zone = userZone(ctx.db, ctx.auth.userId);
        const fromRaw = param(params, 'from');
        const toRaw = param(params, 'to');
        if (fromRaw === undefined || fromRaw === '') throw required('from', method);
        if (toRaw === undefined || toRaw === '') throw required('to', method);
        if (users.length === 0) throw required('users', method);
        const from = rangeBound(fromRaw, zone, false);
        const to = rangeBound(toRaw, zone, true);
        if (from === null) throw required('from', method);
        if (to === null) throw required('to', method);
        const out: Record<string, unknown> = {};
        for (const u of users) {
          out[String(u)] = eventsInRange(ctx.db, 'user', u, from, to, null).map((e) => {
            const full = outputEvent(ctx.db, e, ctx.auth.userId);
            const pick: Record<string, unknown> = {};
            for (const k of [
              'ID',
              'NAME',
              'DATE_FROM',
              'DATE_TO',
              'DATE_FROM_TS_UTC',
              'DATE_TO_TS_UTC',
              '~USER_OFFSET_FROM',
              '~USER_OFFSET_TO',
              'DT_SKIP_TIME',
              'TZ_FROM',
              'TZ_TO',
              'ACCESSIBILITY',
              'IMPORTANCE',
              'EVENT_TYPE',
            ]) {
              pick[k] = full[k];
            }
            return pick;
          });
        }
        return out;
      },
    },
  },
};
