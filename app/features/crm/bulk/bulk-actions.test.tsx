// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which neither knows the sandbox's CA (hence no strict SSL
// for this local test portal) nor sends CORS preflights the way a portal page would need.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../../sandbox/test-utils.ts';
import { B24Provider } from '../../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../../data/index.ts';
import { STATIC_RESOURCES } from '../../../data/resources/static-resources.ts';
import { requests, sandboxClient } from '../../../data/testing/sandbox-client.ts';
import {
  cleanup,
  createTestQueryClient,
  fireEvent,
  renderWithProviders,
  screen,
  waitFor,
  within,
} from '../../../ui/test-utils.tsx';
import { BulkActions } from './bulk-actions.tsx';

// The bulk toolbar and its dialogs against a real sandbox (demo seed) over HTTPS through the SDK.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let queryClient: ReturnType<typeof createTestQueryClient>;
const deals = STATIC_RESOURCES.find((r) => r.name === 'deals')!;

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(async () => sandbox.clearLog());
afterEach(async () => {
  await waitFor(() => expect(queryClient.isFetching() + queryClient.isMutating()).toBe(0));
  cleanup();
});

function open(ids: string[], onClear = vi.fn()) {
  queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={fakeFrame()} info={testInitInfo('DEFAULT')}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<BulkActions resource={deals} ids={ids} onClear={onClear} />, { queryClient, wrapper });
}

async function addDeal(title: string, categoryId: number): Promise<string> {
  const r = await t.hook('crm.item.add', { entityTypeId: 2, fields: { title, categoryId } });
  return String((r.body.result as { item: { id: number } }).item.id);
}

async function dealNow(id: string): Promise<{ stageId: string; assignedById: number } | null> {
  const r = await t.hook('crm.item.get', { entityTypeId: 2, id });
  return r.status === 200 ? (r.body.result as { item: { stageId: string; assignedById: number } }).item : null;
}

async function stageName(stageId: string): Promise<string> {
  const rows = (await t.hook('crm.status.list', { filter: { STATUS_ID: stageId } })).body.result as { NAME: string }[];
  return rows[0]!.NAME;
}

