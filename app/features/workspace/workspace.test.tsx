// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which does not know the sandbox's self-signed CA.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
  waitFor,
  within,
} from '../../ui/test-utils.tsx';
import Workspace from './workspace.tsx';

let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let frame: Frame;
let queryClient: ReturnType<typeof createTestQueryClient>;

function open(appOptions: Record<string, unknown> = {}) {
  const info = testInitInfo('DEFAULT', { appOptions });
  queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={frame} info={info}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<Workspace settingsSlot={<p>settings screen</p>} />, { queryClient, wrapper });
}

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  frame = fakeFrame();
  await sandbox.clearLog();
});
afterEach(async () => {
  // Names are read after the list: let that read land before the next test clears the log.
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
  cleanup();
});

describe('Workspace', () => {
  it('lists the CRM resources, smart processes included, and shows the newest deals', async () => {
    const newest = (await t.hook('crm.item.list', { entityTypeId: 2, order: { id: 'DESC' }, select: ['id', 'title'] }))
      .body.result as { items: { id: number; title: string }[] };
    await sandbox.clearLog();
    await open();
    const nav = await screen.findByRole('navigation', { name: 'Kontor' });
    for (const name of ['Deals', 'Contacts', 'Companies', 'Leads', 'Projects', 'Settings']) {
      expect(within(nav).getByRole('button', { name })).toBeTruthy();
    }
    expect(within(nav).queryByRole('button', { name: 'Tasks' })).toBeNull();
    const table = await screen.findByRole('table', { name: 'Deals' });
    const first = newest.items[0]!;
    fireEvent.click(within(table).getByRole('button', { name: `Open ${first.title}` }));
    expect(frame.openPath).toHaveBeenCalledWith(`/crm/deal/details/${first.id}/`);
    // Catalogue first (it names the resources), then the list with its field labels and stages in one batch,
    // then one user.get for the responsible users of the whole page — never one per row.
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(requests(await sandbox.log())).toEqual([
      'crm.type.list',
      'batch:crm.item.fields,crm.item.list,crm.status.list',
      'user.get',
    ]);
  });

  it('shows stage names and responsible users by name, and opens a user’s card', async () => {
    const newest = (
      await t.hook('crm.item.list', {
        entityTypeId: 2,
        order: { id: 'DESC' },
        select: ['id', 'title', 'stageId', 'assignedById'],
      })
    ).body.result as { items: { id: number; title: string; stageId: string; assignedById: number }[] };
    const first = newest.items[0]!;
    const stage = (await t.hook('crm.status.list', { filter: { STATUS_ID: first.stageId } })).body.result as {
      NAME: string;
    }[];
    const user = (await t.hook('user.get', { ID: first.assignedById })).body.result as {
      NAME: string;
      LAST_NAME: string;
    }[];
    const userName = `${user[0]!.NAME} ${user[0]!.LAST_NAME}`.trim();
    await open();
    const table = await screen.findByRole('table', { name: 'Deals' });
    const row = within(table)
      .getByRole('button', { name: `Open ${first.title}` })
      .closest('tr')!;
    expect(row.textContent).toContain(stage[0]!.NAME);
    expect(row.textContent).not.toContain(first.stageId);
    fireEvent.click(await within(row as HTMLElement).findByRole('button', { name: userName }));
    expect(frame.openPath).toHaveBeenCalledWith(`/company/personal/user/${first.assignedById}/`);
    expect(table.textContent).not.toMatch(/User #\d/);
  });

  it('starts on the resource of the app option and switches on click', async () => {
    await open({ 'kontor.workspace.resource': 'companies' });
    expect(await screen.findByRole('table', { name: 'Companies' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Projects' }));
    const projects = await screen.findByRole('table', { name: 'Projects' });
    const link = within(projects).getAllByRole('button')[0]!;
    fireEvent.click(link);
    expect(vi.mocked(frame.openPath).mock.calls[0]?.[0]).toMatch(/^\/crm\/type\/1030\/details\/\d+\/$/);
  });

  it('shows the settings slot', async () => {
    await open();
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(screen.getByText('settings screen')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
