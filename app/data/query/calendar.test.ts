import {
  MutationObserver,
  QueryObserver,
  type QueryClient,
  type QueryKey,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/index.ts';
import { tokenCaller } from '../platform/testing/token-caller.ts';
import {
  createCalendarEvent,
  deleteCalendarEvent,
  eventDay,
  eventInstant,
  MY_CALENDAR,
  readCalendarContext,
  readCalendarEvent,
  readCalendarView,
  saveHiddenSections,
  updateCalendarEvent,
  type CalendarEvent,
  type CalendarRef,
  type CalendarView,
  type EventInput,
} from '../providers/calendar-provider.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { requests, type LogEntry } from '../testing/sandbox-client.ts';
import { calendarContextQueryOptions, calendarViewQueryOptions } from './calendar-view.ts';
import { updateCalendarEventOptions, type UpdateCalendarEventVariables } from './calendar-write.ts';
import { createQueryClient } from './query-client.ts';

// The calendar data layer against a sandbox portal over HTTP, with an application token (user.option.*
// needs application context, as in the portal's frame). Requests are counted in the sandbox's log.
let t: TestSandbox;
let client: B24Client;
let groupId: string;
let groupSection: string;
let mySection: string;

const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const clearLog = () => t.raw('/sandbox/api/log', { method: 'DELETE' });
const hook = async <R>(method: string, params: Record<string, unknown> = {}) => {
  const res = await t.hook(method, params);
  if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as R;
};
interface PortalEvent {
  DATE_FROM: string;
  DATE_TO: string;
  TZ_FROM: string;
  TZ_TO: string;
  DT_SKIP_TIME: string;
  NAME: string;
  UF_CRM_CAL_EVENT: string[] | false;
  ATTENDEE_LIST: { id: number; status: string }[];
  IS_MEETING: boolean;
}
const portalEvent = (id: string) => hook<PortalEvent | null>('calendar.event.getbyid', { id });

const GROUP = (): CalendarRef => ({ type: 'group', ownerId: groupId });
const NY = 'America/New_York';

/** A timed event on 10 March 2026, 10:00–11:00 New York time (EDT, UTC−4, since 8 March). */
const timed = (over: Partial<EventInput> = {}): EventInput => ({
  name: 'Quarterly review',
  sectionId: groupSection,
  allDay: false,
  start: Date.UTC(2026, 2, 10, 14),
  end: Date.UTC(2026, 2, 10, 15),
  tzFrom: NY,
  tzTo: NY,
  ...over,
});

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  const origin = t.sandbox.portalUrl.replace(/\/$/, '');
  client = new B24Client(tokenCaller(origin, await t.token(1)));
  groupId = String(await hook<number>('sonet_group.create', { NAME: 'Calendar test group' }));
  groupSection = (await hook<{ ID: string }[]>('calendar.section.get', { type: 'group', ownerId: groupId }))[0]!.ID;
  mySection = (await hook<{ ID: string }[]>('calendar.section.get', { type: 'user', ownerId: 1 }))[0]!.ID;
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await clearLog();
});

describe('reading the portal’s dates', () => {
  it('reads the wall clock in the event’s zone, whatever the site’s date format', () => {
    const at10NewYork = Date.UTC(2026, 2, 10, 14);
    expect(eventInstant('03/10/2026 10:00:00 am', NY, '-14400', '1773151200')).toBe(at10NewYork);
    expect(eventInstant('10.03.2026 10:00:00', NY, '-14400', null)).toBe(at10NewYork);
    expect(eventInstant('2026-03-10 10:00:00', NY, undefined, undefined)).toBe(at10NewYork);
    expect(eventInstant('03/10/2026 12:00:00 pm', 'Europe/Berlin', null, null)).toBe(Date.UTC(2026, 2, 10, 11));
    expect(eventInstant('03/10/2026 12:00:00 am', 'Europe/Berlin', null, null)).toBe(Date.UTC(2026, 2, 9, 23));
  });

  it('falls back to the stored offset, then to the UTC timestamp, when the zone is unknown', () => {
    expect(eventInstant('10.03.2026 10:00:00', '', '7200', null)).toBe(Date.UTC(2026, 2, 10, 8));
    expect(eventInstant('garbled', '', null, '1773151200')).toBe(1773151200_000);
    expect(() => eventInstant('garbled', '', null, null)).toThrow(RangeError);
  });

  it('settles a day-first or month-first slash date with the portal’s timestamp', () => {
    // 04/03/2026 14:00 in London: 3 April (month-first) or 4 March (day-first, en-GB)?
    const fourthOfMarch = Date.UTC(2026, 2, 4, 14);
    expect(eventInstant('04/03/2026 14:00:00', 'Europe/London', null, String(fourthOfMarch / 1000))).toBe(
      fourthOfMarch,
    );
    expect(eventInstant('04/03/2026 02:00:00 pm', 'Europe/London', null, null)).toBe(Date.UTC(2026, 3, 3, 13));
    expect(eventDay('04/03/2026', String(Date.UTC(2026, 2, 4) / 1000))).toBe(Date.UTC(2026, 2, 4));
    expect(eventDay('12.03.2026', null)).toBe(Date.UTC(2026, 2, 12));
  });
});

