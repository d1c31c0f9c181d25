import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import {
  installThroughWizard,
  kontorFrame,
  openKontorTab,
  startKontorPortal,
  type KontorPortal,
} from '../support/kontor.ts';

// Tasks in the workspace (create with a CRM binding, complete), the task card's Kontor tab (bound CRM records,
// bind another) and task text with markup staying inert. Results are checked over REST.
let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());

async function rest<R>(method: string, params: Record<string, unknown>): Promise<R> {
  const res = await portal.rest(method, params);
  expect(res.status, `${method}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.result as R;
}

const newDeal = async (title: string) =>
  (await rest<{ item: { id: number } }>('crm.item.add', { entityTypeId: 2, fields: { title } })).item.id;

const newTask = async (fields: Record<string, unknown>) =>
  String(
    (await rest<{ task: { id: string } }>('tasks.task.add', { fields: { RESPONSIBLE_ID: 1, ...fields } })).task.id,
  );

async function taskByTitle(title: string): Promise<{ id: string; status: string; ufCrmTask: string[] }> {
  const { tasks } = await rest<{ tasks: { id: string; status: string; ufCrmTask: string[] }[] }>('tasks.task.list', {
    filter: { TITLE: title },
    select: ['ID', 'STATUS', 'UF_CRM_TASK'],
  });
  expect(tasks, `one task titled ${title}`).toHaveLength(1);
  return tasks[0]!;
}

/** Fails the test if any frame of the page opens a dialog (alert) — the payloads all call alert(). */
function forbidDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on('dialog', (dialog) => {
    opened.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}

/** The workspace (left menu) → its "Tasks" section. */
async function openTasks(page: Page): Promise<FrameLocator> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await app.getByRole('navigation', { name: 'Kontor' }).getByRole('button', { name: 'Tasks' }).click();
  await expect(app.getByRole('heading', { level: 2, name: 'Tasks' })).toBeVisible();
  return app;
}

/** Finds a task in the section's list by title (all tasks the admin can see) and opens it. */
async function openTask(app: FrameLocator, title: string, search: string): Promise<void> {
  await app.getByRole('combobox', { name: 'Show' }).click();
  await app.getByRole('option', { name: 'All tasks I can see' }).click();
  await app.getByRole('textbox', { name: 'Title' }).fill(search);
  const table = app.getByRole('table', { name: 'Tasks' });
  await table.getByRole('button', { name: title, exact: true }).click();
  await expect(app.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible();
}

/** Picks a CRM record in the portal's own dialog (the sandbox's selectCRM picker, in the top page). */
async function pickInPortalDialog(page: Page, title: string, code: string): Promise<void> {
  const dialog = page.getByTestId('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('dialog-search').fill(title);
  await dialog.locator(`[data-pick-id="${code}"]`).click();
  await expect(dialog).toBeHidden();
}

test('a task created in the workspace with a CRM binding shows on the deal’s Kontor tab', async ({ page }) => {
  const dealId = await newDeal('E2E greenhouse deal');
  const app = await openTasks(page);
  await app.getByRole('button', { name: 'New task' }).click();
  const form = app.getByRole('form', { name: 'New task' });
  await form.getByRole('textbox', { name: 'Title' }).fill('E2E order the glass');
  await form.getByRole('textbox', { name: 'Description' }).fill('Measure [b]twice[/b]');
  await form.getByRole('button', { name: 'Pick a CRM item in Bitrix24' }).click();
  await pickInPortalDialog(page, 'E2E greenhouse deal', `D_${dealId}`);
  await expect(form.getByText('E2E greenhouse deal')).toBeVisible();
  await form.getByRole('button', { name: 'Add checklist item' }).click();
  await form.getByRole('textbox', { name: 'Checklist item 1' }).fill('Measure the frame');
  await form.getByRole('button', { name: 'Create task' }).click();
  await expect(app.getByRole('heading', { level: 2, name: 'E2E order the glass' })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Description' }).locator('strong')).toHaveText('twice');

  const task = await taskByTitle('E2E order the glass');
  expect(task.ufCrmTask).toEqual([`D_${dealId}`]);
  const checklist = await rest<{ TITLE: string; PARENT_ID: unknown }[]>('task.checklistitem.getlist', { 0: task.id });
  expect(checklist.filter((i) => String(i.PARENT_ID) !== '0').map((i) => i.TITLE)).toEqual(['Measure the frame']);

  const tab = await openKontorTab(page, portal, `/crm/deal/details/${dealId}/`, 'CRM_DEAL_DETAIL_TAB');
  await expect(tab.getByRole('region', { name: 'Tasks' })).toContainText('E2E order the glass');
});

test('a task completed from its detail in the workspace is completed on the portal', async ({ page }) => {
  const id = await newTask({ TITLE: 'E2E complete me' });
  const app = await openTasks(page);
  await openTask(app, 'E2E complete me', 'E2E complete');
  await app.getByRole('group', { name: 'Task actions' }).getByRole('button', { name: 'Complete' }).click();
  await expect(app.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect.poll(async () => (await taskByTitle('E2E complete me')).status).toBe('5');
  expect((await taskByTitle('E2E complete me')).id).toBe(id);
});

test('the task card’s Kontor tab shows the bound CRM records and binds another', async ({ page }) => {
  const first = await newDeal('E2E tab deal one');
  const second = await newDeal('E2E tab deal two');
  const id = await newTask({ TITLE: 'E2E tab task', UF_CRM_TASK: [`D_${first}`] });
  const tab = await openKontorTab(page, portal, `/company/personal/user/1/tasks/task/view/${id}/`, 'TASK_VIEW_TAB');
  await expect(tab.getByRole('heading', { level: 2, name: 'E2E tab task' })).toBeVisible();
  const links = tab.getByRole('region', { name: 'Linked CRM items' });
  await expect(links.getByRole('button', { name: 'E2E tab deal one' })).toBeVisible();
  await expect(tab.getByRole('region', { name: 'Related custom data' })).toContainText('kontor.storages');

  await links.getByRole('button', { name: 'Pick a CRM item in Bitrix24' }).click();
  await pickInPortalDialog(page, 'E2E tab deal two', `D_${second}`);
  await expect(links.getByText('“E2E tab deal two” is now linked to the task.')).toBeVisible();
  await expect(links.getByRole('button', { name: 'E2E tab deal two' })).toBeVisible();
  expect((await taskByTitle('E2E tab task')).ufCrmTask).toEqual([`D_${first}`, `D_${second}`]);
});

test('task text with HTML or BBCode javascript: links renders inert', async ({ page }) => {
  const dialogs = forbidDialogs(page);
  const title = 'E2E xss <img src=x onerror=alert(1)>';
  const id = await newTask({
    TITLE: title,
    DESCRIPTION:
      '[url=javascript:alert(2)]click me[/url] <img src=x onerror=alert(3)> [b]bold[/b] [url=https://example.com]safe[/url]',
  });
  await rest('task.commentitem.add', {
    0: id,
    1: { POST_MESSAGE: '[url=javascript:alert(4)]comment link[/url]<script>alert(5)</script>' },
  });

  const app = await openTasks(page);
  await openTask(app, title, 'E2E xss');
  const description = app.getByRole('region', { name: 'Description' });
  await expect(description).toContainText('<img src=x onerror=alert(3)>');
  await expect(description.locator('strong')).toHaveText('bold');
  await expect(description.getByRole('link', { name: 'safe' })).toHaveAttribute('href', 'https://example.com/');
  await expect(description.getByRole('link', { name: 'click me' })).toHaveCount(0);
  await description.getByText('click me').click();
  const comments = app.getByRole('region', { name: 'Comments' });
  await expect(comments).toContainText('<script>alert(5)</script>');
  await comments.getByText('comment link').click();
  await expect(app.locator('img[src="x"], a[href^="javascript"], [role="region"] script')).toHaveCount(0);

  const tab = await openKontorTab(page, portal, `/company/personal/user/1/tasks/task/view/${id}/`, 'TASK_VIEW_TAB');
  await expect(tab.getByRole('heading', { level: 2 })).toContainText(title);
  await expect(tab.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
