// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which neither knows the sandbox's CA (hence no strict SSL
// for this local test portal) nor sends CORS preflights the way a portal page would need.
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
  waitFor,
  within,
} from '../../ui/test-utils.tsx';
import RecordOverview from './record-overview.tsx';

// The CRM tab against a real sandbox (demo seed) over HTTPS through the SDK; round trips from the portal's log.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;

const info = testInitInfo('CRM_DEAL_DETAIL_TAB', { options: { ID: '1' } });

let frame: Frame;
let queryClient: ReturnType<typeof createTestQueryClient>;
async function open(resource: 'deals' | 'contacts' | `sp-${number}`, id: string, lang: 'en' | 'de' = 'en') {
  queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={frame} info={info}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<RecordOverview resource={resource} id={id} />, { lang, queryClient, wrapper });
}

/** The portal's row of a stage id, read directly (not through the code under test). */
async function stageOf(stageId: string): Promise<{ NAME: string; COLOR: string }> {
  const rows = (await t.hook('crm.status.list', { filter: { STATUS_ID: stageId } })).body.result as {
    NAME: string;
    COLOR: string;
  }[];
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function userName(id: number): Promise<string> {
  const rows = (await t.hook('user.get', { ID: id })).body.result as { NAME: string; LAST_NAME: string }[];
  return `${rows[0]!.NAME} ${rows[0]!.LAST_NAME}`.trim();
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
// The users' names are read after the record: let that read land before the next test clears the log.
afterEach(async () => {
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
  cleanup();
});

describe('RecordOverview', () => {
  it('shows a deal’s title, stage, amount and responsible: one HTTP request, then one for the user’s name', async () => {
    const deal = (await t.hook('crm.item.get', { entityTypeId: 2, id: 1 })).body.result as {
      item: { title: string; stageId: string; opportunity: number; currencyId: string; assignedById: number };
    };
    const stage = await stageOf(deal.item.stageId);
    const user = await userName(deal.item.assignedById);
    await sandbox.clearLog();

    await open('deals', '1');
    expect(await screen.findByRole('heading', { name: deal.item.title })).toBeTruthy();
    const facts = screen.getByLabelText('Key facts');
    expect(facts.textContent).toContain('Stage');
    expect(facts.textContent).toContain(stage.NAME);
    expect(facts.textContent).not.toContain(deal.item.stageId);
    expect(facts.textContent).toContain('Responsible');
    expect(await within(facts).findByRole('button', { name: user })).toBeTruthy();
    expect(facts.textContent).not.toContain(`User #${deal.item.assignedById}`);
    if (deal.item.opportunity) {
      const amount = new Intl.NumberFormat('en', { style: 'currency', currency: deal.item.currencyId }).format(
        deal.item.opportunity,
      );
      expect(facts.textContent).toContain(amount);
    }
    expect(screen.getByText('Deals')).toBeTruthy();

    // Record, field metadata, resource catalogue and stages: coalesced into one batch. The names of the
    // record's users need the record: one user.get for all of them (docs/data-layer.md, "Stages and users").
    expect(requests(await sandbox.log())).toEqual([
      'batch:crm.item.fields,crm.item.get,crm.status.list,crm.type.list',
      'user.get',
    ]);
  });

  it('shows the stage of a deal in another pipeline by its name', async () => {
    const deals = (
      await t.hook('crm.item.list', { entityTypeId: 2, filter: { '>categoryId': 0 }, select: ['id', 'stageId'] })
    ).body.result as { items: { id: number; stageId: string }[] };
    const deal = deals.items[0]!;
    const stage = await stageOf(deal.stageId);
    await open('deals', String(deal.id));
    const facts = await screen.findByLabelText('Key facts');
    expect(facts.textContent).toContain(stage.NAME);
    expect(facts.textContent).not.toContain(deal.stageId);
  });

  it('opens the responsible user’s card in a slider', async () => {
    const deal = (await t.hook('crm.item.get', { entityTypeId: 2, id: 2 })).body.result as {
      item: { assignedById: number };
    };
    await open('deals', '2');
    fireEvent.click(await screen.findByRole('button', { name: await userName(deal.item.assignedById) }));
    expect(frame.openPath).toHaveBeenCalledWith(`/company/personal/user/${deal.item.assignedById}/`);
  });

  it('labels fields in the user language and shows a smart process item', async () => {
    const item = (await t.hook('crm.item.get', { entityTypeId: 1030, id: 1 })).body.result as {
      item: { title: string };
    };
    await open('sp-1030', '1', 'de');
    expect(await screen.findByRole('heading', { name: item.item.title })).toBeTruthy();
    expect(screen.getByLabelText('Das Wichtigste').textContent).toContain('Verantwortlich');
  });

  it('renders portal text as text, never as HTML', async () => {
    const added = await t.hook('crm.item.add', {
      entityTypeId: 2,
      fields: { title: '<img src=x onerror=alert(1)> Deal & Co' },
    });
    const id = String((added.body.result as { item: { id: number } }).item.id);
    const view = await open('deals', id);
    expect(await screen.findByRole('heading', { name: '<img src=x onerror=alert(1)> Deal & Co' })).toBeTruthy();
    expect(view.container.querySelector('img')).toBeNull();
  });

  it('says the record is gone, in the user language, without a pointless retry', async () => {
    await open('deals', '999999', 'de');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('aus der CRM-Liste');
    expect(alert.textContent).not.toContain('Element not found');
    expect(screen.queryByRole('button', { name: 'Erneut versuchen' })).toBeNull();
  });

  it('offers a retry when the portal failed, and recovers', async () => {
    await sandbox.force(500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal error' }, 'batch');
    await open('deals', '1');
    const retry = await screen.findByRole('button', { name: 'Try again' }, { timeout: 10_000 });
    fireEvent.click(retry);
    expect(await screen.findByLabelText('Key facts', {}, { timeout: 10_000 })).toBeTruthy();
  });

  describe('in-place editing', () => {
    async function contact(post: string): Promise<string> {
      const added = await t.hook('crm.item.add', {
        entityTypeId: 3,
        fields: { name: 'Edda', lastName: 'Place', post },
      });
      return String((added.body.result as { item: { id: number } }).item.id);
    }
    const postOf = async (id: string) =>
      ((await t.hook('crm.item.get', { entityTypeId: 3, id })).body.result as { item: { post: string } }).item.post;

    it('saves a key fact on Enter, shows it at once and on the portal', async () => {
      const id = await contact('Buyer');
      await open('contacts', id);
      const facts = await screen.findByLabelText('Key facts');
      fireEvent.click(within(facts).getByRole('button', { name: 'Edit Position' }));
      const input = await within(facts).findByRole('textbox', { name: 'Position' });
      await waitFor(() => expect(document.activeElement).toBe(input), { timeout: 5000 });
      fireEvent.change(input, { target: { value: 'Head of purchasing' } });
      fireEvent.keyDown(input, { key: 'Enter' });
      // Under load the save and the refresh after it may take a while.
      await waitFor(() => expect(within(facts).queryByRole('textbox', { name: 'Position' })).toBeNull(), {
        timeout: 5000,
      });
      expect(facts.textContent).toContain('Head of purchasing');
      expect(await postOf(id)).toBe('Head of purchasing');
      expect(requests(await sandbox.log()).some((r) => r.includes('crm.item.update'))).toBe(true);
    });

    it('cancels on Escape without a request', async () => {
      const id = await contact('Buyer');
      await open('contacts', id);
      const facts = await screen.findByLabelText('Key facts');
      // Clicking the value itself starts editing too.
      fireEvent.click(within(facts).getByRole('button', { name: 'Buyer' }));
      const input = await within(facts).findByRole('textbox', { name: 'Position' });
      fireEvent.change(input, { target: { value: 'Never saved' } });
      fireEvent.keyDown(input, { key: 'Escape' });
      await waitFor(() => expect(within(facts).queryByRole('textbox', { name: 'Position' })).toBeNull());
      expect(facts.textContent).toContain('Buyer');
      expect(requests(await sandbox.log()).some((r) => r.includes('crm.item.update'))).toBe(false);
      expect(await postOf(id)).toBe('Buyer');
    });

    it('shows the portal’s refusal at the field and keeps the old value', async () => {
      const id = await contact('Buyer');
      await open('contacts', id);
      const facts = await screen.findByLabelText('Key facts');
      fireEvent.click(within(facts).getByRole('button', { name: 'Edit Position' }));
      const input = await within(facts).findByRole('textbox', { name: 'Position' });
      await sandbox.force(
        400,
        { error: 'CRM_FIELD_ERROR_VALUE_NOT_VALID', error_description: 'Position is too long' },
        'crm.item.update',
      );
      fireEvent.change(input, { target: { value: 'Refused value' } });
      fireEvent.keyDown(input, { key: 'Enter' });
      expect(await within(facts).findByText(/Position is too long/, {}, { timeout: 5000 })).toBeTruthy();
      // Still editing, with the typed value; the portal kept the old one.
      expect((within(facts).getByRole('textbox', { name: 'Position' }) as HTMLInputElement).value).toBe(
        'Refused value',
      );
      expect(await postOf(id)).toBe('Buyer');
      fireEvent.keyDown(within(facts).getByRole('textbox', { name: 'Position' }), { key: 'Escape' });
      await waitFor(() => expect(facts.textContent).toContain('Buyer'));
    });
  });
});
