import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

let t: TestSandbox;
type Obj = Record<string, unknown>;

function addUser(id: number, name: string, timeZone = ''): void {
  t.sandbox.env.db
    .prepare('INSERT OR IGNORE INTO users (id, data) VALUES (?, ?)')
    .run(id, JSON.stringify({ ACTIVE: true, NAME: name, LAST_NAME: 'Test', TIME_ZONE: timeZone, UF_DEPARTMENT: [1] }));
}

let section = 0;

async function byId(id: unknown): Promise<Obj> {
  const r = await t.hook('calendar.event.getbyid', { id });
  expect(r.status).toBe(200);
  return r.body.result as Obj;
}

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  addUser(2, 'Bo');
  addUser(3, 'Cleo', 'America/New_York');
  const r = await t.hook('calendar.section.get', { type: 'user', ownerId: 1 });
  section = Number((r.body.result as Obj[])[0]!.ID);
});
afterAll(async () => t.close());

describe('calendar sections', () => {
  it('every user has a default section with the documented shape', async () => {
    const r = await t.hook('calendar.section.get', { type: 'user', ownerId: 2 });
    const list = r.body.result as Obj[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      NAME: 'Bo Test',
      CAL_TYPE: 'user',
      OWNER_ID: '2',
      EXTERNAL_TYPE: 'local',
      GAPI_CALENDAR_ID: null,
      EXPORT: { ALLOW: true },
      IS_COLLAB: false,
    });
    expect(list[0]!.ID).toMatch(/^\d+$/);
    expect(list[0]!.DATE_CREATE).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect((list[0]!.PERM as Obj).edit_section).toBe(true);
  });

  it('adds, updates and deletes a section', async () => {
    const add = await t.hook('calendar.section.add', {
      type: 'user',
      ownerId: 1,
      name: 'Travel',
      color: '#2fc6f6',
      export: { ALLOW: 'N' },
    });
    const id = add.body.result as number;
    expect(typeof id).toBe('number');
    const up = await t.hook('calendar.section.update', { type: 'user', ownerId: 1, id, name: 'Trips' });
    expect(up.body.result).toBe(id);
    const list = (await t.hook('calendar.section.get', { type: 'user', ownerId: 1 })).body.result as Obj[];
    expect(list.find((s) => s.ID === String(id))).toMatchObject({
      NAME: 'Trips',
      COLOR: '#2fc6f6',
      EXPORT: { ALLOW: false },
    });
    expect((await t.hook('calendar.section.delete', { type: 'user', ownerId: 1, id })).body.result).toBe(true);
    const gone = await t.hook('calendar.section.update', { type: 'user', ownerId: 1, id, name: 'x' });
    expect(gone.status).toBe(400);
    expect(gone.body).toEqual({
      error: '',
      error_description: 'You specified an invalid calendar section ID or the user does not have access to it',
    });
  });

  it('refuses missing parameters and foreign calendars', async () => {
    let r = await t.hook('calendar.section.add', { ownerId: 1, name: 'x' });
    expect(r.body).toEqual({
      error: '',
      error_description: 'The required parameter "type" for the method "calendar.section.add" is not set',
    });
    r = await t.hook('calendar.section.add', { type: 'user', ownerId: 1 });
    expect(r.body.error_description).toBe(
      'The required parameter "name" for the method "calendar.section.add" is not set',
    );
    r = await t.app('calendar.section.add', { type: 'user', ownerId: 1, name: 'Mine now' }, 2);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: '', error_description: 'Access denied' });
  });
});

