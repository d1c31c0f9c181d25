/**
 * Portal clock and date formats. The portal has one time zone (default Europe/Copenhagen);
 * datetimes go out as ISO-8601 with that zone's offset, no fractional seconds.
 * Stored datetimes are UTC ISO strings (`2024-08-30T12:29:00Z`) so SQL compares them as text.
 */
let portalTimeZone = 'Europe/Copenhagen';

export function setPortalTimeZone(tz: string): void {
  new Intl.DateTimeFormat('en', { timeZone: tz }); // throws RangeError on an unknown zone
  portalTimeZone = tz;
}
export function getPortalTimeZone(): string {
  return portalTimeZone;
}

/** Offset of the portal zone at `ms`, in minutes east of UTC. */
export function zoneOffsetMinutes(ms: number, tz = portalTimeZone): number {
  const fmt = makeFormatterFor(tz);
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}
const formatterCache = new Map<string, Intl.DateTimeFormat>();
function makeFormatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatterCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatterCache.set(tz, f);
  }
  return f;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

function offsetString(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `2024-08-30T14:29:00+02:00` in the portal zone (or `tz`). */
export function formatIso(ms: number, tz = portalTimeZone): string {
  const off = zoneOffsetMinutes(ms, tz);
  const d = new Date(Math.floor(ms / 1000) * 1000 + off * 60000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offsetString(off)}`
  );
}

/** Wall-clock parts of `ms` in the portal zone. */
export function wallClock(ms: number, tz = portalTimeZone) {
  const off = zoneOffsetMinutes(ms, tz);
  const d = new Date(ms + off * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    offsetMinutes: off,
  };
}

/** Epoch ms of a wall-clock time in a zone. */
export function fromWallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, tz = portalTimeZone): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let ms = guess - zoneOffsetMinutes(guess, tz) * 60000;
  ms = guess - zoneOffsetMinutes(ms, tz) * 60000;
  return ms;
}

/** Canonical stored form: UTC ISO without milliseconds. */
export function toStoredDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Parses what clients send for dates: ISO-8601 with or without offset/time, `YYYY-MM-DD`,
 * the portal display formats `DD.MM.YYYY[ HH:MM[:SS]]` and `MM/DD/YYYY[ hh:mm[:ss] am|pm]`,
 * or a unix timestamp. Times without an offset are portal-zone wall clock. Returns epoch ms or null.
 */
export function parseDateInput(value: unknown, tz = portalTimeZone): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value > 1e11 ? value : value * 1000;
  const s = String(value).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', zone] = m;
    if (zone) {
      const iso = `${y}-${mo}-${d}T${pad(+h)}:${pad(+mi)}:${pad(+sec)}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone.toUpperCase()}`;
      const ms = Date.parse(iso);
      return Number.isNaN(ms) ? null : ms;
    }
    return validDate(+y!, +mo!, +d!) ? fromWallClock(+y!, +mo!, +d!, +h, +mi, +sec, tz) : null;
  }
  m = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const [, d, mo, y, h = '0', mi = '0', sec = '0'] = m;
    return validDate(+y!, +mo!, +d!) ? fromWallClock(+y!, +mo!, +d!, +h, +mi, +sec, tz) : null;
  }
  m = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(s);
  if (m) {
    const [, mo, d, y, h = '0', mi = '0', sec = '0', ampm] = m;
    let hour = +h;
    if (ampm) hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
    return validDate(+y!, +mo!, +d!) ? fromWallClock(+y!, +mo!, +d!, hour, +mi, +sec, tz) : null;
  }
  if (/^\d{9,13}$/.test(s)) return Number(s) * (s.length > 11 ? 1 : 1000);
  return null;
}

function validDate(y: number, mo: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Portal display format used by calendar.*: `12/11/2024 05:59:00 pm`. */
export function formatDisplay(ms: number, tz = portalTimeZone, withTime = true): string {
  const w = wallClock(ms, tz);
  const date = `${pad(w.month)}/${pad(w.day)}/${w.year}`;
  if (!withTime) return date;
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${date} ${pad(h12)}:${pad(w.minute)}:${pad(w.second)} ${w.hour < 12 ? 'am' : 'pm'}`;
}

/** `2024-12-10 06:36:00` (calendar sections, user LAST_ACTIVITY_DATE). */
export function formatSql(ms: number, tz = portalTimeZone): string {
  const w = wallClock(ms, tz);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

export function nowMs(): number {
  return Date.now();
}
