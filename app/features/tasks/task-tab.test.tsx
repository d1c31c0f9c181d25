// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which does not know the sandbox's self-signed CA.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client, B24Provider, type Frame, type InitInfo } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../data/index.ts';
import { tokenCaller } from '../../data/platform/testing/token-caller.ts';
import { requests, sandboxClient } from '../../data/testing/sandbox-client.ts';
import {
  cleanup,
  createTestQueryClient,
  fireEvent,
  renderWithProviders,
  screen,
  within,
} from '../../ui/test-utils.tsx';
import { parseCrmBinding } from './parse-crm-binding.ts';
import TaskTab from './task-tab.tsx';

let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let frame: Frame;

const info = testInitInfo('TASK_VIEW_TAB');

function open(taskId: string, { client = sandbox.client, init = info }: { client?: B24Client; init?: InitInfo } = {}) {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={client} frame={frame} info={init}>
      <DataProvider client={client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<TaskTab taskId={taskId} />, { queryClient, wrapper });
}

const hook = async <R,>(method: string, params: Record<string, unknown>) =>
  (await t.hook(method, params)).body.result as R;

const newTask = async (fields: Record<string, unknown>) =>
  String(
    (await hook<{ task: { id: string } }>('tasks.task.add', { fields: { RESPONSIBLE_ID: 1, ...fields } })).task.id,
  );
const newDeal = async (title: string) =>
  (await hook<{ item: { id: number } }>('crm.item.add', { entityTypeId: 2, fields: { title } })).item.id;
const boundCodes = async (id: string) =>
  (await hook<{ task: { ufCrmTask: string[] } }>('tasks.task.get', { taskId: id, select: ['ID', 'UF_CRM_TASK'] })).task
    .ufCrmTask;

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  frame = fakeFrame();
  await sandbox.clearLog();
});
afterEach(cleanup);

describe('parseCrmBinding', () => {
  it.each([
    ['D_7', { resource: 'deals', entityTypeId: 2, id: '7' }],
    ['C_2', { resource: 'contacts', entityTypeId: 3, id: '2' }],
    ['CO_3', { resource: 'companies', entityTypeId: 4, id: '3' }],
    ['L_4', { resource: 'leads', entityTypeId: 1, id: '4' }],
    ['T406_5', { resource: 'sp-1030', entityTypeId: 1030, id: '5' }],
    ['T80_1', { resource: 'sp-128', entityTypeId: 128, id: '1' }],
  ])('%s', (code, expected) => {
    expect(parseCrmBinding(code)).toEqual({ code, ...expected });
  });

  it.each(['Q_1', 'O_2', 'D_', 'D_0', 'D7', 'T1_3', 'CO4_3', ''])('rejects %j', (code) => {
    expect(parseCrmBinding(code)).toBeNull();
  });
});