describe('reads', () => {
  it('opens the user’s own calendar cold — context, sections and events — in ONE request', async () => {
    const id = String(
      await hook<number>('calendar.event.add', {
        type: 'user',
        ownerId: 1,
        name: 'My own event',
        section: mySection,
        from: '2026-03-11T09:00:00',
        to: '2026-03-11T10:00:00',
        timezone_from: 'Europe/Copenhagen',
      }),
    );
    await clearLog();
    const [context, view] = await Promise.all([
      readCalendarContext(client),
      readCalendarView(client, MY_CALENDAR, '2026-03-09', '2026-03-15'),
    ]);
    expect(requests(await log())).toEqual([
      'batch:calendar.event.get,calendar.section.get,profile,profile,sonet_group.get,user.option.get',
    ]);
    expect(context.me.id).toBe('1');
    expect(context.groups.map((g) => g.name)).toContain('Calendar test group');
    expect(context.hiddenSections).toEqual([]);
    expect(view.sections.map((s) => s.id)).toContain(mySection);
    const mine = view.events.find((e) => e.id === id)!;
    expect(mine).toMatchObject({ name: 'My own event', allDay: false, start: Date.UTC(2026, 2, 11, 8) });
    // Once the user is known, a week costs the two calendar reads only.
    await clearLog();
    await readCalendarView(client, MY_CALENDAR, '2026-03-16', '2026-03-22', context.me.id);
    expect(requests(await log())).toEqual(['batch:calendar.event.get,calendar.section.get']);
  });

  it('reads a range: events touching the days asked (and a day around them for other zones), nothing else', async () => {
    const add = (name: string, from: string, to: string) =>
      hook<number>('calendar.event.add', {
        type: 'group',
        ownerId: groupId,
        name,
        section: groupSection,
        from,
        to,
        timezone_from: 'UTC',
      });
    await add('Long before', '2026-04-01T10:00:00', '2026-04-01T11:00:00');
    await add('First day', '2026-04-06T10:00:00', '2026-04-06T11:00:00');
    await add('Across the week', '2026-04-05T10:00:00', '2026-04-14T11:00:00');
    await add('Last day', '2026-04-12T23:00:00', '2026-04-12T23:30:00');
    await add('Long after', '2026-04-20T10:00:00', '2026-04-20T11:00:00');
    await clearLog();
    const view = await readCalendarView(client, GROUP(), '2026-04-06', '2026-04-12');
    const names = view.events.map((e) => e.name).sort();
    expect(names).toEqual(['Across the week', 'First day', 'Last day']);
    expect(requests(await log())).toEqual(['batch:calendar.event.get,calendar.section.get']);
    expect(view.events.every((e) => e.color === view.sections[0]!.color)).toBe(true);
  });

  it('still opens the user’s calendar when the app may not read workgroups (no sonet_group scope)', async () => {
    await t.raw('/sandbox/api/force', {
      method: 'POST',
      body: JSON.stringify({
        status: 401,
        body: { error: 'insufficient_scope', error_description: '' },
        method: 'sonet_group.get',
      }),
    });
    const context = await readCalendarContext(client);
    expect(context).toMatchObject({ me: { id: '1' }, groups: [] });
  });

  it('refuses an owner id that cannot exist without a request', async () => {
    await expect(
      readCalendarView(client, { type: 'group', ownerId: 'x' }, '2026-04-06', '2026-04-12'),
    ).rejects.toThrow();
    expect(await log()).toEqual([]);
  });
});

