// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
// The calendar section against a sandbox portal over HTTP with an application token (user options need one,
// as in the portal's frame); results checked over REST. Dragging needs a layout engine: e2e/kontor/calendar.spec.ts.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client, B24Provider } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../data/index.ts';
import { tokenCaller } from '../../data/platform/testing/token-caller.ts';
import { addDays, atMinutes, systemZone } from '../../data/providers/calendar-time.ts';
import { requests, type LogEntry } from '../../data/testing/sandbox-client.ts';
import {
  cleanup,
  configure,
  createTestQueryClient,
  fireEvent,
  renderWithProviders,
  screen,
  waitFor,
  within,
} from '../../ui/test-utils.tsx';
import CalendarSection from './calendar-section.tsx';
import { today, weekStart } from './dates.ts';

let t: TestSandbox;
let client: B24Client;
let mySection: string;
let groupId: string;
const zone = systemZone();
const day = today(zone);

const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const hook = async <R,>(method: string, params: Record<string, unknown> = {}) => {
  const res = await t.hook(method, params);
  if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as R;
};
const portalEvent = (id: string) =>
  hook<{ NAME: string; DATE_FROM: string; DATE_TO: string; DT_SKIP_TIME: string } | null>('calendar.event.getbyid', {
    id,
  });
const wall = (ms: number) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);

/** An event in the user's own calendar today, at `hour` in the zone the section shows. */
async function addMine(name: string, hour: number, dayOffset = 0): Promise<string> {
  const start = atMinutes(addDays(day, dayOffset), hour * 60, zone);
  return String(
    await hook<number>('calendar.event.add', {
      type: 'user',
      ownerId: 1,
      name,
      section: mySection,
      from_ts: start / 1000,
      to_ts: start / 1000 + 3600,
      timezone_from: zone,
    }),
  );
}

function open(lang: 'en' | 'de' = 'en') {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={client} frame={fakeFrame()} info={testInitInfo('DEFAULT')}>
      <DataProvider client={client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<CalendarSection />, { queryClient, wrapper, lang });
}

const eventButton = (name: string) => screen.findByRole('button', { name: new RegExp(`^${name},`) });

beforeAll(async () => {
  // A dialog of many inputs renders slowly in happy-dom on a busy machine; the default second is too tight.
  configure({ asyncUtilTimeout: 10_000 });
  t = await startTestSandbox({ seed: 'none' });
  const origin = t.sandbox.portalUrl.replace(/\/$/, '');
  client = new B24Client(tokenCaller(origin, await t.token(1)));
  mySection = (await hook<{ ID: string }[]>('calendar.section.get', { type: 'user', ownerId: 1 }))[0]!.ID;
  groupId = String(await hook<number>('sonet_group.create', { NAME: 'Launch team' }));
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await t.raw('/sandbox/api/log', { method: 'DELETE' });
});
afterEach(cleanup);

