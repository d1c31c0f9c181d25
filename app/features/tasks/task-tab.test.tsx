// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which does not know the sandbox's self-signed CA.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Provider, type Frame } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../data/index.ts';
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

function open(taskId: string) {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={frame} info={info}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<TaskTab taskId={taskId} />, { queryClient, wrapper });
}

const hook = async <R,>(method: string, params: Record<string, unknown>) =>
  (await t.hook(method, params)).body.result as R;

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
      'batch:crm.type.list,tasks.task.list',
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
});