describe('writes', () => {
  it('creates a timed event in another zone and reads it back in the same request', async () => {
    const event = await createCalendarEvent(client, GROUP(), timed());
    expect(requests(await log())).toEqual(['batch:calendar.event.add,calendar.event.getbyid']);
    expect(event).toMatchObject({
      name: 'Quarterly review',
      allDay: false,
      start: Date.UTC(2026, 2, 10, 14),
      end: Date.UTC(2026, 2, 10, 15),
      tzFrom: NY,
      tzTo: NY,
      calType: 'group',
      ownerId: groupId,
    });
    // The portal keeps the wall clock in the event's own zone.
    expect(await portalEvent(event.id)).toMatchObject({
      DATE_FROM: '03/10/2026 10:00:00 am',
      DATE_TO: '03/10/2026 11:00:00 am',
      TZ_FROM: NY,
      TZ_TO: NY,
      DT_SKIP_TIME: 'N',
    });
  });

  it('round-trips time zones: written in one zone, read back as the same instants', async () => {
    for (const zone of ['Asia/Kolkata', 'Pacific/Chatham', 'Europe/Copenhagen', 'UTC']) {
      const start = Date.UTC(2026, 9, 25, 0, 30); // the night Europe leaves summer time
      const written = await createCalendarEvent(
        client,
        GROUP(),
        timed({ start, end: start + 90 * 60_000, tzFrom: zone, tzTo: zone }),
      );
      const read = await readCalendarEvent(client, written.id);
      expect(read).toMatchObject({ start, end: start + 90 * 60_000, tzFrom: zone });
    }
  });

  it('moves an event to another day keeping its zone (one request), and resizes it', async () => {
    const event = await createCalendarEvent(client, GROUP(), timed());
    await clearLog();
    const day = 86_400_000;
    const moved = await updateCalendarEvent(client, event, {
      allDay: false,
      start: event.start + day,
      end: event.end + day,
      tzFrom: event.tzFrom,
      tzTo: event.tzTo,
    });
    expect(requests(await log())).toEqual(['batch:calendar.event.getbyid,calendar.event.update']);
    expect(moved).toMatchObject({ start: event.start + day, end: event.end + day, name: 'Quarterly review' });
    expect((await portalEvent(event.id))!.DATE_FROM).toBe('03/11/2026 10:00:00 am');

    const resized = await updateCalendarEvent(client, moved, { ...timesOf(moved), end: moved.end + 30 * 60_000 });
    expect(resized.end).toBe(moved.end + 30 * 60_000);
    expect((await portalEvent(event.id))!.DATE_TO).toBe('03/11/2026 11:30:00 am');
  });

  it('creates an all-day event over two days and moves it by a day', async () => {
    const input: EventInput = {
      name: 'Trade fair',
      sectionId: groupSection,
      allDay: true,
      start: Date.UTC(2026, 2, 12),
      end: Date.UTC(2026, 2, 14),
      tzFrom: NY,
      tzTo: NY,
    };
    const event = await createCalendarEvent(client, GROUP(), input);
    expect(event).toMatchObject({ allDay: true, start: Date.UTC(2026, 2, 12), end: Date.UTC(2026, 2, 14), tzFrom: '' });
    expect(await portalEvent(event.id)).toMatchObject({
      DATE_FROM: '03/12/2026',
      DATE_TO: '03/13/2026',
      DT_SKIP_TIME: 'Y',
    });
    const moved = await updateCalendarEvent(client, event, {
      ...timesOf(event),
      start: event.start + 86_400_000,
      end: event.end + 86_400_000,
    });
    expect(moved).toMatchObject({ start: Date.UTC(2026, 2, 13), end: Date.UTC(2026, 2, 15), allDay: true });
    expect((await portalEvent(event.id))!.DATE_FROM).toBe('03/13/2026');
  });

  it('makes a meeting with attendees and a CRM link, changes them, and deletes the event', async () => {
    const event = await createCalendarEvent(client, GROUP(), timed({ attendees: ['3', '5'], crm: ['D_12'] }));
    expect(event.isMeeting).toBe(true);
    expect(event.attendees.map((a) => a.id).sort()).toEqual(['1', '3', '5']);
    expect(event.crm).toEqual(['D_12']);
    const changed = await updateCalendarEvent(client, event, { name: 'Renamed', attendees: [], crm: [] });
    expect(changed).toMatchObject({ name: 'Renamed', isMeeting: false, crm: [], start: event.start });
    expect(await portalEvent(event.id)).toMatchObject({ UF_CRM_CAL_EVENT: false, IS_MEETING: false });
    await clearLog();
    await deleteCalendarEvent(client, event.id);
    expect(requests(await log())).toEqual(['calendar.event.delete']);
    expect(await portalEvent(event.id)).toBeNull();
  });

  it('reports the portal’s refusal of an add (no section of that calendar)', async () => {
    await expect(createCalendarEvent(client, GROUP(), timed({ sectionId: mySection }))).rejects.toThrow(
      /invalid calendar section/,
    );
  });

  it('remembers hidden sections per user in a user option', async () => {
    await saveHiddenSections(client, ['4', '9', '4']);
    expect((await readCalendarContext(client)).hiddenSections).toEqual(['4', '9']);
    await saveHiddenSections(client, []);
    expect((await readCalendarContext(client)).hiddenSections).toEqual([]);
  });
});

