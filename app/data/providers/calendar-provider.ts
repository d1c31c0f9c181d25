import { BitrixError, type B24Client, type RestAnswer } from '../../b24/index.ts';
import { assertId } from './shared.ts';
import {
  addDays,
  DAY_MS,
  dayUtc,
  fromWallClock,
  isoWallClock,
  isValidZone,
  readPortalDate,
  systemZone,
  utcDay,
  wallClockInstants,
  type PortalReading,
} from './calendar-time.ts';

/** A calendar Kontor shows: a user's (`ownerId: 'me'` is the current user) or a workgroup's. */
export interface CalendarRef {
  type: 'user' | 'group';
  /** A user or group id, or `'me'`: the current user, whose id the first read learns in the same batch. */
  ownerId: string;
}

/** The current user's own calendar. */
export const MY_CALENDAR: CalendarRef = { type: 'user', ownerId: 'me' };

/** What the calendar screens need to know before they draw anything. */
export interface CalendarContext {
  me: {
    id: string;
    /** The zone times are shown in: the user's portal zone, or the browser's when the portal has none. */
    timeZone: string;
  };
  /** Sections the user has switched off (the user option `kontor.calendar.hiddenSections`). */
  hiddenSections: string[];
  /** Workgroups whose calendars can be opened (first 50 by name). */
  groups: CalendarGroup[];
}

export interface CalendarGroup {
  id: string;
  /** Portal text. */
  name: string;
}

/** A calendar section (`calendar.section.get`): the colour of its events and what the user may do in it. */
export interface CalendarSection {
  id: string;
  /** Portal text. */
  name: string;
  /** `#RRGGBB`. */
  color: string;
  textColor: string;
  canAdd: boolean;
  canEdit: boolean;
}

export type AttendeeStatus = 'H' | 'Y' | 'N' | 'Q';

/**
 * One event, in the app's shape. Timed events carry instants (`start`/`end`, epoch ms) and the zones
 * the portal keeps their wall clocks in; all-day events carry floating dates as UTC midnights, `end`
 * being the midnight after the last day (exclusive, like every range in the app).
 */
export interface CalendarEvent {
  id: string;
  /** Portal text (shown as text, never as HTML). */
  name: string;
  description: string;
  location: string;
  sectionId: string;
  /** Where the event lives (`CAL_TYPE`, `OWNER_ID`): updates must name it. */
  calType: string;
  ownerId: string;
  allDay: boolean;
  start: number;
  end: number;
  /** The zones of the start and the end (`TZ_FROM`/`TZ_TO`); `''` for all-day events. */
  tzFrom: string;
  tzTo: string;
  /** `#RRGGBB`, the event's own or its section's. */
  color: string;
  textColor: string;
  isMeeting: boolean;
  hostId: string;
  attendees: { id: string; status: AttendeeStatus }[];
  /** CRM bindings as the portal stores them (`D_12`, `CO_3`). */
  crm: string[];
  /** Part of a series (`RRULE`): moving it by drag would move every occurrence, so the screens do not offer it. */
  recurring: boolean;
  createdBy: string;
  /** The portal's own texts, for diagnosis (`03/10/2026 10:00:00 am`, `10.03.2026 10:00:00`). */
  dateFrom: string;
  dateTo: string;
}

/** One calendar over a range of days: its sections and every event that touches the range. */
export interface CalendarView {
  sections: CalendarSection[];
  events: CalendarEvent[];
}

/** What a form or a drag writes. Times as in CalendarEvent (all-day: UTC midnights, end exclusive). */
export interface EventInput {
  name: string;
  sectionId: string;
  allDay: boolean;
  start: number;
  end: number;
  /** Zone of the start / end of a timed event (default: the user's display zone, given by the caller). */
  tzFrom: string;
  tzTo: string;
  description?: string;
  location?: string;
  /** Invitees besides the host; a non-empty list makes the event a meeting. */
  attendees?: string[];
  crm?: string[];
}

/** The user option that remembers hidden sections. */
export const HIDDEN_SECTIONS_OPTION = 'kontor.calendar.hiddenSections';

type Row = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const idText = (v: unknown): string => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');

/** The answer of a list method: an array, or PHP's `{}` for "none". */
function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return result && typeof result === 'object' ? (Object.values(result) as Row[]) : [];
}

function idList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' && value ? value.split(',') : [];
  return [...new Set(list.map(idText).filter((id) => /^[1-9]\d*$/.test(id)))];
}

// ---------------------------------------------------------------------------------------------
// Reading the portal's dates

/** The value closest to `hint`. */
function pick(values: number[], hint: number): number {
  return values.reduce((best, v) => (Math.abs(v - hint) < Math.abs(best - hint) ? v : best));
}

