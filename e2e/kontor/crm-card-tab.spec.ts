import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { installThroughWizard, openKontorTab, startKontorPortal, type KontorPortal } from '../support/kontor.ts';

// The CRM card tabs: each kind shows its related work; quick actions, in-place editing, one request on a
// cold open, hostile markup inert, and the frame as tall as its content. One installed portal for all.
let portal: KontorPortal;

type Obj = Record<string, unknown>;
async function rest<T = unknown>(method: string, params: Obj = {}): Promise<T> {
  const res = await portal.rest(method, params);
  expect(res.body.error, `${method}: ${JSON.stringify(res.body)}`).toBeUndefined();
  return res.body.result as T;
}
async function appRest<T = unknown>(method: string, params: Obj = {}): Promise<T> {
  const res = await portal.appRest(method, params);
  expect(res.body.error, `${method}: ${JSON.stringify(res.body)}`).toBeUndefined();
  return res.body.result as T;
}
const addItem = async (entityTypeId: number, fields: Obj) =>
  String((await rest<{ item: { id: number } }>('crm.item.add', { entityTypeId, fields })).item.id);

const DAY = 86_400_000;
const IMG = '<img src=x onerror=alert(1)>';
const BB = '[url=javascript:alert(1)]x[/url]';

// A small world around one deal: its company, two contacts, a task, a comment, a to-do, a meeting, a visit.
let companyId: string;
let contactIds: string[];
let dealId: string;
let leadId: string;
let projectId: string;
let responsibleName: string;

test.beforeAll(async ({ browser }) => {
  portal = await startKontorPortal();
  const page = await browser.newPage();
  await installThroughWizard(page, portal);
  await page.close();

  companyId = await addItem(4, { title: 'Tab Spec ApS' });
  contactIds = [
    await addItem(3, { name: 'Ada', lastName: 'Spec', post: 'Buyer', companyId: Number(companyId) }),
    await addItem(3, { name: 'Bo', lastName: 'Spec', companyId: Number(companyId) }),
  ];
  dealId = await addItem(2, {
    title: 'Spec deal',
    assignedById: 3,
    companyId: Number(companyId),
    contactIds: contactIds.map(Number),
  });
  leadId = await addItem(1, { title: 'Spec lead', companyId: Number(companyId), contactId: Number(contactIds[1]) });
  projectId = await addItem(1030, {
    title: 'Spec project',
    companyId: Number(companyId),
    contactIds: [Number(contactIds[0])],
  });
  const code = `D_${dealId}`;
  await rest('tasks.task.add', { fields: { TITLE: 'Spec task', RESPONSIBLE_ID: 3, UF_CRM_TASK: [code] } });
  await rest('crm.timeline.comment.add', { fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: 'Spec note' } });
  await rest('crm.activity.todo.add', {
    ownerTypeId: 2,
    ownerId: dealId,
    deadline: new Date(Date.now() + DAY).toISOString(),
    title: 'Spec to-do',
  });
  const meeting = (name: string, crm: string) =>
    rest('calendar.event.add', {
      type: 'user',
      ownerId: 3,
      name,
      from: new Date(Date.now() + 2 * DAY).toISOString(),
      to: new Date(Date.now() + 2 * DAY + 3_600_000).toISOString(),
      auto_detect_section: 'Y',
      crm_fields: [crm],
    });
  await meeting('Spec meeting', code);
  // The hostile deal of the demo seed (3) gets a hostile event too; its comments, to-do and task are seeded.
  const hostile = await rest<{ item: { assignedById: number } }>('crm.item.get', { entityTypeId: 2, id: 3 });
  await rest('calendar.event.add', {
    type: 'user',
    ownerId: hostile.item.assignedById,
    name: `${IMG} ${BB}`,
    from: new Date(Date.now() + DAY).toISOString(),
    to: new Date(Date.now() + DAY + 3_600_000).toISOString(),
    auto_detect_section: 'Y',
    crm_fields: ['D_3'],
  });

  // Kontor's custom data convention (docs/data-layer.md): a storage with a CRM-reference property,
  // listed in the app option `kontor.storages` that the tab gets with its init data.
  await appRest('entity.add', { ENTITY: 'specvisits', NAME: 'Visits' });
  await appRest('entity.item.property.add', { ENTITY: 'specvisits', PROPERTY: 'crm', NAME: 'CRM', TYPE: 'S' });
  await appRest('entity.item.add', { ENTITY: 'specvisits', NAME: 'Spec visit', PROPERTY_VALUES: { crm: code } });
  await appRest('entity.item.add', { ENTITY: 'specvisits', NAME: IMG, PROPERTY_VALUES: { crm: 'D_3' } });
  await appRest('app.option.set', {
    options: {
      'kontor.storages': JSON.stringify([{ entity: 'specvisits', title: 'Site visits', crmProperty: 'crm' }]),
    },
  });
  const [user] = await rest<{ NAME: string; LAST_NAME: string }[]>('user.get', { ID: 3 });
  responsibleName = `${user!.NAME} ${user!.LAST_NAME}`;
});
test.afterAll(async () => portal.close());

