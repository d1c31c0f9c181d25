import { expect, test } from '@playwright/test';
import { installThroughWizard, openKontorTab, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// Each placement kind opens its screen with the record it was opened on. One installed portal for all.
let portal: KontorPortal;
test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();
});
test.afterAll(async () => portal.close());

interface Item {
  id: number;
  title?: string;
  name?: string;
  lastName?: string;
}

async function firstItem(entityTypeId: number): Promise<Item> {
  const res = await portal.rest('crm.item.list', {
    entityTypeId,
    // The portal refuses fields a type does not have: contacts have names, the others titles.
    select: entityTypeId === 3 ? ['id', 'name', 'lastName'] : ['id', 'title'],
    order: { id: 'ASC' },
    filter: { '>id': 0 },
  });
  expect(res.status).toBe(200);
  const [item] = (res.body.result as { items: Item[] }).items;
  expect(item).toBeDefined();
  return item!;
}

const CARDS = [
  { kind: 'deal', entityTypeId: 2, path: '/crm/deal/details/', placement: 'CRM_DEAL_DETAIL_TAB' },
  { kind: 'contact', entityTypeId: 3, path: '/crm/contact/details/', placement: 'CRM_CONTACT_DETAIL_TAB' },
  { kind: 'company', entityTypeId: 4, path: '/crm/company/details/', placement: 'CRM_COMPANY_DETAIL_TAB' },
  { kind: 'lead', entityTypeId: 1, path: '/crm/lead/details/', placement: 'CRM_LEAD_DETAIL_TAB' },
  {
    kind: 'smart process',
    entityTypeId: 1030,
    path: '/crm/type/1030/details/',
    placement: 'CRM_DYNAMIC_1030_DETAIL_TAB',
  },
];

for (const card of CARDS) {
  test(`the ${card.kind} card's Kontor tab shows the record it is on`, async ({ page }) => {
    const item = await firstItem(card.entityTypeId);
    const app = await openKontorTab(page, portal, `${card.path}${item.id}/`, card.placement);
    const heading = app.getByRole('heading', { level: 2 });
    // Contacts are titled by their name; everything else by its title.
    for (const part of card.entityTypeId === 3 ? [item.name, item.lastName] : [item.title]) {
      if (part) await expect(heading).toContainText(part.trim());
    }
  });
}

test("the deal card's Kontor tab names the stage and the responsible user, with the manifest's scopes only", async ({
  page,
}) => {
  const { id } = await firstItem(2);
  const deal = (await portal.rest('crm.item.get', { entityTypeId: 2, id })).body.result as {
    item: { stageId: string; assignedById: number };
  };
  const [stage] = (await portal.rest('crm.status.list', { filter: { STATUS_ID: deal.item.stageId } })).body.result as {
    NAME: string;
  }[];
  const [user] = (await portal.rest('user.get', { ID: deal.item.assignedById })).body.result as {
    NAME: string;
    LAST_NAME: string;
  }[];
  const app = await openKontorTab(page, portal, `/crm/deal/details/${id}/`, 'CRM_DEAL_DETAIL_TAB');
  const facts = app.getByLabel('Key facts');
  await expect(facts).toContainText(stage!.NAME);
  await expect(facts.getByRole('button', { name: `${user!.NAME} ${user!.LAST_NAME}`.trim() })).toBeVisible();
  await expect(facts).not.toContainText('User #');
});

test("the task card's Kontor tab shows the task and the CRM records it is bound to", async ({ page }) => {
  const res = await portal.rest('tasks.task.list', {
    select: ['ID', 'TITLE', 'UF_CRM_TASK'],
    order: { ID: 'ASC' },
    filter: { '>ID': 0 },
  });
  const tasks = (res.body.result as { tasks: { id: string; title: string; ufCrmTask?: string[] | false }[] }).tasks;
  const dealBinding = (x: { ufCrmTask?: string[] | false }) =>
    Array.isArray(x.ufCrmTask) ? x.ufCrmTask.find((b) => b.startsWith('D_')) : undefined;
  const task = tasks.find((x) => dealBinding(x) !== undefined);
  expect(task, 'the demo seed binds some tasks to deals').toBeDefined();
  const dealId = Number(dealBinding(task!)!.slice(2));
  const deal = (await portal.rest('crm.item.get', { entityTypeId: 2, id: dealId })).body.result as { item: Item };

  const app = await openKontorTab(
    page,
    portal,
    `/company/personal/user/1/tasks/task/view/${task!.id}/`,
    'TASK_VIEW_TAB',
  );
  await expect(app.getByText(task!.title.trim(), { exact: false }).first()).toBeVisible();
  await expect(app.getByText(deal.item.title!.trim(), { exact: false }).first()).toBeVisible();
});
