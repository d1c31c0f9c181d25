import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { installThroughWizard, kontorFrame, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// The workspace's People and Workgroups sections in the sandbox portal (demo company Nordlys ApS), driven
// like a user does: notify an employee from their card, post to the activity stream, open a workgroup —
// each checked over REST, not only on screen.
let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());

/** Kontor's workspace from the left menu → a section of the navigation. */
async function openSection(page: Page, name: 'People' | 'Workgroups'): Promise<FrameLocator> {
  await page.goto(`${portal.origin}/marketplace/app/1/`);
  const app = kontorFrame(page);
  await app.getByRole('navigation', { name: 'Kontor' }).getByRole('button', { name }).click();
  await expect(app.getByRole('heading', { name, level: 2 })).toBeVisible();
  return app;
}

interface Notification {
  id: number;
  author_id: number;
  notify_type: number;
  text: string;
}

test('notifies an employee from their card; the notification is in their bell', async ({ page }) => {
  const app = await openSection(page, 'People');
  // The structure first: the company and its departments with their heads.
  const tree = app.getByRole('tree', { name: 'Company structure' });
  await expect(tree.getByRole('treeitem').first()).toContainText('Nordlys ApS');
  await expect(tree).toContainText('Head: Freja Mortensen');

  const search = app.getByRole('combobox', { name: 'Find an employee' });
  await search.fill('freja');
  await app.getByRole('option', { name: /Freja Mortensen/ }).click();
  const card = app.getByRole('region', { name: 'Freja Mortensen' });
  await expect(card).toContainText('Support lead');
  await expect(card.getByRole('link', { name: 'freja.mortensen@example.com' })).toBeVisible();

  await card.getByRole('button', { name: 'Notify' }).click();
  const dialog = app.getByRole('dialog', { name: 'Notify Freja Mortensen' });
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Please call Nordlys back about [b]ticket 42[/b]');
  await dialog.getByRole('button', { name: 'Send notification' }).click();
  await expect(card.getByRole('status')).toHaveText('Notification sent to Freja Mortensen.');

  // Freja (7) reads her notifications with her own token: one personal notification from Anna (1).
  const res = await portal.appRest('im.notify.get', {}, 7);
  expect(res.status).toBe(200);
  const { notifications } = res.body.result as { notifications: Notification[] };
  expect(notifications).toHaveLength(1);
  expect(notifications[0]).toMatchObject({
    author_id: 1,
    notify_type: 2,
    text: 'Please call Nordlys back about [b]ticket 42[/b]',
  });
});

test('posts to the activity stream for a department; the post is in the feed', async ({ page }) => {
  const app = await openSection(page, 'People');
  await app.getByRole('button', { name: 'Post to activity stream' }).click();
  const dialog = app.getByRole('dialog', { name: 'Post to activity stream' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Support hours');
  await dialog.getByRole('textbox', { name: 'Text' }).fill('From Monday the support line is open until 18:00.');
  await dialog.getByRole('combobox', { name: /Departments/ }).click();
  await app.getByRole('option', { name: 'Support' }).click();
  // Leave the departments list (its dropdown closes) before publishing.
  await dialog.getByRole('textbox', { name: 'Title' }).click();
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(app.getByRole('status')).toHaveText('Posted to the activity stream.');

  const res = await portal.rest('log.blogpost.get', {});
  expect(res.status).toBe(200);
  const [post] = res.body.result as Record<string, unknown>[];
  expect(post).toMatchObject({
    TITLE: 'Support hours',
    DETAIL_TEXT: 'From Monday the support line is open until 18:00.',
    DEST: ['DR4'],
    AUTHOR_ID: '1',
  });
});

test('opens a workgroup with its members and their roles', async ({ page }) => {
  const app = await openSection(page, 'Workgroups');
  await app.getByRole('searchbox', { name: 'Find a workgroup' }).fill('relaunch');
  await app.getByRole('button', { name: 'Website relaunch' }).click();
  await expect(app.getByRole('heading', { name: 'Website relaunch' })).toBeVisible();

  const members = app.getByRole('table', { name: 'Members' });
  const rows = members.getByRole('row');
  // Owner first, then the moderator, then members — as sonet_group.user.get says.
  const portalMembers = (await portal.rest('sonet_group.user.get', { ID: 1 })).body.result as { ROLE: string }[];
  await expect(rows).toHaveCount(portalMembers.length + 1);
  await expect(rows.nth(1)).toContainText('Clara Vermeulen');
  await expect(rows.nth(1)).toContainText('Owner');
  await expect(rows.nth(2)).toContainText('Anna Holm');
  await expect(rows.nth(2)).toContainText('Moderator');

  await app.getByRole('tab', { name: 'Calendar' }).click();
  await expect(app.getByText(/Upcoming events|No events in the next/)).toBeVisible();
});
