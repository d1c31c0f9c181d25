// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// The tab talks to the sandbox with an application token (entity.* needs application context, as in the
// portal frame) through happy-dom's fetch, which must not apply a browser's same-origin policy here.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../../sandbox/test-utils.ts';
import { B24Client } from '../../../b24/client.ts';
import { B24Provider, type Frame } from '../../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../../data/data-provider.tsx';
import { createQueryClient } from '../../../data/query/query-client.ts';
import { tokenCaller } from '../../../data/platform/testing/token-caller.ts';
import { requests, type LogEntry } from '../../../data/testing/sandbox-client.ts';
import { cleanup, fireEvent, renderWithProviders, screen, waitFor, within } from '../../../ui/test-utils.tsx';
import CardTab from './card-tab.tsx';

// react-textarea-autosize listens to document.fonts, which happy-dom does not have.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} } });

let t: TestSandbox;
let client: B24Client;
let frame: Frame;
let queryClient: ReturnType<typeof createQueryClient>;

type Obj = Record<string, unknown>;
const DAY = 86_400_000;
const STORAGES = JSON.stringify([{ entity: 'tabvisits', title: 'Site visits', crmProperty: 'crm' }]);
const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const clearLog = () => t.raw('/sandbox/api/log', { method: 'DELETE' });

async function hook<T = unknown>(method: string, params: Obj): Promise<T> {
  const res = await t.hook(method, params);
  if (res.body.error) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as T;
}
const addItem = async (entityTypeId: number, fields: Obj) =>
  String((await hook<{ item: { id: number } }>('crm.item.add', { entityTypeId, fields })).item.id);

function open(resource: 'deals' | 'companies' | 'contacts', id: string, lang: 'en' | 'de' = 'en') {
  // The app's own client (stale times, invalidation after writes), without retries.
  queryClient = createQueryClient({ retry: false });
  const info = testInitInfo('CRM_DEAL_DETAIL_TAB', {
    options: { ID: id },
    appOptions: { 'kontor.storages': STORAGES },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={client} frame={frame} info={info}>
      <DataProvider client={client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<CardTab resource={resource} id={id} />, { lang, queryClient, wrapper });
}

const region = (name: string) => screen.findByRole('region', { name }, { timeout: 5000 });
// Writes and the card's re-read after them: generous under a loaded test run.
const slow = { timeout: 5000 };

let companyId: string;
let contactId: string;
let dealId: string;
let responsible: string;
let commentAuthor: string;

beforeAll(async () => {
  t = await startTestSandbox();
  client = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1)));
  companyId = await addItem(4, { title: 'Tab Test A/S' });
  contactId = await addItem(3, { name: 'Maja', lastName: 'Tab', post: 'Owner', companyId: Number(companyId) });
  dealId = await addItem(2, {
    title: 'Tab deal',
    assignedById: 3,
    opportunity: 1200,
    currencyId: 'EUR',
    companyId: Number(companyId),
    contactIds: [Number(contactId)],
  });
  const code = `D_${dealId}`;
  await hook('tasks.task.add', { fields: { TITLE: 'Send the offer', RESPONSIBLE_ID: 3, UF_CRM_TASK: [code] } });
  await t.app(
    'crm.timeline.comment.add',
    {
      fields: {
        ENTITY_ID: dealId,
        ENTITY_TYPE: 'deal',
        COMMENT: '<img src=x onerror=alert(1)> [url=javascript:alert(1)]x[/url]',
      },
    },
    5,
  );
  await hook('crm.activity.todo.add', {
    ownerTypeId: 2,
    ownerId: dealId,
    deadline: new Date(Date.now() + DAY).toISOString(),
    title: 'Call about the offer',
  });
  await hook('calendar.event.add', {
    type: 'user',
    ownerId: 3,
    name: 'Offer walkthrough',
    from: new Date(Date.now() + 2 * DAY).toISOString(),
    to: new Date(Date.now() + 2 * DAY + 3_600_000).toISOString(),
    auto_detect_section: 'Y',
    crm_fields: [code],
  });
  await t.app('entity.add', { ENTITY: 'tabvisits', NAME: 'Visits' });
  await t.app('entity.item.property.add', { ENTITY: 'tabvisits', PROPERTY: 'crm', NAME: 'CRM', TYPE: 'S' });
  await t.app('entity.item.property.add', { ENTITY: 'tabvisits', PROPERTY: 'note', NAME: 'Note', TYPE: 'S' });
  await t.app('entity.item.add', {
    ENTITY: 'tabvisits',
    NAME: 'Showroom visit',
    PROPERTY_VALUES: { crm: code, note: 'Liked the blue one' },
  });
  const users = await hook<{ ID: string; NAME: string; LAST_NAME: string }[]>('user.get', { FILTER: { ID: [3, 5] } });
  const nameOf = (id: string) => users.find((u) => u.ID === id)!;
  responsible = `${nameOf('3').NAME} ${nameOf('3').LAST_NAME}`;
  commentAuthor = `${nameOf('5').NAME} ${nameOf('5').LAST_NAME}`;
});
afterAll(async () => t?.close());
beforeEach(async () => {
  frame = fakeFrame();
  await clearLog();
});
// Let background reads land before the next test clears the log.
afterEach(async () => {
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
  cleanup();
});