describe('CalendarSection', () => {
  it('opens this week of the user’s calendar with everything in ONE request, names as text', async () => {
    await addMine('Weekly sync', 10);
    await addMine('<img src=x onerror="alert(1)">Demo', 14);
    await t.raw('/sandbox/api/log', { method: 'DELETE' });
    const view = await open();
    expect(await eventButton('Weekly sync')).toBeTruthy();
    expect(requests(await log())).toEqual([
      'batch:calendar.event.get,calendar.section.get,profile,profile,sonet_group.get,user.option.get',
    ]);
    expect(screen.getByRole('heading', { name: 'Calendar' })).toBeTruthy();
    const markup = await eventButton('<img src=x onerror="alert\\(1\\)">Demo');
    expect(markup.textContent).toContain('<img src=x onerror="alert(1)">Demo');
    expect(view.container.querySelector('img')).toBeNull();
    // The week is the current one, in the user's zone.
    expect(view.container.querySelector(`[data-day="${weekStart(day)}"]`)).toBeTruthy();
  });

  it('hides a section’s events and remembers it for the user', async () => {
    await addMine('Hidden later', 11, 1);
    await open();
    expect(await eventButton('Hidden later')).toBeTruthy();
    const sections = screen.getByRole('region', { name: 'Sections' });
    const box = within(sections).getByRole('checkbox');
    fireEvent.click(box);
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Hidden later,/ })).toBeNull());
    await waitFor(async () =>
      expect((await t.app('user.option.get', { option: 'kontor.calendar.hiddenSections' })).body.result).toBe(
        mySection,
      ),
    );
    cleanup();
    await open();
    const again = within(await screen.findByRole('region', { name: 'Sections' })).getByRole('checkbox');
    expect((again as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole('button', { name: /^Hidden later,/ })).toBeNull();
    fireEvent.click(again);
    expect(await eventButton('Hidden later')).toBeTruthy();
  });

  it('creates an all-day event in the dialog', async () => {
    await open();
    await screen.findByRole('region', { name: 'Week' });
    fireEvent.click(screen.getByRole('button', { name: 'New event' }));
    const dialog = await screen.findByRole('dialog', { name: 'New event' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Give the event a name.')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'Company offsite' } });
    fireEvent.click(within(dialog).getByRole('switch', { name: 'All day' }));
    fireEvent.change(within(dialog).getByLabelText('End date'), { target: { value: addDays(day, 1) } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const block = await eventButton('Company offsite');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const id = block.getAttribute('data-event-id')!;
    const [y, m, d] = day.split('-');
    const [y2, m2, d2] = addDays(day, 1).split('-');
    expect(await portalEvent(id)).toMatchObject({
      NAME: 'Company offsite',
      DT_SKIP_TIME: 'Y',
      DATE_FROM: `${m}/${d}/${y}`,
      DATE_TO: `${m2}/${d2}/${y2}`,
    });
  });

  it('changes an event’s time in the dialog (the keyboard’s way to move it) and deletes it', async () => {
    const id = await addMine('Move me', 9);
    await open();
    fireEvent.click(await eventButton('Move me'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit event' });
    fireEvent.change(within(dialog).getByLabelText('Start time'), { target: { value: '13:00' } });
    fireEvent.change(within(dialog).getByLabelText('End time'), { target: { value: '14:30' } });
    await t.raw('/sandbox/api/log', { method: 'DELETE' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The update and its read-back: one request.
    expect(requests(await log())).toEqual(['batch:calendar.event.getbyid,calendar.event.update']);
    const start = atMinutes(day, 13 * 60, zone);
    const event = await hook<{ DATE_FROM_TS_UTC: string; DATE_TO_TS_UTC: string }>('calendar.event.getbyid', { id });
    expect(wall(Number(event.DATE_FROM_TS_UTC) * 1000)).toBe(wall(start));
    expect(Number(event.DATE_TO_TS_UTC) * 1000).toBe(start + 90 * 60_000);

    fireEvent.click(await eventButton('Move me'));
    const again = await screen.findByRole('dialog', { name: 'Edit event' });
    fireEvent.click(within(again).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(again).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Move me,/ })).toBeNull());
    expect(await portalEvent(id)).toBeNull();
  });

  it('moves an event a day with Alt + arrow key', async () => {
    const id = await addMine('Keyboard move', 15);
    await open();
    const block = await eventButton('Keyboard move');
    const before = Number(
      (await hook<{ DATE_FROM_TS_UTC: string }>('calendar.event.getbyid', { id })).DATE_FROM_TS_UTC,
    );
    fireEvent.keyDown(block, { key: 'ArrowRight', altKey: true });
    await waitFor(async () =>
      expect(
        Number((await hook<{ DATE_FROM_TS_UTC: string }>('calendar.event.getbyid', { id })).DATE_FROM_TS_UTC) * 1000,
      ).toBe(atMinutes(addDays(day, 1), 15 * 60, zone)),
    );
    expect(before * 1000).toBe(atMinutes(day, 15 * 60, zone));
  });

  it('shows a workgroup’s calendar, and the month', async () => {
    const [section] = await hook<{ ID: string }[]>('calendar.section.get', { type: 'group', ownerId: groupId });
    const start = atMinutes(day, 12 * 60, zone) / 1000;
    await hook('calendar.event.add', {
      type: 'group',
      ownerId: groupId,
      name: 'Launch review',
      section: section!.ID,
      from_ts: start,
      to_ts: start + 1800,
      timezone_from: zone,
    });
    await open();
    await screen.findByRole('region', { name: 'Week' });
    expect(screen.queryByRole('button', { name: /^Launch review,/ })).toBeNull();
    await t.raw('/sandbox/api/log', { method: 'DELETE' });
    fireEvent.click(screen.getByRole('combobox', { name: 'Calendar' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Launch team' }));
    expect(await eventButton('Launch review')).toBeTruthy();
    expect(requests(await log())).toEqual(['batch:calendar.event.get,calendar.section.get']);

    fireEvent.click(screen.getByRole('radio', { name: 'Month' }));
    const month = await screen.findByRole('region', { name: 'Month' });
    expect(await within(month).findByRole('button', { name: /^Launch review,/ })).toBeTruthy();
  });

  it('speaks German', async () => {
    await open('de');
    expect(await screen.findByRole('region', { name: 'Woche' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Kalender' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Neuer Termin' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Monat' })).toBeTruthy();
  });
});
