import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../data/providers/calendar-provider.ts';
import {
  addDays,
  atMinutes,
  fromWallClock,
  isoWallClock,
  wallClockInstants,
} from '../../data/providers/calendar-time.ts';
import { rangeTitle, step, visibleDays, weekStart, weekdayOf } from './dates.ts';
import { layoutColumns, layoutMonth, layoutWeek, MIN_DRAWN_MINUTES } from './layout.ts';
import { moveEvent, resizeEvent } from './moves.ts';

const BERLIN = 'Europe/Berlin';
const WEEK = visibleDays('week', '2026-03-11');

let nextId = 1;
function event(over: Partial<CalendarEvent>): CalendarEvent {
  return {
    id: String(nextId++),
    name: 'Event',
    description: '',
    location: '',
    sectionId: '1',
    calType: 'user',
    ownerId: '1',
    allDay: false,
    start: 0,
    end: 0,
    tzFrom: BERLIN,
    tzTo: BERLIN,
    color: '#9dcf00',
    textColor: '#000000',
    isMeeting: false,
    hostId: '1',
    attendees: [],
    crm: [],
    recurring: false,
    createdBy: '1',
    dateFrom: '',
    dateTo: '',
    ...over,
  };
}
/** A timed event on a day, by Berlin wall-clock minutes. */
const at = (day: string, from: number, to: number, over: Partial<CalendarEvent> = {}) =>
  event({ start: atMinutes(day, from, BERLIN), end: atMinutes(day, to, BERLIN), ...over });
const allDay = (first: string, last: string) =>
  event({ allDay: true, start: Date.parse(`${first}T00:00:00Z`), end: Date.parse(`${addDays(last, 1)}T00:00:00Z`) });