describe('BulkActions', () => {
  it('moves deals of two pipelines: each pipeline offers its own stages, one left as it is, results per row', async () => {
    const general = [await addDeal('Bulk G1', 0), await addDeal('Bulk G2', 0), await addDeal('Bulk G3', 0)];
    const wholesale = [await addDeal('Bulk W1', 1), await addDeal('Bulk W2', 1)];
    const preparation = await stageName('PREPARATION');
    // A stage only Wholesale has, to tell the pipelines' lists apart (their default stages share names).
    const added = await t.hook('crm.status.add', {
      fields: { ENTITY_ID: 'DEAL_STAGE_1', STATUS_ID: 'REVIEW', NAME: 'Wholesale review', SORT: 15 },
    });
    expect(added.status).toBe(200);
    await sandbox.clearLog();
    const onClear = vi.fn();
    await open([...general, ...wholesale], onClear);

    expect(screen.getByRole('toolbar', { name: 'Bulk actions' }).textContent).toContain('Selected: 5');
    fireEvent.click(screen.getByRole('button', { name: 'Change stage' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change stage' });
    expect(await within(dialog).findByText(/in 2 pipelines/)).toBeTruthy();
    // Field metadata, stages and pipelines in one request, then the selection's names and pipelines.
    expect(requests(await sandbox.log())).toEqual([
      'batch:crm.category.list,crm.item.fields,crm.status.list',
      // A lone call goes out as itself.
      'crm.item.list',
    ]);

    // Each pipeline's select offers only that pipeline's stages; General's is chosen, Wholesale's left empty.
    fireEvent.click(within(dialog).getByRole('combobox', { name: 'Wholesale (2)' }));
    expect(await screen.findByRole('option', { name: 'Wholesale review' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('combobox', { name: 'Wholesale (2)' }));
    await waitFor(() => expect(screen.queryByRole('option', { name: 'Wholesale review' })).toBeNull());
    fireEvent.click(within(dialog).getByRole('combobox', { name: 'General (3)' }));
    expect(await screen.findByRole('option', { name: preparation })).toBeTruthy();
    expect(screen.queryByRole('option', { name: 'Wholesale review' })).toBeNull();
    fireEvent.click(screen.getByRole('option', { name: preparation }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply to the selected (3)' }));

    expect(await within(dialog).findByText('3 changed, 0 failed, 0 not attempted')).toBeTruthy();
    expect(within(dialog).getByText('Left as they are (no stage chosen for their pipeline): 2')).toBeTruthy();
    const results = within(dialog).getByRole('table', { name: 'Results' });
    expect(within(results).getAllByText('Changed')).toHaveLength(3);
    expect(within(results).getAllByText('Left as it is')).toHaveLength(2);
    expect(results.textContent).toContain('Bulk W1');
    for (const id of general) expect((await dealNow(id))?.stageId).toBe('PREPARATION');
    for (const id of wholesale) expect((await dealNow(id))?.stageId).toBe('C1:NEW');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it('deletes after saying it cannot be undone, lists a refused row with its reason, and retries it', async () => {
    const ids = [await addDeal('Delete A', 0), await addDeal('Delete B', 0), await addDeal('Delete C', 0)];
    await open(ids);
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete' });
    expect(await within(dialog).findByText('Delete the selected records (3)? This cannot be undone.')).toBeTruthy();

    // The portal refuses one of the three deletes.
    await sandbox.force(400, { error: 'ACCESS_DENIED', error_description: 'Access denied' }, 'crm.item.delete');
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Delete (3)' }));
    expect(await within(dialog).findByText('2 deleted, 1 failed, 0 not attempted')).toBeTruthy();
    const results = within(dialog).getByRole('table', { name: 'Results' });
    // The failed row comes first, with the reason in the user's language.
    const first = within(results).getAllByRole('row')[1]!;
    expect(first.textContent).toContain('Delete A');
    expect(first.textContent).toContain('You do not have permission');
    expect(await dealNow(ids[0]!)).not.toBeNull();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry failed (1)' }));
    expect(await within(dialog).findByText('3 deleted, 0 failed, 0 not attempted')).toBeTruthy();
    expect(within(dialog).getByText('Every record was deleted.')).toBeTruthy();
    for (const id of ids) expect(await dealNow(id)).toBeNull();
  });

  it('sets a new responsible person picked by name', async () => {
    const ids = [await addDeal('Owner A', 0), await addDeal('Owner B', 0)];
    const users = (await t.hook('user.get', { FILTER: { ACTIVE: true } })).body.result as {
      ID: string;
      NAME: string;
      LAST_NAME: string;
    }[];
    const target = users.find((u) => u.ID !== '1' && u.NAME && u.LAST_NAME)!;
    const name = `${target.NAME} ${target.LAST_NAME}`;
    await open(ids);
    fireEvent.click(screen.getByRole('button', { name: 'Change responsible' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change responsible' });
    const input = await within(dialog).findByRole('combobox', { name: 'New responsible person' });
    fireEvent.click(input);
    fireEvent.change(input, { target: { value: target.LAST_NAME } });
    fireEvent.click(await screen.findByRole('option', { name }, { timeout: 5000 }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply to the selected (2)' }));
    expect(await within(dialog).findByText('2 changed, 0 failed, 0 not attempted')).toBeTruthy();
    for (const id of ids) expect((await dealNow(id))?.assignedById).toBe(Number(target.ID));
  });

  it('stops between batches when asked: the unsent records are listed as not attempted and can be sent later', async () => {
    const ids: string[] = [];
    for (let start = 0; start < 60; start += 20) {
      const cmd = Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [`c${i}`, `crm.item.add?entityTypeId=2&fields[title]=Stop+${start + i}`]),
      );
      const r = await t.hook('batch', { halt: 0, cmd });
      ids.push(
        ...Object.values((r.body.result as { result: Record<string, { item: { id: number } }> }).result).map((x) =>
          String(x.item.id),
        ),
      );
    }
    await open(ids);
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete' });
    const confirm = await within(dialog).findByRole('button', { name: 'Delete (60)' });
    // Slow answers, so the stop lands while the first batch (50) is on its way.
    await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ latency: 400 }) });
    try {
      fireEvent.click(confirm);
      fireEvent.click(await within(dialog).findByRole('button', { name: 'Stop after this batch' }));
      expect(await within(dialog).findByRole('button', { name: 'Stopping after the current batch…' })).toBeTruthy();
      expect(
        await within(dialog).findByText('50 deleted, 0 failed, 10 not attempted', {}, { timeout: 10_000 }),
      ).toBeTruthy();
    } finally {
      await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ latency: 0 }) });
    }
    expect(
      within(dialog).getByText('Cancelled. The records not attempted were not sent and are unchanged.'),
    ).toBeTruthy();
    expect(within(within(dialog).getByRole('table', { name: 'Results' })).getAllByText('Not attempted')).toHaveLength(
      10,
    );
    const remaining = [];
    for (const id of ids) if (await dealNow(id)) remaining.push(id);
    expect(remaining).toEqual(ids.slice(50));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Send the rest (10)' }));
    expect(await within(dialog).findByText('60 deleted, 0 failed, 0 not attempted')).toBeTruthy();
    for (const id of ids.slice(50)) expect(await dealNow(id)).toBeNull();
  });

  it('sets a custom field to one value, with the record form’s input', async () => {
    const ids = [await addDeal('Field A', 0), await addDeal('Field B', 1)];
    await open(ids);
    fireEvent.click(screen.getByRole('button', { name: 'Change a field' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change a field' });
    fireEvent.click(await within(dialog).findByRole('combobox', { name: 'Field' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Project code' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Project code' }), { target: { value: 'BULK-7' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply to the selected (2)' }));
    expect(await within(dialog).findByText('2 changed, 0 failed, 0 not attempted')).toBeTruthy();
    for (const id of ids) {
      const r = await t.hook('crm.item.get', { entityTypeId: 2, id, useOriginalUfNames: 'N' });
      expect((r.body.result as { item: Record<string, unknown> }).item.ufCrm_PROJECT_CODE).toBe('BULK-7');
    }
  });
});
