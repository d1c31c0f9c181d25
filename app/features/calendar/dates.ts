import { addDays, dayIn, dayUtc, minutesIn, parseDay } from '../../data/providers/calendar-time.ts';

export type CalendarMode = 'week' | 'month';

/** Day of the week, Monday 0 … Sunday 6 (weeks start on Monday, as on a portal by default). */
export function weekdayOf(day: string): number {
  return (new Date(dayUtc(day)).getUTCDay() + 6) % 7;
}

/**
 * The Monday of the week a day is in.
 * @example weekStart('2026-03-12') // '2026-03-09'
 */
export function weekStart(day: string): string {
  return addDays(day, -weekdayOf(day));
}

/** The first day of the day's month. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The days a mode shows around `day`: the week (7), or the month's six weeks from a Monday (42). */
export function visibleDays(mode: CalendarMode, day: string): string[] {
  const first = mode === 'week' ? weekStart(day) : weekStart(monthStart(day));
  return Array.from({ length: mode === 'week' ? 7 : 42 }, (_, i) => addDays(first, i));
}

/**
 * The day the previous / next page of a mode starts on (a week, or the month's first day).
 * @example step('month', '2026-01-31', 1) // '2026-02-01'
 */
export function step(mode: CalendarMode, day: string, by: 1 | -1): string {
  if (mode === 'week') return addDays(weekStart(day), 7 * by);
  const p = parseDay(monthStart(day))!;
  const month = p.month - 1 + by;
  const year = p.year + Math.floor(month / 12);
  return `${String(year).padStart(4, '0')}-${String((((month % 12) + 12) % 12) + 1).padStart(2, '0')}-01`;
}

/** Today in a zone. */
export function today(zone: string): string {
  return dayIn(Date.now(), zone);
}

// Formatters are costly to build and a busy week formats hundreds of times: one per language, zone and kind.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

// Times of day as text, per language and minute of the day: a busy week shows the same few dozen times.
const times = new Map<string, string>();

/**
 * A time of day in the user's language and zone.
 * @example formatTime(Date.UTC(2026, 2, 10, 14), 'de', 'Europe/Berlin') // '15:00'
 */
export function formatTime(ms: number, lang: string, zone: string): string {
  const minutes = minutesIn(ms, zone);
  const key = `${lang}|${minutes}`;
  let text = times.get(key);
  if (text === undefined) {
    text = formatter(lang, 'UTC', { hour: '2-digit', minute: '2-digit' }).format(Date.UTC(2026, 0, 5, 0, minutes));
    times.set(key, text);
  }
  return text;
}

/** A day (`YYYY-MM-DD`) in words; `options` as Intl's (weekday, day, month, year). */
export function formatDay(day: string, lang: string, options: Intl.DateTimeFormatOptions): string {
  return formatter(lang, 'UTC', options).format(dayUtc(day));
}

/** The title of a page: `March 2026`, or the week's first and last day. */
export function rangeTitle(mode: CalendarMode, day: string, lang: string): string {
  if (mode === 'month') return formatDay(monthStart(day), lang, { month: 'long', year: 'numeric' });
  const first = weekStart(day);
  return formatter(lang, 'UTC', { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(
    dayUtc(first),
    dayUtc(addDays(first, 6)),
  );
}

/** The hour a clock shows as text in the user's language (the time grid's labels: `9 AM`, `09:00`). */
export function hourLabel(hour: number, lang: string): string {
  const f = formatter(lang, 'UTC', { hour: 'numeric' });
  const at = Date.UTC(2026, 0, 5, hour);
  // A 24-hour language shows the bare hour as `09` (or `9 Uhr`): minutes make it read as a time.
  return f.resolvedOptions().hour12
    ? f.format(at)
    : formatter(lang, 'UTC', { hour: '2-digit', minute: '2-digit' }).format(at);
}