describe('calendar events', () => {
  it('stores a timed event with display dates, zone fields and numbers where the portal sends numbers', async () => {
    const add = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'Demo call',
      from: '2026-12-11 17:59',
      to: '2026-12-11 18:59',
      section,
      description: 'Agenda',
      remind: [{ type: 'min', count: 50 }],
      crm_fields: ['D_7', 'CO_1'],
    });
    expect(add.status).toBe(200);
    const id = add.body.result as number;
    expect(typeof id).toBe('number');
    const e = await byId(id);
    expect(e).toMatchObject({
      ID: String(id),
      PARENT_ID: String(id),
      CAL_TYPE: 'user',
      OWNER_ID: '1',
      NAME: 'Demo call',
      DATE_FROM: '12/11/2026 05:59:00 pm',
      DATE_TO: '12/11/2026 06:59:00 pm',
      TZ_FROM: 'Europe/Copenhagen',
      TZ_TO: 'Europe/Copenhagen',
      TZ_OFFSET_FROM: '3600',
      DATE_FROM_TS_UTC: String(Date.UTC(2026, 11, 11, 16, 59) / 1000),
      DT_SKIP_TIME: 'N',
      DT_LENGTH: 3600,
      SECTION_ID: String(section),
      IS_MEETING: false,
      REMIND: [{ type: 'min', count: 50 }],
      UF_CRM_CAL_EVENT: ['D_7', 'CO_1'],
      DESCRIPTION: 'Agenda',
      DATE_FROM_FORMATTED: 'Fri Dec 11 2026 17:59:00',
      '~USER_OFFSET_FROM': 3600,
    });
  });

  it('applies the time-zone rules: ISO offset wins, then timezone_from, then the user zone', async () => {
    const iso = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'ISO',
      from: '2026-07-01T10:00:00+00:00',
      to: '2026-07-01T11:00:00+00:00',
      section,
      timezone_from: 'Asia/Tokyo',
    });
    let e = await byId(iso.body.result);
    expect(e.DATE_FROM_TS_UTC).toBe(String(Date.UTC(2026, 6, 1, 10) / 1000));
    expect(e.TZ_FROM).toBe('Asia/Tokyo');
    expect(e.DATE_FROM).toBe('07/01/2026 07:00:00 pm');
    expect(e.TZ_OFFSET_FROM).toBe('32400');

    const zoned = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'Zoned',
      from: '2026-07-01 10:00',
      to: '2026-07-01 11:00',
      section,
      timezone_from: 'America/New_York',
      timezone_to: 'America/New_York',
    });
    e = await byId(zoned.body.result);
    expect(e.DATE_FROM_TS_UTC).toBe(String(Date.UTC(2026, 6, 1, 14) / 1000));
    expect(e.DATE_FROM).toBe('07/01/2026 10:00:00 am');

    const cleoSection = Number(
      ((await t.app('calendar.section.get', { type: 'user', ownerId: 3 }, 3)).body.result as Obj[])[0]!.ID,
    );
    const users = await t.app(
      'calendar.event.add',
      {
        type: 'user',
        ownerId: 3,
        name: 'Cleo local',
        from: '2026-07-01 09:00',
        to: '2026-07-01 09:30',
        section: cleoSection,
      },
      3,
    );
    e = await byId(users.body.result);
    expect(e.TZ_FROM).toBe('America/New_York');
    expect(e.DATE_FROM_TS_UTC).toBe(String(Date.UTC(2026, 6, 1, 13) / 1000));
  });

  it('keeps all-day events on their calendar dates', async () => {
    const add = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'Holiday',
      from: '2026-12-24',
      to: '2026-12-26',
      skip_time: 'Y',
      section,
    });
    const e = await byId(add.body.result);
    expect(e).toMatchObject({
      DATE_FROM: '12/24/2026',
      DATE_TO: '12/26/2026',
      DT_SKIP_TIME: 'Y',
      DT_LENGTH: 3 * 86400,
      TZ_FROM: '',
    });
    const listed = (
      await t.hook('calendar.event.get', { type: 'user', ownerId: 1, from: '2026-12-26', to: '2026-12-26' })
    ).body.result as Obj[];
    expect(listed.map((x) => x.NAME)).toContain('Holiday');
  });

  it('lists a date range, filters by section and includes meetings the user attends', async () => {
    const meeting = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'Kick-off',
      from: '2027-01-05 10:00',
      to: '2027-01-05 11:00',
      section,
      is_meeting: 'Y',
      attendees: [1, 2],
    });
    const id = meeting.body.result as number;
    const own = (await t.hook('calendar.event.get', { type: 'user', ownerId: 1, from: '2027-01-01', to: '2027-01-31' }))
      .body.result as Obj[];
    expect(own.map((e) => e.ID)).toEqual([String(id)]);
    expect(own[0]).toMatchObject({
      IS_MEETING: true,
      MEETING_STATUS: 'H',
      MEETING_HOST: '1',
      ATTENDEES_CODES: ['U1', 'U2'],
    });
    expect(own[0]!.ATTENDEE_LIST).toEqual([
      { id: 1, entryId: String(id), status: 'H' },
      { id: 2, entryId: String(id), status: 'Q' },
    ]);

    const bos = (
      await t.app('calendar.event.get', { type: 'user', ownerId: 2, from: '2027-01-01', to: '2027-01-31' }, 2)
    ).body.result as Obj[];
    expect(bos.map((e) => e.ID)).toEqual([String(id)]);
    expect(bos[0]!.MEETING_STATUS).toBe('Q');

    expect((await t.app('calendar.meeting.status.set', { eventId: id, status: 'N' }, 2)).body.result).toBe(true);
    expect((await t.app('calendar.meeting.status.get', { eventId: id }, 2)).body.result).toBe('N');
    const declined = (
      await t.app('calendar.event.get', { type: 'user', ownerId: 2, from: '2027-01-01', to: '2027-01-31' }, 2)
    ).body.result as Obj[];
    expect(declined).toEqual([]);

    const other = (
      await t.hook('calendar.event.get', {
        type: 'user',
        ownerId: 1,
        from: '2027-01-01',
        to: '2027-01-31',
        section: [999],
      })
    ).body.result as Obj[];
    expect(other).toEqual([]);

    const busy = (await t.hook('calendar.accessibility.get', { users: [1, 2], from: '2027-01-05', to: '2027-01-05' }))
      .body.result as Record<string, Obj[]>;
    expect(busy['1']!.map((e) => e.ID)).toEqual([String(id)]);
    expect(busy['2']).toEqual([]);
    expect(Object.keys(busy['1']![0]!)).toContain('DATE_FROM_TS_UTC');
  });

  it('updates and deletes events, announcing nothing to the caller but the id', async () => {
    const add = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'Draft',
      from: '2027-02-01 09:00',
      to: '2027-02-01 10:00',
      section,
    });
    const id = add.body.result as number;
    const up = await t.hook('calendar.event.update', {
      id,
      type: 'user',
      ownerId: 1,
      name: 'Final',
      to: '2027-02-01 11:00',
      color: '#ff0000',
    });
    expect(up.body.result).toBe(id);
    const e = await byId(id);
    expect(e).toMatchObject({ NAME: 'Final', DT_LENGTH: 7200, COLOR: '#ff0000', DATE_FROM: '02/01/2027 09:00:00 am' });
    expect((await t.hook('calendar.event.delete', { id })).body.result).toBe(true);
    expect(await byId(id)).toBeNull();
  });

  it('answers the documented errors with an empty code', async () => {
    let r = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      from: '2027-01-01',
      to: '2027-01-01',
      section,
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error: '',
      error_description: 'The required parameter "name" for the method "calendar.event.add" is not set',
    });
    r = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'x',
      from: '2027-01-01 10:00',
      to: '2027-01-01 11:00',
    });
    expect(r.body.error_description).toBe(
      'The required parameter "section" for the method "calendar.event.add" is not set',
    );
    r = await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'x',
      from: '2027-01-01 10:00',
      to: '2027-01-01 11:00',
      section: 99999,
    });
    expect(r.body.error_description).toBe(
      'You specified an invalid calendar section ID or the user does not have access to it',
    );
    r = await t.hook('calendar.event.delete', {});
    expect(r.body).toEqual({ error: '', error_description: 'Event id not specified' });
    r = await t.app(
      'calendar.event.add',
      { type: 'user', ownerId: 1, name: 'x', from: '2027-01-01 10:00', to: '2027-01-01 11:00', section },
      2,
    );
    expect(r.body.error_description).toBe('Access denied');
    r = await t.hook('calendar.meeting.status.set', { eventId: 1 });
    expect(r.body.error_description).toBe(
      'The required parameter "status" for method "calendar.meeting.status.set" is not set.',
    );
    r = await t.hook('calendar.accessibility.get', { users: [1], to: '2027-01-01' });
    expect(r.body.error_description).toBe(
      'The required parameter "from" for the method "calendar.accessibility.get" is not set',
    );
  });

  it('finds the nearest events of the caller', async () => {
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await t.hook('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name: 'Soon',
      from: `${soon} 10:00`,
      to: `${soon} 11:00`,
      section,
    });
    const r = await t.hook('calendar.event.get.nearest', { forCurrentUser: true, days: 5 });
    expect((r.body.result as Obj[]).map((e) => e.NAME)).toContain('Soon');
  });
});