describe('date maths', () => {
  it('starts weeks on Monday and pages by weeks and months', () => {
    expect(weekdayOf('2026-03-09')).toBe(0);
    expect(weekdayOf('2026-03-15')).toBe(6);
    expect(weekStart('2026-03-15')).toBe('2026-03-09');
    expect(WEEK).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    const month = visibleDays('month', '2026-03-20');
    expect(month).toHaveLength(42);
    expect(month[0]).toBe('2026-02-23');
    expect(month).toContain('2026-03-31');
    expect(step('week', '2026-03-11', 1)).toBe('2026-03-16');
    expect(step('month', '2026-01-31', 1)).toBe('2026-02-01');
    expect(step('month', '2026-01-15', -1)).toBe('2025-12-01');
    expect(step('month', '2026-12-15', 1)).toBe('2027-01-01');
  });

  it('converts wall clocks across daylight saving changes', () => {
    // 29 March 2026: Berlin skips 02:00–03:00; 25 October: 02:00–03:00 happens twice.
    expect(atMinutes('2026-03-29', 150, BERLIN)).toBe(Date.UTC(2026, 2, 29, 1, 30)); // 02:30 → 03:30 CEST
    expect(wallClockInstants({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, BERLIN)).toEqual([
      Date.UTC(2026, 9, 25, 0, 30),
      Date.UTC(2026, 9, 25, 1, 30),
    ]);
    expect(fromWallClock({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, BERLIN)).toBe(
      Date.UTC(2026, 9, 25, 0, 30),
    );
    expect(isoWallClock(Date.UTC(2026, 9, 25, 1, 30), BERLIN)).toBe('2026-10-25T02:30:00+01:00');
    expect(isoWallClock(Date.UTC(2026, 2, 10, 14), 'America/New_York')).toBe('2026-03-10T10:00:00-04:00');
    expect(isoWallClock(Date.UTC(2026, 2, 10, 14), 'Asia/Kolkata')).toBe('2026-03-10T19:30:00+05:30');
  });

  it('titles pages in the user’s language', () => {
    expect(rangeTitle('month', '2026-03-11', 'de')).toBe('März 2026');
    expect(rangeTitle('week', '2026-03-11', 'en')).toMatch(/Mar 9\D+15, 2026/);
  });
});

describe('overlap layout', () => {
  it('puts overlapping events side by side and lone events full width', () => {
    const placed = layoutColumns([
      { id: 'a', top: 540, bottom: 600 },
      { id: 'b', top: 570, bottom: 630 },
      { id: 'c', top: 600, bottom: 660 }, // starts when a ends: reuses a's column
      { id: 'd', top: 720, bottom: 780 },
    ]);
    const by = Object.fromEntries(placed.map((p) => [p.id, [p.column, p.columns]]));
    expect(by).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });

  it('never lets two events of a column overlap, for hundreds of events', () => {
    const items = Array.from({ length: 500 }, (_, i) => {
      const top = (i * 37) % 600;
      return { id: i, top, bottom: top + 15 + ((i * 53) % 120) };
    });
    const placed = layoutColumns(items);
    expect(placed).toHaveLength(500);
    const byColumn = new Map<number, { top: number; bottom: number }[]>();
    for (const p of placed) byColumn.set(p.column, [...(byColumn.get(p.column) ?? []), p]);
    for (const list of byColumn.values()) {
      list.sort((a, b) => a.top - b.top);
      for (let i = 1; i < list.length; i++) expect(list[i]!.top).toBeGreaterThanOrEqual(list[i - 1]!.bottom);
    }
    for (const p of placed) expect(p.column).toBeLessThan(p.columns);
  });

  it('places a week: timed events in their day, all-day and overnight ones as bars in lanes', () => {
    const standup = at('2026-03-10', 9 * 60, 9 * 60 + 5);
    const review = at('2026-03-10', 9 * 60, 10 * 60);
    const fair = allDay('2026-03-12', '2026-03-13');
    const trip = event({
      start: atMinutes('2026-03-13', 20 * 60, BERLIN),
      end: atMinutes('2026-03-14', 8 * 60, BERLIN),
    });
    const holiday = allDay('2026-03-05', '2026-03-10');
    const outside = at('2026-03-20', 600, 660);
    const week = layoutWeek([standup, review, fair, trip, holiday, outside], WEEK, BERLIN);
    expect(week.timed[1]!.map((s) => [s.event.id, s.top, s.bottom, s.column, s.columns])).toEqual([
      [review.id, 540, 600, 0, 2],
      [standup.id, 540, 540 + MIN_DRAWN_MINUTES, 1, 2],
    ]);
    expect(week.timed.flat().map((s) => s.event.id)).not.toContain(outside.id);
    const bars = Object.fromEntries(week.bars.map((b) => [b.event.id, [b.first, b.span, b.lane, b.before, b.after]]));
    expect(bars).toEqual({
      [holiday.id]: [0, 2, 0, true, false],
      [fair.id]: [3, 2, 0, false, false],
      [trip.id]: [4, 2, 1, false, false],
    });
    expect(week.lanes).toBe(2);
  });

  it('shows events in the zone of the viewer: a New York morning is a Berlin afternoon', () => {
    const ny = event({ start: Date.UTC(2026, 2, 10, 14), end: Date.UTC(2026, 2, 10, 15), tzFrom: 'America/New_York' });
    expect(layoutWeek([ny], WEEK, BERLIN).timed[1]![0]!.top).toBe(15 * 60);
    expect(layoutWeek([ny], WEEK, 'America/New_York').timed[1]![0]!.top).toBe(10 * 60);
    // In Tokyo it is late evening; half an hour later it is the next day there.
    expect(layoutWeek([ny], WEEK, 'Asia/Tokyo').timed[1]![0]!.top).toBe(23 * 60);
    const later = { ...ny, start: ny.start + 90 * 60_000, end: ny.end + 90 * 60_000 };
    expect(layoutWeek([later], WEEK, 'Asia/Tokyo').timed[2]![0]!.top).toBe(30);
  });

  it('lists each day of a month with bars first', () => {
    const days = visibleDays('month', '2026-03-11');
    const late = at('2026-03-10', 18 * 60, 19 * 60);
    const early = at('2026-03-10', 8 * 60, 9 * 60);
    const fair = allDay('2026-03-10', '2026-03-11');
    const lists = layoutMonth([late, early, fair], days, BERLIN);
    expect(lists[days.indexOf('2026-03-10')]!.map((e) => e.id)).toEqual([fair.id, early.id, late.id]);
    expect(lists[days.indexOf('2026-03-11')]!.map((e) => e.id)).toEqual([fair.id]);
    expect(lists[days.indexOf('2026-03-12')]).toEqual([]);
  });

  it('lays out a busy week of 500 events quickly', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      at(WEEK[i % 7]!, 8 * 60 + ((i * 15) % 480), 8 * 60 + ((i * 15) % 480) + 30 + (i % 4) * 30),
    );
    const started = performance.now();
    const week = layoutWeek(many, WEEK, BERLIN);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(week.timed.flat()).toHaveLength(500);
  });
});

describe('moves', () => {
  it('moves a timed event by days and minutes on the viewer’s clock, keeping its length and zones', () => {
    const ny = event({
      start: Date.UTC(2026, 2, 10, 14),
      end: Date.UTC(2026, 2, 10, 15),
      tzFrom: 'America/New_York',
      tzTo: 'America/New_York',
    });
    const moved = moveEvent(ny, 1, 30, BERLIN);
    expect(moved).toEqual({
      allDay: false,
      start: Date.UTC(2026, 2, 11, 14, 30),
      end: Date.UTC(2026, 2, 11, 15, 30),
      tzFrom: 'America/New_York',
      tzTo: 'America/New_York',
    });
    // Across Berlin's spring-forward night, 09:00 stays 09:00 on the wall clock.
    const before = at('2026-03-28', 9 * 60, 10 * 60);
    expect(moveEvent(before, 1, 0, BERLIN).start).toBe(atMinutes('2026-03-29', 9 * 60, BERLIN));
  });

  it('moves an all-day event by whole days and ignores minutes', () => {
    const fair = allDay('2026-03-12', '2026-03-13');
    expect(moveEvent(fair, -2, 45, BERLIN)).toMatchObject({
      allDay: true,
      start: Date.UTC(2026, 2, 10),
      end: Date.UTC(2026, 2, 12),
    });
  });

  it('resizes by whole steps, never shorter than one step', () => {
    const review = at('2026-03-10', 9 * 60, 10 * 60);
    expect(resizeEvent(review, 30).end).toBe(review.end + 30 * 60_000);
    expect(resizeEvent(review, -120).end).toBe(review.start + 15 * 60_000);
  });
});
