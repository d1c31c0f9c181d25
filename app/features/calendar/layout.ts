import type { CalendarEvent } from '../../data/providers/calendar-provider.ts';
import { addDays, DAY_MS, dayStart, dayUtc, minutesIn } from '../../data/providers/calendar-time.ts';

/** The shortest an event is drawn in the time grid (and laid out), so a 5-minute call stays clickable. */
export const MIN_DRAWN_MINUTES = 20;

/** A timed event's piece in one day column: minutes since midnight, and its column among overlapping ones. */
export interface TimedSlot {
  event: CalendarEvent;
  top: number;
  bottom: number;
  column: number;
  columns: number;
}

/** An event in the all-day row (all-day, or timed across midnight): its first column, span and lane. */
export interface BarSlot {
  event: CalendarEvent;
  first: number;
  span: number;
  lane: number;
  /** It began before the first day shown / goes on after the last. */
  before: boolean;
  after: boolean;
}

export interface WeekLayout {
  bars: BarSlot[];
  lanes: number;
  /** Per day shown, its timed events. */
  timed: TimedSlot[][];
}

/**
 * The days shown, as instants in the viewer's zone, computed once: placing hundreds of events then costs
 * comparisons, not time-zone conversions (a conversion through Intl is the expensive part of a busy week).
 */
export function dayGrid(days: readonly string[], zone: string) {
  const starts = [...days, addDays(days[days.length - 1]!, 1)].map((d) => dayStart(d, zone));
  const utc = days.map(dayUtc);
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;
  /** Index of the day an instant falls on, or -1 outside the days. */
  const indexOf = (ms: number) => {
    if (ms < first || ms >= last) return -1;
    let i = 0;
    while (starts[i + 1]! <= ms) i++;
    return i;
  };
  /** Wall-clock minutes since the midnight of day `i` (a 23- or 25-hour day asks the zone). */
  const minutes = (ms: number, i: number) =>
    starts[i + 1]! - starts[i]! === DAY_MS ? Math.floor((ms - starts[i]!) / 60_000) : minutesIn(ms, zone);
  /** Whether an event touches day `i` (all-day events by their dates; a zero-length one by its start). */
  const touches = (event: CalendarEvent, i: number) => {
    if (event.allDay) return event.start < utc[i]! + DAY_MS && event.end > utc[i]!;
    const [from, to] = [starts[i]!, starts[i + 1]!];
    return event.end > event.start ? event.start < to && event.end > from : event.start >= from && event.start < to;
  };
  /** Whether an event is drawn as a bar: all-day, or timed past the midnight after its start (or from before the days). */
  const isBar = (event: CalendarEvent) => {
    if (event.allDay) return true;
    const i = indexOf(event.start);
    return i === -1 ? event.start < first : event.end > starts[i + 1]!;
  };
  return { starts, first, last, indexOf, minutes, touches, isBar };
}

/**
 * Columns for overlapping items (the time grid's rule): items are taken by start; each goes into the first
 * column free at its start; a cluster of items that overlap one another shares one column count, so every
 * item of a cluster is equally wide. O(n log n + n·columns).
 * @example layoutColumns([{ top: 0, bottom: 60 }, { top: 30, bottom: 90 }, { top: 120, bottom: 150 }])
 * // columns 0/2, 1/2, 0/1
 */
export function layoutColumns<T extends { top: number; bottom: number }>(
  items: readonly T[],
): (T & { column: number; columns: number })[] {
  const sorted = [...items].sort((a, b) => a.top - b.top || b.bottom - a.bottom);
  const out: (T & { column: number; columns: number })[] = [];
  let cluster: (T & { column: number; columns: number })[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    for (const item of cluster) item.columns = columnEnds.length;
    out.push(...cluster);
    cluster = [];
    columnEnds = [];
  };
  for (const item of sorted) {
    if (item.top >= clusterEnd) close();
    let column = columnEnds.findIndex((end) => end <= item.top);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(item.bottom);
    } else columnEnds[column] = item.bottom;
    cluster.push({ ...item, column, columns: 0 });
    clusterEnd = Math.max(clusterEnd, item.bottom);
  }
  close();
  return out;
}

/**
 * Everything a week (or a few days) shows, placed: all-day bars in lanes, timed events in their day's
 * columns. Events outside the days are left out. Times are the wall clock of `zone`.
 */
export function layoutWeek(events: readonly CalendarEvent[], days: readonly string[], zone: string): WeekLayout {
  const grid = dayGrid(days, zone);
  const bars: BarSlot[] = [];
  const perDay: { event: CalendarEvent; top: number; bottom: number }[][] = days.map(() => []);
  const firstUtc = dayUtc(days[0]!);
  const lastUtc = dayUtc(days[days.length - 1]!) + DAY_MS;
  for (const event of events) {
    if (grid.isBar(event)) {
      const covered = days.map((_, i) => (grid.touches(event, i) ? i : -1)).filter((i) => i >= 0);
      if (covered.length === 0) continue;
      const first = covered[0]!;
      const last = covered[covered.length - 1]!;
      const before = event.allDay ? event.start < firstUtc : event.start < grid.first;
      const after = event.allDay ? event.end > lastUtc : event.end > grid.last;
      bars.push({ event, first, span: last - first + 1, lane: 0, before, after });
      continue;
    }
    const i = grid.indexOf(event.start);
    if (i === -1) continue;
    const top = grid.minutes(event.start, i);
    const end = event.end >= grid.starts[i + 1]! ? 1440 : grid.minutes(event.end, i);
    perDay[i]!.push({ event, top, bottom: Math.min(1440, Math.max(end, top + MIN_DRAWN_MINUTES)) });
  }
  // Lanes: bars by first day (longest first), each in the first lane free from its first day on.
  bars.sort((a, b) => a.first - b.first || b.span - a.span || a.event.start - b.event.start);
  const laneEnds: number[] = [];
  for (const bar of bars) {
    let lane = laneEnds.findIndex((end) => end < bar.first);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = bar.first + bar.span - 1;
    bar.lane = lane;
  }
  return {
    bars,
    lanes: laneEnds.length,
    timed: perDay.map((items) => layoutColumns(items)),
  };
}

/**
 * Each day's events for the month grid: all-day and multi-day first, then by start.
 * @example layoutMonth(events, days, 'Europe/Berlin')[3] // the events of the fourth day shown
 */
export function layoutMonth(
  events: readonly CalendarEvent[],
  days: readonly string[],
  zone: string,
): CalendarEvent[][] {
  const grid = dayGrid(days, zone);
  const perDay: CalendarEvent[][] = days.map(() => []);
  const rank = new Map<CalendarEvent, number>();
  for (const event of events) {
    rank.set(event, grid.isBar(event) ? 0 : 1);
    for (let i = 0; i < days.length; i++) if (grid.touches(event, i)) perDay[i]!.push(event);
  }
  for (const list of perDay) list.sort((a, b) => rank.get(a)! - rank.get(b)! || a.start - b.start || a.end - b.end);
  return perDay;
}