/** The reading closest to the portal's UTC timestamp (a slash date may be day- or month-first). */
function closest(readings: PortalReading[], toMs: (r: PortalReading) => number, hintMs: number | null): number {
  const values = readings.map(toMs);
  return values.length < 2 || hintMs === null ? values[0]! : pick(values, hintMs);
}

function seconds(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * A timed event's instant from the portal's fields. The portal stores the wall clock (`DATE_FROM`, in the
 * site's format) with its zone (`TZ_FROM`): the instant is that wall clock in that zone. Without a zone
 * the stored offset (`TZ_OFFSET_FROM`, seconds) is used, then `DATE_FROM_TS_UTC`; the timestamp also
 * settles whether a slash date is day- or month-first.
 */
export function eventInstant(dateText: unknown, zone: unknown, offsetSeconds: unknown, utcSeconds: unknown): number {
  const ts = seconds(utcSeconds);
  const hint = ts === null ? null : ts * 1000;
  const readings = readPortalDate(text(dateText));
  if (readings.length === 0) {
    if (hint !== null) return hint;
    throw new RangeError(`Unreadable calendar date: ${text(dateText)}`);
  }
  const offset = seconds(offsetSeconds);
  const toMs = (r: PortalReading) => {
    const w = r.wall;
    if (isValidZone(zone)) {
      // The hour repeated when clocks go back shows twice: the portal's timestamp says which one it is.
      const candidates = wallClockInstants(w, zone);
      if (candidates.length === 0) return fromWallClock(w, zone);
      return hint === null ? candidates[0]! : pick(candidates, hint);
    }
    const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    if (offset !== null) return naive - offset * 1000;
    return hint ?? naive;
  };
  return closest(readings, toMs, hint);
}

/** An all-day event's date (its UTC midnight) from the portal's `DATE_FROM`/`DATE_TO`. */
export function eventDay(dateText: unknown, utcSeconds: unknown): number {
  const ts = seconds(utcSeconds);
  const readings = readPortalDate(text(dateText));
  if (readings.length === 0) {
    if (ts !== null) return dayUtc(utcDay(ts * 1000));
    throw new RangeError(`Unreadable calendar date: ${text(dateText)}`);
  }
  const toMs = (r: PortalReading) => Date.UTC(r.wall.year, r.wall.month - 1, r.wall.day);
  return closest(readings, toMs, ts === null ? null : ts * 1000);
}

/** An event row of `calendar.event.get`/`getbyid` → CalendarEvent. */
export function eventOf(row: Row, sections?: ReadonlyMap<string, CalendarSection>): CalendarEvent {
  const allDay = row.DT_SKIP_TIME === 'Y' || row.SKIP_TIME === 'Y';
  const sectionId = idText(row.SECTION_ID ?? row.SECT_ID);
  const section = sections?.get(sectionId);
  let start: number;
  let end: number;
  if (allDay) {
    start = eventDay(row.DATE_FROM, row.DATE_FROM_TS_UTC);
    end = Math.max(eventDay(row.DATE_TO, row.DATE_TO_TS_UTC), start) + DAY_MS;
  } else {
    start = eventInstant(row.DATE_FROM, row.TZ_FROM, row.TZ_OFFSET_FROM, row.DATE_FROM_TS_UTC);
    end = Math.max(eventInstant(row.DATE_TO, row.TZ_TO, row.TZ_OFFSET_TO, row.DATE_TO_TS_UTC), start);
  }
  const list = Array.isArray(row.ATTENDEE_LIST) ? (row.ATTENDEE_LIST as Row[]) : [];
  const attendees = list
    .map((a) => ({
      id: idText(a.id),
      status: (['H', 'Y', 'N', 'Q'].includes(text(a.status)) ? a.status : 'Q') as AttendeeStatus,
    }))
    .filter((a) => a.id !== '');
  const rrule = row.RRULE;
  return {
    id: idText(row.ID),
    name: text(row.NAME),
    description: text(row.DESCRIPTION),
    location: text(row.LOCATION),
    sectionId,
    calType: text(row.CAL_TYPE),
    ownerId: idText(row.OWNER_ID),
    allDay,
    start,
    end,
    tzFrom: allDay ? '' : text(row.TZ_FROM),
    tzTo: allDay ? '' : text(row.TZ_TO),
    color: text(row.COLOR) || section?.color || '',
    textColor: text(row.TEXT_COLOR) || section?.textColor || '',
    isMeeting: row.IS_MEETING === true || row.IS_MEETING === 'Y' || row.IS_MEETING === '1',
    hostId: idText(row.MEETING_HOST),
    attendees,
    crm: Array.isArray(row.UF_CRM_CAL_EVENT) ? row.UF_CRM_CAL_EVENT.map(text).filter(Boolean) : [],
    recurring: !!rrule && typeof rrule === 'object' && Object.keys(rrule).length > 0,
    createdBy: idText(row.CREATED_BY),
    dateFrom: text(row.DATE_FROM),
    dateTo: text(row.DATE_TO),
  };
}

function sectionOf(row: Row): CalendarSection {
  const perm = row.PERM && typeof row.PERM === 'object' ? (row.PERM as Row) : {};
  return {
    id: idText(row.ID),
    name: text(row.NAME),
    color: text(row.COLOR) || '#9dcf00',
    textColor: text(row.TEXT_COLOR) || '#000000',
    canAdd: perm.add !== false,
    canEdit: perm.edit !== false,
  };
}

// ---------------------------------------------------------------------------------------------
// Reads

/**
 * The current user (id and zone), the sections they hid and the workgroups to choose from: three calls
 * in one tick, so they go out in one batch (with whatever else the screen reads in that tick).
 * @example const { me, hiddenSections, groups } = await readCalendarContext(client);
 */
export async function readCalendarContext(client: B24Client): Promise<CalendarContext> {
  const [profile, option, groups] = await Promise.all([
    client.call<Row>('profile'),
    client.call<unknown>('user.option.get', { option: HIDDEN_SECTIONS_OPTION }),
    // Without the sonet_group scope (or access) there are no group calendars to offer: the user's own still works.
    client.call<unknown>('sonet_group.get', { ORDER: { NAME: 'ASC' }, FILTER: { ACTIVE: 'Y' } }).catch((e: unknown) => {
      if (e instanceof BitrixError && (e.isAccessDenied || e.isAuth)) return { result: [] };
      throw e;
    }),
  ]);
  const zone = profile.result.TIME_ZONE;
  return {
    me: { id: idText(profile.result.ID), timeZone: isValidZone(zone) ? zone : systemZone() },
    hiddenSections: idList(option.result),
    groups: rowsOf(groups.result).map((g) => ({ id: idText(g.ID), name: text(g.NAME) })),
  };
}

/**
 * A calendar's sections and its events touching the days `from`…`to` (inclusive, `YYYY-MM-DD`): one
 * `calendar.section.get` and one `calendar.event.get` in the same tick (one batch). The portal reads the
 * bounds in the user's own zone, so the range asked is a day wider on each side; events outside the
 * days asked are left to the screen, which places every event in its own display zone.
 * For `ownerId: 'me'` without `meId`, a `profile` call joins the batch and the portal fills the id in
 * (`$result` reference), so even the very first read is one request.
 * @example const { sections, events } = await readCalendarView(client, { type: 'group', ownerId: '3' }, '2026-03-09', '2026-03-15');
 */
export async function readCalendarView(
  client: B24Client,
  calendar: CalendarRef,
  from: string,
  to: string,
  meId?: string,
): Promise<CalendarView> {
  let ownerId: unknown = calendar.ownerId;
  if (calendar.ownerId === 'me' && meId) ownerId = meId;
  else if (calendar.ownerId === 'me') {
    const profile = client.call('profile');
    // Its failure is reported by the calls that refer to it.
    profile.catch(() => undefined);
    ownerId = client.ref(profile, 'ID');
  } else assertId(calendar.ownerId, 'calendar.event.get');
  const [sections, events] = await Promise.all([
    client.call<unknown>('calendar.section.get', { type: calendar.type, ownerId }),
    client.call<unknown>('calendar.event.get', {
      type: calendar.type,
      ownerId,
      from: addDays(from, -1),
      to: addDays(to, 1),
    }),
  ]);
  const list = rowsOf(sections.result).map(sectionOf);
  const byId = new Map(list.map((s) => [s.id, s]));
  return { sections: list, events: rowsOf(events.result).map((row) => eventOf(row, byId)) };
}

/**
 * One event (`calendar.event.getbyid`); the portal answers `null` for an id it does not know.
 * @example const event = await readCalendarEvent(client, '12');
 */
export async function readCalendarEvent(client: B24Client, id: string): Promise<CalendarEvent | null> {
  assertId(id, 'calendar.event.getbyid');
  const { result } = await client.call<Row | null>('calendar.event.getbyid', { id });
  return result && typeof result === 'object' ? eventOf(result) : null;
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * The times of an event as `calendar.event.add/update` take them. Timed: the wall clock in the event's
 * zone as ISO 8601 with that zone's offset (`2026-03-10T10:00:00-04:00`), plus `timezone_from/to` — the
 * portal stores that wall clock with that zone, and the offset makes the instant exact. All-day: the first
 * and the last day (`YYYY-MM-DD`) with `skip_time: 'Y'`.
 */
export function timeParams(input: Pick<EventInput, 'allDay' | 'start' | 'end' | 'tzFrom' | 'tzTo'>): Row {
  if (input.allDay) {
    const first = utcDay(input.start);
    const last = utcDay(Math.max(input.end - DAY_MS, input.start));
    return { from: first, to: last, skip_time: 'Y' };
  }
  const tzFrom = isValidZone(input.tzFrom) ? input.tzFrom : systemZone();
  const tzTo = isValidZone(input.tzTo) ? input.tzTo : tzFrom;
  return {
    from: isoWallClock(input.start, tzFrom),
    to: isoWallClock(Math.max(input.end, input.start), tzTo),
    skip_time: 'N',
    timezone_from: tzFrom,
    timezone_to: tzTo,
  };
}

/** The params of an add/update for the fields given (times only when all of them are given). */
function writeParams(input: Partial<EventInput>): Row {
  const out: Row = {};
  if (input.name !== undefined) out.name = input.name.trim();
  if (input.sectionId !== undefined) out.section = input.sectionId;
  if (input.description !== undefined) out.description = input.description;
  if (input.location !== undefined) out.location = input.location;
  if (
    input.allDay !== undefined &&
    input.start !== undefined &&
    input.end !== undefined &&
    input.tzFrom !== undefined &&
    input.tzTo !== undefined
  )
    Object.assign(out, timeParams(input as EventInput));
  if (input.attendees !== undefined) {
    const ids = idList(input.attendees);
    out.is_meeting = ids.length > 0 ? 'Y' : 'N';
    out.attendees = ids;
  }
  // An empty list clears the bindings (PHP drops an empty array from a form, so it goes as '').
  if (input.crm !== undefined) out.crm_fields = input.crm.length > 0 ? input.crm : '';
  return out;
}

/**
 * Creates an event in a calendar (`ownerId` a real id here) and reads it back in the same batch
 * (`calendar.event.getbyid` with the new id as a `$result` reference): one request, the portal's own
 * rendering of the event.
 * @example const event = await createCalendarEvent(client, { type: 'user', ownerId: '1' }, input);
 */
export async function createCalendarEvent(
  client: B24Client,
  calendar: CalendarRef,
  input: EventInput,
): Promise<CalendarEvent> {
  assertId(calendar.ownerId, 'calendar.event.add');
  const added = client.call<number>('calendar.event.add', {
    type: calendar.type,
    ownerId: calendar.ownerId,
    ...writeParams(input),
  });
  // If the add fails, so does this read (its id is missing); the add's error is the one reported.
  const read = client.call<Row | null>('calendar.event.getbyid', { id: client.ref(added as Promise<RestAnswer>) }).then(
    (a) => a.result,
    () => null,
  );
  const { result: id } = await added;
  const result = await read;
  return result && typeof result === 'object' ? eventOf(result) : readMissing(client, String(id));
}

/** The event after a write whose read-back came back empty (a portal that hides it): read once more. */
async function readMissing(client: B24Client, id: string): Promise<CalendarEvent> {
  const event = await readCalendarEvent(client, id);
  if (!event) throw new RangeError(`Event ${id} is gone`);
  return event;
}

/**
 * Changes an event: only the fields given are sent (times always as a whole: start, end, zones,
 * all-day), naming the calendar it lives in; the event is read back in the same batch.
 * @example await updateCalendarEvent(client, event, { start, end, allDay: false, tzFrom: event.tzFrom, tzTo: event.tzTo });
 */
export async function updateCalendarEvent(
  client: B24Client,
  event: Pick<CalendarEvent, 'id' | 'calType' | 'ownerId'>,
  patch: Partial<EventInput>,
): Promise<CalendarEvent> {
  assertId(event.id, 'calendar.event.update');
  const updated = client.call<number>('calendar.event.update', {
    id: event.id,
    type: event.calType,
    ownerId: event.ownerId,
    ...writeParams(patch),
  });
  // Batch commands run in order: the read sees the update. If the update fails, so does this write.
  const read = client.call<Row | null>('calendar.event.getbyid', { id: event.id }).then(
    (a) => a.result,
    () => null,
  );
  await updated;
  const result = await read;
  return result && typeof result === 'object' ? eventOf(result) : readMissing(client, event.id);
}

/**
 * Deletes an event (`calendar.event.delete`).
 * @example await deleteCalendarEvent(client, '12');
 */
export async function deleteCalendarEvent(client: B24Client, id: string): Promise<void> {
  assertId(id, 'calendar.event.delete');
  await client.call('calendar.event.delete', { id });
}

/**
 * Remembers the sections the user hid (`user.option.set`, per user and app).
 * @example await saveHiddenSections(client, ['4', '9']);
 */
export async function saveHiddenSections(client: B24Client, ids: readonly string[]): Promise<void> {
  // A comma list, not an array: an empty array vanishes from a form-encoded batch command.
  await client.call('user.option.set', { options: { [HIDDEN_SECTIONS_OPTION]: [...new Set(ids)].join(',') } });
}