describe('TaskTab', () => {
  it('shows the task title and each linked CRM item by type and name, opening its card', async () => {
    const deal = await hook<{ item: { id: number } }>('crm.item.add', {
      entityTypeId: 2,
      fields: { title: 'Roof repair' },
    });
    const contact = await hook<{ item: { id: number } }>('crm.item.add', {
      entityTypeId: 3,
      fields: { name: 'Sam', lastName: 'Hill' },
    });
    const task = await hook<{ task: { id: string } }>('tasks.task.add', {
      fields: {
        TITLE: 'Call about the roof',
        RESPONSIBLE_ID: 1,
        UF_CRM_TASK: [`D_${deal.item.id}`, `C_${contact.item.id}`, 'Q_9'],
      },
    });
    await sandbox.clearLog();

    await open(String(task.task.id));
    expect(await screen.findByRole('heading', { name: 'Call about the roof' })).toBeTruthy();
    const links = screen.getByRole('region', { name: 'Linked CRM items' });
    const dealLink = await within(links).findByRole('button', { name: 'Roof repair' });
    expect(await within(links).findByRole('button', { name: 'Sam Hill' })).toBeTruthy();
    expect(links.textContent).toContain('Deals');
    expect(links.textContent).toContain('Contacts');
    expect(links.textContent).toContain('Unknown CRM item Q_9');

    fireEvent.click(dealLink);
    expect(frame.openPath).toHaveBeenCalledWith(`/crm/deal/details/${deal.item.id}/`);

    // The task with its bindings and the resource catalogue, then both linked records: two round trips.
    expect(requests(await sandbox.log())).toEqual([
      'batch:crm.type.list,tasks.task.get',
      'batch:crm.item.get,crm.item.get',
    ]);
  });

  it('says so when nothing is linked', async () => {
    const task = await hook<{ task: { id: string } }>('tasks.task.add', {
      fields: { TITLE: 'Alone', RESPONSIBLE_ID: 1 },
    });
    await open(String(task.task.id));
    expect(await screen.findByText('No CRM items linked')).toBeTruthy();
  });

  it('says the task is gone when it does not exist', async () => {
    await open('999999');
    expect(await screen.findByText('Task not found')).toBeTruthy();
  });

  it('shows markup in the title as text', async () => {
    const id = await newTask({ TITLE: '<img src=x onerror=alert(1)>' });
    const { container } = await open(id);
    expect(await screen.findByRole('heading', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it("links another CRM item picked in the portal's dialog", async () => {
    const first = await newDeal('Old deal');
    const second = await newDeal('New deal');
    const id = await newTask({ TITLE: 'Link more', UF_CRM_TASK: [`D_${first}`] });
    vi.mocked(frame.selectCrm).mockResolvedValue([{ id: `D_${second}`, type: 'deal', title: 'New deal' }]);
    await open(id);
    const links = await screen.findByRole('region', { name: 'Linked CRM items' });
    await within(links).findByRole('button', { name: 'Old deal' });
    fireEvent.click(within(links).getByRole('button', { name: 'Pick a CRM item in Bitrix24' }));
    expect(await screen.findByText('“New deal” is now linked to the task.')).toBeTruthy();
    expect(frame.selectCrm).toHaveBeenCalledWith(['deal', 'contact', 'company', 'lead'], false);
    expect(await boundCodes(id)).toEqual([`D_${first}`, `D_${second}`]);
    // The task is read again and the new record is named like the others.
    expect(await within(links).findByRole('button', { name: 'New deal' })).toBeTruthy();
  });

  it('links a CRM item found by searching its title', async () => {
    const deal = await newDeal('Searchable greenhouse');
    const id = await newTask({ TITLE: 'Link by search' });
    await open(id);
    // The picker's input (its option list carries the same label).
    const input = (await screen.findAllByLabelText('Link another CRM item')).find((el) => el.tagName === 'INPUT')!;
    fireEvent.focus(input);
    fireEvent.click(input);
    fireEvent.change(input, { target: { value: 'greenhouse' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Searchable greenhouse' }, { timeout: 5000 }));
    expect(await screen.findByText('“Searchable greenhouse” is now linked to the task.')).toBeTruthy();
    expect(await boundCodes(id)).toEqual([`D_${deal}`]);
  });

  it('says where related custom data would come from when no storage is set up', async () => {
    const id = await newTask({ TITLE: 'No storages' });
    await open(id);
    const section = await screen.findByRole('region', { name: 'Related custom data' });
    expect(section.textContent).toContain('kontor.storages');
  });

  it("lists the items of Kontor's storages that reference the task's CRM items", async () => {
    // entity.* needs application context: the tab runs on an app token, as in the portal's frame.
    const app = async (method: string, params: Record<string, unknown>) => {
      const res = await t.app(method, params);
      if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
    };
    await app('entity.add', { ENTITY: 'visits', NAME: 'Visits' });
    await app('entity.item.property.add', { ENTITY: 'visits', PROPERTY: 'crm', NAME: 'CRM', TYPE: 'S' });
    await app('entity.item.property.add', { ENTITY: 'visits', PROPERTY: 'note', NAME: 'Note', TYPE: 'S' });
    const deal = await newDeal('Visited deal');
    await app('entity.item.add', {
      ENTITY: 'visits',
      NAME: '<b>Site visit</b>',
      PROPERTY_VALUES: { crm: `D_${deal}`, note: 'Bring the ladder' },
    });
    await app('entity.item.add', { ENTITY: 'visits', NAME: 'Elsewhere', PROPERTY_VALUES: { crm: 'D_999' } });
    const id = await newTask({ TITLE: 'With data', UF_CRM_TASK: [`D_${deal}`] });
    const client = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1)));
    const storages = JSON.stringify([
      { entity: 'visits', title: 'Site visits', crmProperty: 'crm' },
      { entity: 'missing', title: 'Missing', crmProperty: 'crm' },
    ]);
    await open(id, { client, init: testInitInfo('TASK_VIEW_TAB', { appOptions: { 'kontor.storages': storages } }) });
    const visits = await screen.findByRole('region', { name: 'Site visits' });
    expect(await within(visits).findByText('<b>Site visit</b>')).toBeTruthy();
    expect(visits.textContent).toContain('note: Bring the ladder');
    expect(visits.textContent).not.toContain('Elsewhere');
    const missing = screen.getByRole('region', { name: 'Missing' });
    expect(missing.textContent).toContain('Cannot read this storage');
  });
});
