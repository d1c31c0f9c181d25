import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { installThroughWizard, kontorFrame, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// The workspace's Calendar in the sandbox portal, driven like a user does: drag an event to another day,
// drag its bottom edge, create an all-day event, delete one — each checked over REST. The browser shows
// Berlin time; the events live in New York time (the portal keeps each event's own zone).
const BROWSER_ZONE = 'Europe/Berlin';
const EVENT_ZONE = 'America/New_York';
test.use({ timezoneId: BROWSER_ZONE });

let portal: KontorPortal;
let section: string;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
  const sections = (await portal.rest('calendar.section.get', { type: 'user', ownerId: 1 })).body.result as {
    ID: string;
  }[];
  section = sections[0]!.ID;
});
test.afterAll(async () => portal.close());

interface PortalEvent {
  ID: string;
  NAME: string;
  DATE_FROM: string;
  DATE_TO: string;
  DT_SKIP_TIME: string;
  TZ_FROM: string;
}

/** A day of this week in Berlin (Monday 0), as `YYYY-MM-DD`. */
function dayOfThisWeek(weekday: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: BROWSER_ZONE }).format(new Date());
  const today = new Date(`${parts}T00:00:00Z`);
  const monday = today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday + weekday * 86_400_000).toISOString().slice(0, 10);
}
/** `YYYY-MM-DD` → the portal's display date (`MM/DD/YYYY`). */
const display = (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;

async function addEvent(name: string, day: string, from: string, to: string): Promise<string> {
  const res = await portal.rest('calendar.event.add', {
    type: 'user',
    ownerId: 1,
    name,
    section,
    from: `${day}T${from}:00`,
    to: `${day}T${to}:00`,
    timezone_from: EVENT_ZONE,
    timezone_to: EVENT_ZONE,
  });
  expect(res.status).toBe(200);
  return String(res.body.result);
}

const portalEvent = async (id: string) =>
  (await portal.rest('calendar.event.getbyid', { id })).body.result as PortalEvent | null;

/** Kontor's workspace from the left menu → "Calendar" → this week. */
async function openCalendar(page: Page): Promise<FrameLocator> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await app.getByRole('navigation', { name: 'Kontor' }).getByRole('button', { name: 'Calendar' }).click();
  await expect(app.getByRole('region', { name: 'Week' })).toBeVisible();
  return app;
}

const eventBlock = (app: FrameLocator, id: string) => app.locator(`[data-event-id="${id}"]`);
/** A day's column of the time grid (the all-day row has a cell with the same data-day before it). */
const dayColumn = (app: FrameLocator, day: string) =>
  app.getByRole('region', { name: 'Week' }).locator(`[data-day="${day}"]`).last();

test('drags an event to the next day; the portal keeps its New York time', async ({ page }) => {
  const wednesday = dayOfThisWeek(2);
  const thursday = dayOfThisWeek(3);
  const id = await addEvent('Supplier call', wednesday, '10:00', '11:00');
  const app = await openCalendar(page);
  const block = eventBlock(app, id);
  // 10:00 in New York is 4 pm (or 3 pm in the weeks the two zones change clocks apart) in Berlin.
  await expect(block).toHaveAccessibleName(/^Supplier call, 0[34]:00 PM–0[45]:00 PM$/);
  await block.scrollIntoViewIfNeeded();

  const source = (await block.boundingBox())!;
  const from = (await dayColumn(app, wednesday).boundingBox())!;
  const to = (await dayColumn(app, thursday).boundingBox())!;
  await block.dragTo(dayColumn(app, thursday), {
    sourcePosition: { x: source.width / 2, y: source.height / 2 },
    targetPosition: { x: source.x - from.x + source.width / 2, y: source.y - from.y + source.height / 2 },
  });
  expect(to.x).toBeGreaterThan(from.x);

  await expect.poll(async () => (await portalEvent(id))?.DATE_FROM).toBe(`${display(thursday)} 10:00:00 am`);
  const moved = (await portalEvent(id))!;
  expect(moved).toMatchObject({ DATE_TO: `${display(thursday)} 11:00:00 am`, TZ_FROM: EVENT_ZONE });
  await expect(dayColumn(app, thursday).locator(`[data-event-id="${id}"]`)).toBeVisible();
});

test('drags the bottom edge to make an event longer', async ({ page }) => {
  const tuesday = dayOfThisWeek(1);
  const id = await addEvent('Design review', tuesday, '08:00', '09:00');
  const app = await openCalendar(page);
  const handle = eventBlock(app, id).locator('[data-resize-handle]');
  await eventBlock(app, id).scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  // 40 px an hour: 60 px is an hour and a half.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 30, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 60, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await portalEvent(id))?.DATE_TO).toBe(`${display(tuesday)} 10:30:00 am`);
  expect((await portalEvent(id))!.DATE_FROM).toBe(`${display(tuesday)} 08:00:00 am`);
});

test('creates an all-day event over two days', async ({ page }) => {
  const friday = dayOfThisWeek(4);
  const saturday = dayOfThisWeek(5);
  const app = await openCalendar(page);
  await app.getByRole('button', { name: 'New event' }).click();
  const dialog = app.getByRole('dialog', { name: 'New event' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Trade fair');
  await dialog.getByRole('switch', { name: 'All day' }).check();
  await dialog.getByLabel('Start date').fill(friday);
  await dialog.getByLabel('End date').fill(saturday);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const bar = app.getByRole('group', { name: 'All-day events' }).getByRole('button', { name: /^Trade fair, All day$/ });
  await expect(bar).toBeVisible();

  const id = (await bar.getAttribute('data-event-id'))!;
  expect(await portalEvent(id)).toMatchObject({
    NAME: 'Trade fair',
    DT_SKIP_TIME: 'Y',
    DATE_FROM: display(friday),
    DATE_TO: display(saturday),
  });
});

test('deletes an event from its dialog; names are shown as text', async ({ page }) => {
  const monday = dayOfThisWeek(0);
  const name = '<img src=x onerror="document.title=\'pwned\'">Retro';
  const id = await addEvent(name, monday, '12:00', '13:00');
  const app = await openCalendar(page);
  const block = eventBlock(app, id);
  await expect(block).toContainText(name);
  await expect(block.locator('img')).toHaveCount(0);
  await block.click();
  const dialog = app.getByRole('dialog', { name: 'Edit event' });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(block).toHaveCount(0);
  expect(await portalEvent(id)).toBeNull();
  expect(await page.title()).not.toBe('pwned');
});
