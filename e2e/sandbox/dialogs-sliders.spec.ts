import { expect, test, type Page } from '@playwright/test';
import {
  appFrame,
  bindPlacements,
  check,
  messages,
  result,
  settled,
  start,
  startPortal,
  type Portal,
} from '../support/portal.ts';

let portal: Portal;
test.beforeAll(async ({ browser }) => {
  portal = await startPortal();
  const page = await browser.newPage();
  await bindPlacements(page, portal, [
    { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', TITLE: 'SDK deal tab' },
    { PLACEMENT: 'TASK_VIEW_TAB', TITLE: 'SDK task tab' },
  ]);
  await page.close();
});
test.afterAll(async () => portal.close());

const openApp = async (page: Page) => {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  return appFrame(page);
};

test('selectUser: single pick, multiple pick, cancel sends nothing', async ({ page }) => {
  const frame = await openApp(page);
  let id = await start(frame, 'selectUser');
  await page.getByTestId('dialog').locator('[data-pick-id="3"]').click();
  const one = await settled<Record<string, unknown>>(frame, id);
  expect(Object.keys(one).sort()).toEqual(['id', 'name', 'photo', 'position', 'sub', 'sup', 'url']);
  expect(one).toMatchObject({ id: '3', url: '/company/personal/user/3/', sub: false, sup: false });
  expect(typeof one.name).toBe('string');

  id = await start(frame, 'selectUsers');
  await page.getByTestId('dialog').locator('[data-pick-id="1"]').click();
  await page.getByTestId('dialog').locator('[data-pick-id="4"]').click();
  await page.getByTestId('dialog-select').click();
  const many = await settled<Record<string, unknown>[]>(frame, id);
  expect(many.map((u) => u.id)).toEqual(['1', '4']);

  id = await start(frame, 'selectUser');
  await page.getByTestId('dialog-cancel').click();
  await expect(page.getByTestId('dialog')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(await result(frame, id)).toEqual({ done: false });
});

test('selectAccess blocks the given codes; selectCRM answers object-keyed buckets', async ({ page }) => {
  const frame = await openApp(page);
  let id = await start(frame, 'selectAccess', { blocked: ['AU'] });
  const dialog = page.getByTestId('dialog');
  await dialog.locator('[data-pick-id="AU"]').click();
  await dialog.locator('[data-pick-id="U2"]').click();
  await page.getByTestId('dialog-select').click();
  const access = await settled<{ id: string; name: string }[]>(frame, id);
  expect(access.map((a) => a.id)).toEqual(['U2']);
  expect(typeof access[0]!.name).toBe('string');

  id = await start(frame, 'selectCRM', { entityType: ['deal'], multiple: true, value: { deal: [7] } });
  await expect(dialog.locator('[data-pick-id="D_7"]')).toHaveClass(/selected/);
  const other = dialog.locator('[data-pick-id^="D_"]:not([data-pick-id="D_7"])').first();
  const otherId = await other.getAttribute('data-pick-id');
  await other.click();
  await page.getByTestId('dialog-select').click();
  const crm = await settled<{ deal: Record<string, unknown>[] }>(frame, id);
  expect(crm.deal.map((d) => d.id).sort()).toEqual(['D_7', otherId].sort());
  expect(crm.deal[0]).toMatchObject({ type: 'deal', place: 'deal', desc: '' });
  const raw = (await messages(page)).filter(
    (m) => m.dir === 'out' && typeof m.data === 'string' && m.data.includes('"D_7"'),
  );
  expect(raw[0]!.data).toMatch(/^[^:]+:\{"deal":\{"0":\{"id":"D_\d+","type":"deal","place":"deal","title":.*\},"1":\{/);

  id = await start(frame, 'selectCRM', { entityType: ['deal'] });
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  expect(await result(frame, id)).toEqual({ done: false });
});

test('openPath opens a portal page in a slider and replies on close; a bad path gets PATH_NOT_AVAILABLE', async ({
  page,
}) => {
  const frame = await openApp(page);
  const id = await start(frame, 'openPath', { path: '/crm/deal/details/7/' });
  const slider = page.getByTestId('slider');
  await expect(slider).toHaveCount(1);
  const inner = page.frameLocator('[data-testid="slider-page"]');
  await expect(inner.locator('#pagetitle')).not.toHaveText('Not found');
  const src = await page.getByTestId('slider-page').getAttribute('src');
  expect(src).toMatch(
    /^\/crm\/deal\/details\/7\/\?IFRAME=Y&IFRAME_TYPE=SIDE_SLIDER&from=rest_placement&from_app=local\./,
  );
  expect(await result(frame, id)).toEqual({ done: false });
  await page.getByTestId('slider-close').click();
  expect(await settled(frame, id)).toEqual({ isOpenAtNewWindow: false, isClose: true });
  const sent = (await messages(page)).find(
    (m) => m.dir === 'in' && typeof m.data === 'string' && m.data.startsWith('openPath:'),
  );
  const cb = (sent!.data as string).split(':').at(-2);
  expect((await messages(page)).some((m) => m.dir === 'out' && m.data === `${cb}:{"result":"close"}`)).toBe(true);

  const bad = await frame.evaluate(async (target) => {
    const sid = window.name.split('|')[2];
    const reply = new Promise<string>((resolve) =>
      window.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.startsWith('probe-path:')) resolve(e.data);
      }),
    );
    parent.postMessage(`openPath:{"path":"/tasks/task/view/1/"}:probe-path:${sid}`, target);
    return reply;
  }, portal.origin);
  expect(bad).toBe('probe-path:{"result":"error","errorCode":"PATH_NOT_AVAILABLE"}');
});

test('openApplication: bx24_* settings, options in a popup frame, resizeWindow denied there, closeApplication', async ({
  page,
}) => {
  const frame = await openApp(page);
  const id = await start(frame, 'openApplication', { bx24_title: 'Details', bx24_width: 900, view: 'details', id: 7 });
  await expect(page.getByTestId('slider-title')).toHaveText('Details');
  const popup = await appFrame(page, 'DEFAULT', 1);
  const init = await check<Record<string, unknown>>(popup, 'init');
  expect(init.options).toEqual({ view: 'details', id: 7, IFRAME: 'Y', IFRAME_TYPE: 'SIDE_SLIDER' });
  expect(init.isSliderMode).toBe(true);
  expect(await check(popup, 'resize', { width: 500, height: 300 })).toEqual({ isSafely: true });
  const closeId = await start(popup, 'closeApplication');
  void closeId;
  await expect(page.getByTestId('slider')).toHaveCount(0);
  expect(await settled(frame, id)).toBe('');
});

test('a deal tab gets {"ID":"7"}, reloadData reloads the card, setTitle is denied; a task tab gets {"taskId":"31"}', async ({
  page,
}) => {
  await page.goto(`${portal.origin}/crm/deal/details/7/`);
  await page.locator('.tab', { hasText: 'SDK deal tab' }).click();
  const frame = await appFrame(page, 'CRM_DEAL_DETAIL_TAB');
  const init = await check<Record<string, unknown>>(frame, 'init');
  expect(init.placement).toBe('CRM_DEAL_DETAIL_TAB');
  expect(init.options).toMatchObject({ ID: '7' });
  expect(await check(frame, 'getInterface')).toEqual({ command: ['reloadData'], event: [] });
  expect(await check(frame, 'placementCall', { command: 'reloadData' })).toEqual([]);
  await expect(page.locator('body')).toHaveAttribute('data-reloaded', '1');
  const title = await page.locator('#pagetitle').textContent();
  expect(await check(frame, 'setTitle', { title: 'nope' })).toEqual({ isSafely: true });
  await expect(page.locator('#pagetitle')).toHaveText(title!);

  await page.goto(`${portal.origin}/company/personal/user/1/tasks/task/view/31/`);
  await page.locator('.tab', { hasText: 'SDK task tab' }).click();
  const taskFrame = await appFrame(page, 'TASK_VIEW_TAB');
  expect(await check<Record<string, unknown>>(taskFrame, 'init')).toMatchObject({
    placement: 'TASK_VIEW_TAB',
    options: { taskId: '31' },
  });
});
