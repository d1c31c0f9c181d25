import type { CalendarEvent, EventInput } from '../../data/providers/calendar-provider.ts';
import { addDays, atMinutes, DAY_MS, dayIn, MINUTE_MS, minutesIn } from '../../data/providers/calendar-time.ts';

/** Drags and the time grid snap to quarter hours. */
export const SNAP_MINUTES = 15;

export type EventTimes = Pick<EventInput, 'allDay' | 'start' | 'end' | 'tzFrom' | 'tzTo'>;

/** The times of an event as a write takes them. */
export function timesOf(event: CalendarEvent): EventTimes {
  return { allDay: event.allDay, start: event.start, end: event.end, tzFrom: event.tzFrom, tzTo: event.tzTo };
}

/**
 * An event moved by whole days and (timed events) minutes on the viewer's wall clock: 09:00 stays 09:00
 * across a daylight-saving night. The length and the event's own zones are kept.
 * @example moveEvent(event, 1, 30, 'Europe/Berlin') // a day later, half an hour later
 */
export function moveEvent(event: CalendarEvent, days: number, minutes: number, zone: string): EventTimes {
  if (event.allDay) return { ...timesOf(event), start: event.start + days * DAY_MS, end: event.end + days * DAY_MS };
  const start = atMinutes(addDays(dayIn(event.start, zone), days), minutesIn(event.start, zone) + minutes, zone);
  // Seconds are kept (a portal event may start at 09:00:30).
  const seconds = event.start % MINUTE_MS;
  return { ...timesOf(event), start: start + seconds, end: start + seconds + (event.end - event.start) };
}

/** A timed event with its end moved by `minutes`, at least one snap step after its start. */
export function resizeEvent(event: CalendarEvent, minutes: number): EventTimes {
  return {
    ...timesOf(event),
    end: Math.max(event.end + minutes * MINUTE_MS, event.start + SNAP_MINUTES * MINUTE_MS),
  };
}

/** A pointer's distance in minutes, snapped. */
export function snapMinutes(pixels: number, pixelsPerMinute: number): number {
  return Math.round(pixels / pixelsPerMinute / SNAP_MINUTES) * SNAP_MINUTES;
}
