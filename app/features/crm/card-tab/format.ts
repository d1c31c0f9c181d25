/**
 * A moment as the user reads it: date and time in the page language (`Intl`), or the date alone.
 * Unparseable input gives `''` so a row shows nothing rather than "Invalid Date".
 * @example formatMoment('2026-12-01T10:00:00+01:00', 'de') // '01.12.2026, 10:00'
 */
export function formatMoment(value: string | number, lang: string, { dateOnly = false, utc = false } = {}): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return '';
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    ...(dateOnly ? {} : { timeStyle: 'short' }),
    ...(utc ? { timeZone: 'UTC' } : {}),
  }).format(ms);
}

/** `YYYY-MM-DDTHH:mm` in local time, what `<input type="datetime-local">` holds. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of a `datetime-local` value (read in the browser's zone), or undefined when empty/invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