describe('query layer', () => {
  let source: DataSource;
  let queryClient: QueryClient;
  const unsubscribe: (() => void)[] = [];
  beforeEach(() => {
    source = createDataSource(client);
    queryClient = createQueryClient({ retry: false });
  });
  afterEach(() => {
    unsubscribe.splice(0).forEach((u) => u());
    queryClient.clear();
  });

  function observe<T, K extends QueryKey>(
    options: QueryObserverOptions<T, Error, T, T, K>,
  ): Promise<QueryObserverResult<T>> {
    const observer = new QueryObserver(queryClient, options);
    return new Promise((resolve) => {
      const check = (r: QueryObserverResult<T>) => {
        if (r.status !== 'pending' && r.fetchStatus === 'idle') resolve(r);
      };
      unsubscribe.push(observer.subscribe(check));
      check(observer.getCurrentResult());
    });
  }

  it('moves optimistically, shows the portal’s answer, and puts the event back when the portal refuses', async () => {
    const event = await createCalendarEvent(client, GROUP(), timed({ name: 'Optimistic' }));
    const [, view] = await Promise.all([
      observe(calendarContextQueryOptions(source)),
      observe(calendarViewQueryOptions(source, GROUP(), '2026-03-09', '2026-03-15')),
    ]);
    expect(view.data!.events.some((e) => e.id === event.id)).toBe(true);
    const key = calendarViewQueryOptions(source, GROUP(), '2026-03-09', '2026-03-15').queryKey;
    const shown = () => queryClient.getQueryData<CalendarView>(key)!.events.find((e) => e.id === event.id)!;

    const move = new MutationObserver(queryClient, updateCalendarEventOptions(source));
    const patch = { ...timesOf(event), start: event.start + 3_600_000, end: event.end + 3_600_000 };
    const pending = move.mutate({ calendar: GROUP(), event, patch } satisfies UpdateCalendarEventVariables);
    await vi.waitFor(() => expect(shown().start).toBe(event.start + 3_600_000));
    await pending;
    expect(shown()).toMatchObject({ start: event.start + 3_600_000, dateFrom: '03/10/2026 11:00:00 am' });

    await t.raw('/sandbox/api/force', {
      method: 'POST',
      body: JSON.stringify({
        status: 200,
        body: { error: '', error_description: 'Access denied' },
        method: 'calendar.event.update',
        count: 1,
      }),
    });
    const current = shown();
    await expect(
      move.mutate({ calendar: GROUP(), event: current, patch: { ...timesOf(current), start: 0, end: 1 } }),
    ).rejects.toThrow();
    expect(shown()).toEqual(current);
  });
});

function timesOf(e: CalendarEvent) {
  return { allDay: e.allDay, start: e.start, end: e.end, tzFrom: e.tzFrom, tzTo: e.tzTo };
}