/** Fails the test if any frame of the page opens a dialog (alert): the hostile payloads all call alert(1). */
function forbidDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on('dialog', (dialog) => {
    opened.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}

const section = (app: FrameLocator, name: string) => app.getByRole('region', { name, exact: true });

async function openCard(page: Page, kind: string, id: string, placement: string): Promise<FrameLocator> {
  const app = await openKontorTab(page, portal, `/crm/${kind}/details/${id}/`, placement);
  await expect(app.getByLabel('Key facts')).toBeVisible();
  return app;
}

test('a deal tab shows all its related work from one REST request, in a frame that fits it', async ({ page }) => {
  await portal.control('log', undefined, 'DELETE');
  const app = await openCard(page, 'deal', dealId, 'CRM_DEAL_DETAIL_TAB');
  await expect(section(app, 'Company')).toContainText('Tab Spec ApS');
  await expect(section(app, 'Contacts')).toContainText('Ada Spec');
  await expect(section(app, 'Contacts')).toContainText('Bo Spec');
  await expect(section(app, 'Tasks')).toContainText('Spec task');
  await expect(section(app, 'Open to-dos')).toContainText('Spec to-do');
  await expect(section(app, 'Upcoming events')).toContainText('Spec meeting');
  await expect(section(app, 'Comments')).toContainText('Spec note');
  await expect(section(app, 'Site visits')).toContainText('Spec visit');
  await expect(app.getByLabel('Key facts').getByRole('button', { name: responsibleName })).toBeVisible();

  await test.step('the cold open cost one request', async () => {
    // Anything late (a name read after the fact, a refetch) would show up here.
    await page.waitForTimeout(1000);
    const log = (await portal.control('log')) as { method: string; auth: string; batch?: string[] }[];
    const fromApp = log.filter((e) => e.auth === 'app');
    expect(fromApp.map((e) => e.method)).toEqual(['batch']);
    expect(fromApp[0]!.batch).toEqual(
      expect.arrayContaining(['crm.item.get', 'user.get', 'crm.item.list', 'tasks.task.list', 'entity.item.get']),
    );
  });

  await test.step('the frame is as tall as its content: no scrollbar inside', async () => {
    await expect
      .poll(async () =>
        app
          .locator('html')
          .evaluate((html) => html.scrollHeight - html.clientHeight + (html.scrollWidth - html.clientWidth)),
      )
      .toBeLessThanOrEqual(1);
    const frame = page.locator('iframe[data-placement="CRM_DEAL_DETAIL_TAB"]');
    expect((await frame.boundingBox())!.height).toBeGreaterThan(400);
  });
});

for (const card of [
  {
    kind: 'contact',
    id: () => contactIds[0]!,
    placement: 'CRM_CONTACT_DETAIL_TAB',
    sections: { Company: 'Tab Spec ApS', Deals: 'Spec deal' },
  },
  {
    kind: 'company',
    id: () => companyId,
    placement: 'CRM_COMPANY_DETAIL_TAB',
    sections: { Contacts: 'Ada Spec', Deals: 'Spec deal' },
  },
  {
    kind: 'lead',
    id: () => leadId,
    placement: 'CRM_LEAD_DETAIL_TAB',
    sections: { Company: 'Tab Spec ApS', Contacts: 'Bo Spec' },
  },
  {
    kind: 'type/1030',
    id: () => projectId,
    placement: 'CRM_DYNAMIC_1030_DETAIL_TAB',
    sections: { Company: 'Tab Spec ApS', Contacts: 'Ada Spec' },
  },
]) {
  test(`a ${card.kind} tab shows its related records`, async ({ page }) => {
    const app = await openCard(page, card.kind, card.id(), card.placement);
    for (const [name, text] of Object.entries(card.sections)) await expect(section(app, name)).toContainText(text);
    // A linked company among the key facts is named, not numbered.
    if (card.kind === 'contact') await expect(app.getByLabel('Key facts')).toContainText('Tab Spec ApS');
    await expect(section(app, 'Tasks')).toBeVisible();
    await expect(section(app, 'Comments')).toBeVisible();
  });
}

test('quick actions: comment, task, meeting and notification, each confirmed, shown and on the portal', async ({
  page,
}) => {
  const app = await openCard(page, 'deal', dealId, 'CRM_DEAL_DETAIL_TAB');
  const actions = section(app, 'Quick actions');

  await test.step('a comment', async () => {
    await actions.getByRole('button', { name: 'Comment' }).click();
    await actions.getByRole('textbox', { name: 'Comment' }).fill('Agreed on delivery in May');
    await actions.getByRole('button', { name: 'Add comment' }).click();
    await expect(actions.getByRole('status')).toContainText('Comment added.');
    await expect(section(app, 'Comments')).toContainText('Agreed on delivery in May');
    const comments = await rest<{ COMMENT: string }[]>('crm.timeline.comment.list', {
      filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' },
    });
    expect(comments.map((c) => c.COMMENT)).toContain('Agreed on delivery in May');
  });

  await test.step('a task bound to the record', async () => {
    await actions.getByRole('button', { name: 'New task' }).click();
    const form = actions.getByRole('form', { name: 'New task' });
    await expect(form).toContainText(responsibleName);
    await form.getByRole('textbox', { name: 'Task title' }).fill('Prepare the contract');
    await form.getByLabel('Deadline').fill('2031-05-04T15:30');
    await form.getByRole('button', { name: 'Create task' }).click();
    await expect(actions.getByRole('status')).toContainText('Task created');
    await expect(section(app, 'Tasks')).toContainText('Prepare the contract');
    const { tasks } = await rest<{ tasks: { ufCrmTask: string[]; responsibleId: string; deadline: string }[] }>(
      'tasks.task.list',
      { filter: { TITLE: 'Prepare the contract' }, select: ['ID', 'UF_CRM_TASK', 'RESPONSIBLE_ID', 'DEADLINE'] },
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ ufCrmTask: [`D_${dealId}`], responsibleId: '3' });
    expect(tasks[0]!.deadline).toMatch(/^2031-05-04T/);
  });

  await test.step('a meeting linked to the record, the responsible invited', async () => {
    await actions.getByRole('button', { name: 'Schedule a meeting' }).click();
    const form = actions.getByRole('form', { name: 'Schedule a meeting' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Contract review');
    await form.getByRole('button', { name: 'Schedule' }).click();
    await expect(actions.getByRole('status')).toContainText('Meeting scheduled.');
    await expect(section(app, 'Upcoming events')).toContainText('Contract review');
    const events = await rest<{ NAME: string; UF_CRM_CAL_EVENT: string[] | false; ATTENDEES_CODES: string[] }[]>(
      'calendar.event.get',
      { type: 'user', ownerId: 1, from: new Date().toISOString().slice(0, 10), to: '2099-01-01' },
    );
    const created = events.find((e) => e.NAME === 'Contract review');
    expect(created?.UF_CRM_CAL_EVENT).toEqual([`D_${dealId}`]);
    expect(created?.ATTENDEES_CODES).toContain('U3');
  });

  await test.step('a notification in the responsible’s bell', async () => {
    const bell = async () => {
      const html = await (await fetch(`${portal.origin}/company/`, { headers: { cookie: 'sandbox_user=3' } })).text();
      const m = /data-testid="bell-count">(\d+)</.exec(html);
      return m ? Number(m[1]) : 0;
    };
    const before = await bell();
    await portal.control('log', undefined, 'DELETE');
    await actions.getByRole('button', { name: 'Notify responsible' }).click();
    const form = actions.getByRole('form', { name: 'Notify responsible' });
    await form.getByRole('textbox', { name: 'Message' }).fill('Please call them today');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(actions.getByRole('status')).toContainText(`${responsibleName} has been notified.`);
    const log = (await portal.control('log')) as { method: string; status: number }[];
    expect(log.filter((e) => e.method === 'im.notify.personal.add').map((e) => e.status)).toEqual([200]);
    expect(await bell()).toBe(before + 1);
  });
});

test('a key fact edited in place is saved on the portal', async ({ page }) => {
  const app = await openCard(page, 'contact', contactIds[1]!, 'CRM_CONTACT_DETAIL_TAB');
  const facts = app.getByLabel('Key facts');
  await facts.getByRole('button', { name: 'Edit Position' }).click();
  const input = facts.getByRole('textbox', { name: 'Position' });
  await expect(input).toBeFocused();
  await input.fill('Head of logistics');
  await input.press('Enter');
  await expect(input).toBeHidden();
  await expect(facts).toContainText('Head of logistics');
  await expect
    .poll(
      async () =>
        (await rest<{ item: { post: string } }>('crm.item.get', { entityTypeId: 3, id: contactIds[1] })).item.post,
    )
    .toBe('Head of logistics');
});

test('hostile markup stays text in every section of the hostile deal’s tab; nothing runs', async ({ page }) => {
  const dialogs = forbidDialogs(page);
  const app = await openCard(page, 'deal', '3', 'CRM_DEAL_DETAIL_TAB');
  await expect(app.getByRole('heading', { level: 2 })).toContainText(IMG);
  await expect(section(app, 'Comments')).toContainText(IMG);
  await expect(section(app, 'Comments')).toContainText(BB);
  await expect(section(app, 'Tasks')).toContainText(IMG);
  await expect(section(app, 'Open to-dos')).toContainText(`${BB} ${IMG}`);
  await expect(section(app, 'Upcoming events')).toContainText(`${IMG} ${BB}`);
  await expect(section(app, 'Site visits')).toContainText(IMG);
  // Rendered as text: no element or link was made from the payloads.
  await expect(app.locator('img[src="x"]')).toHaveCount(0);
  await expect(app.locator('a[href^="javascript"]')).toHaveCount(0);
  // The quick actions take the title as data too (the meeting's proposed name).
  await section(app, 'Quick actions').getByRole('button', { name: 'Schedule a meeting' }).click();
  await expect(section(app, 'Quick actions').getByRole('textbox', { name: 'Title' })).toHaveValue(`Meeting: ${IMG}`);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});
