/**
 * Calendar time math without a date library: wall clocks in IANA zones (through Intl), the portal's
 * display formats, and calendar days as `YYYY-MM-DD`. Used by the calendar provider (what goes to and
 * comes from the portal) and by the calendar screens (which day and hour an instant falls on).
 * docs/data-layer.md, "Calendar times", explains the choices.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A wall-clock reading: what a clock in some zone shows (month 1–12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and a busy
// week converts thousands of instants.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Whether Intl knows the zone (`Europe/Berlin` yes, `''` or `Mars/Base` no).
 * @example isValidZone('America/New_York') // true
 */
export function isValidZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The browser's (or Node's) own zone, `UTC` if it has none. */
export function systemZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isValidZone(zone) ? zone : 'UTC';
}

/** Offsets are looked up per quarter hour of UTC: every zone changes its offset on such a boundary. */
const QUARTER_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * Offset of `zone` from UTC at `ms`, in ms east of UTC (`+3_600_000` for Berlin in winter). Memoised per zone
 * and quarter hour: a busy week converts thousands of instants, and Intl is the slow part.
 */
export function zoneOffsetMs(ms: number, zone: string): number {
  const bucket = Math.floor(ms / QUARTER_MS) * QUARTER_MS;
  const key = `${zone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const p of formatterFor(zone).formatToParts(new Date(bucket)))
      if (p.type !== 'literal') parts[p.type] = +p.value;
    offset =
      Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!) - bucket;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * What a clock in `zone` shows at `ms`.
 * @example wallClock(Date.UTC(2026, 2, 10, 9), 'Europe/Berlin') // { year: 2026, month: 3, day: 10, hour: 10, … }
 */
export function wallClock(ms: number, zone: string): WallClock {
  const d = new Date(ms + zoneOffsetMs(ms, zone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * The instant a clock in `zone` shows `w`. A time skipped by a DST jump resolves to the instant after
 * the jump; a repeated time to its first occurrence.
 * @example fromWallClock({ year: 2026, month: 3, day: 10, hour: 10, minute: 0, second: 0 }, 'Europe/Berlin') // Date.UTC(2026, 2, 10, 9)
 */
export function fromWallClock(w: WallClock, zone: string): number {
  const found = wallClockInstants(w, zone);
  if (found.length > 0) return found[0]!;
  // Skipped: read with the offset from before the jump, which lands after it.
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return guess - zoneOffsetMs(guess - DAY_MS / 2, zone);
}

/**
 * Every instant a clock in `zone` shows `w`: one, two in the hour repeated when clocks go back, none in the
 * hour skipped when they go forward.
 */
export function wallClockInstants(w: WallClock, zone: string): number[] {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const around = new Set([zoneOffsetMs(guess - DAY_MS / 2, zone), zoneOffsetMs(guess + DAY_MS / 2, zone)]);
  return [...around]
    .map((offset) => guess - offset)
    .filter((ms) => {
      const c = wallClock(ms, zone);
      return c.day === w.day && c.hour === w.hour && c.minute === w.minute && c.second === w.second;
    })
    .sort((a, b) => a - b);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A calendar day as `YYYY-MM-DD` (days are compared and stored as these strings).
 * @example dayString({ year: 2026, month: 3, day: 9 }) // '2026-03-09'
 */
export function dayString(w: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The calendar day `ms` falls on in `zone`. */
export function dayIn(ms: number, zone: string): string {
  return dayString(wallClock(ms, zone));
}

/** `YYYY-MM-DD` → its parts, or null when it is no date. */
export function parseDay(day: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [year, month, d] = [+m[1]!, +m[2]!, +m[3]!];
  const check = new Date(Date.UTC(year, month - 1, d));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === d ? { year, month, day: d } : null;
}

/** UTC midnight of a day: how all-day events carry their dates (a floating date, no zone). */
export function dayUtc(day: string): number {
  const p = parseDay(day);
  if (!p) throw new RangeError(`Not a day: ${day}`);
  return Date.UTC(p.year, p.month - 1, p.day);
}

/** The day of a UTC midnight (the inverse of dayUtc). */
export function utcDay(ms: number): string {
  const d = new Date(ms);
  return dayString({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/**
 * `day` moved by `n` days.
 * @example addDays('2026-02-27', 2) // '2026-03-01'
 */
export function addDays(day: string, n: number): string {
  return utcDay(dayUtc(day) + n * DAY_MS);
}

/** Whole days from `a` to `b` (`daysBetween('2026-03-01', '2026-03-08')` is 7). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayUtc(b) - dayUtc(a)) / DAY_MS);
}

/** The instant a day begins in `zone` (midnight there; the first instant of the day if midnight is skipped). */
export function dayStart(day: string, zone: string): number {
  const p = parseDay(day);
  if (!p) throw new RangeError(`Not a day: ${day}`);
  return fromWallClock({ ...p, hour: 0, minute: 0, second: 0 }, zone);
}

/**
 * The instant of a wall-clock time on a day in `zone`; `minutes` may pass 1440 (the next day).
 * @example atMinutes('2026-03-10', 600, 'Europe/Berlin') // 10:00 in Berlin that day
 */
export function atMinutes(day: string, minutes: number, zone: string): number {
  const whole = Math.floor(minutes / 1440);
  const p = parseDay(addDays(day, whole))!;
  const rest = minutes - whole * 1440;
  return fromWallClock({ ...p, hour: Math.floor(rest / 60), minute: rest % 60, second: 0 }, zone);
}

/** Minutes since midnight that a clock in `zone` shows at `ms`. */
export function minutesIn(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  return w.hour * 60 + w.minute;
}

/**
 * The wall clock at `ms` in `zone` as ISO 8601 with that zone's offset at that instant — what Kontor sends
 * as `from`/`to` beside `timezone_from`/`timezone_to` (see docs/data-layer.md, "Calendar times"). The wall
 * clock and the offset agree, so the time is exact even in the hour repeated when clocks go back.
 * @example isoWallClock(Date.UTC(2026, 2, 10, 15), 'America/New_York') // '2026-03-10T11:00:00-04:00'
 */
export function isoWallClock(ms: number, zone: string): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = wallClock(whole, zone);
  const offset = Math.round(zoneOffsetMs(whole, zone) / MINUTE_MS);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${dayString(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A reading of a portal date: the wall clock, and whether the text had a time at all. */
export interface PortalReading {
  wall: WallClock;
  hasTime: boolean;
}

/**
 * Every way a portal date text can be read. Portals write dates in the site's format: `DD.MM.YYYY
 * HH:MI:SS` (de, ru, da…), `MM/DD/YYYY hh:mi:ss am` (en), `YYYY-MM-DD HH:MI:SS`; a slash date without
 * am/pm may be day-first (en-GB style), so it gives both readings and the caller picks one.
 * @example readPortalDate('10.03.2026 14:30:00') // [{ wall: { year: 2026, month: 3, day: 10, hour: 14, minute: 30, … }, hasTime: true }]
 */
export function readPortalDate(text: string): PortalReading[] {
  const s = text.trim();
  const time = (h = '0', mi = '0', sec = '0', ampm?: string) => {
    let hour = +h;
    if (ampm) hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
    return { hour, minute: +mi, second: +sec };
  };
  const valid = (year: number, month: number, day: number) => parseDay(dayString({ year, month, day })) !== null;
  const reading = (year: number, month: number, day: number, t: ReturnType<typeof time>, hasTime: boolean) =>
    valid(year, month, day) && t.hour < 24 && t.minute < 60 && t.second < 60
      ? [{ wall: { year, month, day, ...t }, hasTime }]
      : [];
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (m) return reading(+m[1]!, +m[2]!, +m[3]!, time(m[4], m[5], m[6]), m[4] !== undefined);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return reading(+m[3]!, +m[2]!, +m[1]!, time(m[4], m[5], m[6]), m[4] !== undefined);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(s);
  if (m) {
    const t = time(m[4], m[5], m[6], m[7]);
    const hasTime = m[4] !== undefined;
    const monthFirst = reading(+m[3]!, +m[1]!, +m[2]!, t, hasTime);
    // am/pm marks the US format; otherwise both readings stay possible.
    if (m[7] || +m[1]! === +m[2]!) return monthFirst;
    return [...monthFirst, ...reading(+m[3]!, +m[2]!, +m[1]!, t, hasTime)];
  }
  return [];
}