describe('CardTab', () => {
  it('shows the deal, its people and all related work from ONE HTTP request', async () => {
    const view = await open('deals', dealId);
    expect(await screen.findByRole('heading', { name: 'Tab deal' })).toBeTruthy();
    const facts = screen.getByLabelText('Key facts');
    expect(within(facts).getByRole('button', { name: responsible })).toBeTruthy();

    expect((await region('Company')).textContent).toContain('Tab Test A/S');
    expect((await region('Contacts')).textContent).toContain('Maja Tab');
    expect((await region('Tasks')).textContent).toContain('Send the offer');
    expect((await region('Open to-dos')).textContent).toContain('Call about the offer');
    expect((await region('Upcoming events')).textContent).toContain('Offer walkthrough');
    const comments = await region('Comments');
    // Markup and BB-codes are text; the author's name came with the same request.
    expect(comments.textContent).toContain('<img src=x onerror=alert(1)> [url=javascript:alert(1)]x[/url]');
    expect(comments.querySelector('img')).toBeNull();
    expect(comments.querySelector('a[href^="javascript"]')).toBeNull();
    expect(comments.textContent).toContain(commentAuthor);
    const sent = await log();
    const visits = await region('Site visits');
    expect(visits.textContent).toContain('Showroom visit');
    expect(visits.textContent).toContain('note: Liked the blue one');
    expect(view.container.querySelector('img')).toBeNull();

    expect(requests(sent)).toEqual([expect.stringMatching(/^batch:/)]);
  });

  it('says "none" in each section of a record without links, work or comments', async () => {
    const lone = await addItem(2, { title: 'Nothing around it' });
    await clearLog();
    await open('deals', lone);
    expect((await region('Company')).textContent).toContain('No company linked.');
    expect((await region('Contacts')).textContent).toContain('No contacts linked.');
    expect((await region('Tasks')).textContent).toContain('No open tasks');
    expect((await region('Comments')).textContent).toContain('No comments yet.');
    expect((await region('Site visits')).textContent).toContain('No records refer to this one.');
    expect(requests(await log())).toEqual([expect.stringMatching(/^batch:/)]);
  });

  it('shows a company’s contacts and deals (with the deal’s stage by name)', async () => {
    await open('companies', companyId);
    expect((await region('Contacts')).textContent).toContain('Maja Tab');
    const deals = await region('Deals');
    expect(deals.textContent).toContain('Tab deal');
    const stages = await hook<{ NAME: string; STATUS_ID: string }[]>('crm.status.list', {
      filter: { ENTITY_ID: 'DEAL_STAGE' },
    });
    const deal = await hook<{ item: { stageId: string } }>('crm.item.get', { entityTypeId: 2, id: dealId });
    expect(deals.textContent).toContain(stages.find((s) => s.STATUS_ID === deal.item.stageId)!.NAME);
    fireEvent.click(within(deals).getByRole('button', { name: 'Tab deal' }));
    expect(frame.openPath).toHaveBeenCalledWith(`/crm/deal/details/${dealId}/`);
  });

  it('adds a comment from the quick actions: confirmed, shown, and on the portal', async () => {
    await open('deals', dealId);
    const actions = await region('Quick actions');
    fireEvent.click(within(actions).getByRole('button', { name: 'Comment' }));
    const text = await within(actions).findByRole('textbox', { name: /Comment/ }, slow);
    fireEvent.change(text, { target: { value: 'Client agreed on Friday' } });
    fireEvent.click(within(actions).getByRole('button', { name: 'Add comment' }));
    await waitFor(() => expect(within(actions).getByRole('status').textContent).toContain('Comment added.'), slow);
    await waitFor(
      async () => expect((await region('Comments')).textContent).toContain('Client agreed on Friday'),
      slow,
    );
    const stored = await hook<{ COMMENT: string }[]>('crm.timeline.comment.list', {
      filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' },
    });
    expect(stored.map((c) => c.COMMENT)).toContain('Client agreed on Friday');
  });

  it('creates a task bound to the record, responsible defaulting to the record’s', async () => {
    await open('deals', dealId);
    const actions = await region('Quick actions');
    fireEvent.click(within(actions).getByRole('button', { name: 'New task' }));
    const form = await within(actions).findByRole('form', { name: 'New task' }, slow);
    expect(form.textContent).toContain(responsible);
    fireEvent.change(within(form).getByRole('textbox', { name: /Task title/ }), {
      target: { value: 'Draft contract' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Create task' }));
    await waitFor(() => expect(within(actions).getByRole('status').textContent).toContain('Task created'), slow);
    await waitFor(async () => expect((await region('Tasks')).textContent).toContain('Draft contract'), slow);
    const bound = await hook<{ tasks: { responsibleId: string; ufCrmTask: string[] }[] }>('tasks.task.list', {
      filter: { TITLE: 'Draft contract' },
      select: ['ID', 'RESPONSIBLE_ID', 'UF_CRM_TASK'],
    });
    expect(bound.tasks[0]).toMatchObject({ responsibleId: '3', ufCrmTask: [`D_${dealId}`] });
  });

  it('keeps a form open with the portal’s refusal, and Escape closes it', async () => {
    await open('deals', dealId);
    const actions = await region('Quick actions');
    fireEvent.click(within(actions).getByRole('button', { name: 'New task' }));
    const form = await within(actions).findByRole('form', { name: 'New task' }, slow);
    // An empty title never reaches the portal.
    fireEvent.click(within(form).getByRole('button', { name: 'Create task' }));
    expect(form.textContent).toContain('Required');
    await t.raw('/sandbox/api/force', {
      method: 'POST',
      body: JSON.stringify({
        status: 400,
        body: { error: 'ERROR_CORE', error_description: 'Deadline is in the past' },
        method: 'tasks.task.add',
        count: 1,
      }),
    });
    fireEvent.change(within(form).getByRole('textbox', { name: /Task title/ }), { target: { value: 'Refused' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create task' }));
    expect((await within(form).findByRole('alert', {}, slow)).textContent).toContain('Deadline is in the past');
    fireEvent.keyDown(within(form).getByRole('textbox', { name: /Task title/ }), { key: 'Escape' });
    await waitFor(() => expect(within(actions).queryByRole('form')).toBeNull(), slow);
  });
});
