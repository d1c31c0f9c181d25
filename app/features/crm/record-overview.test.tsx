// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which neither knows the sandbox's CA (hence no strict SSL
// for this local test portal) nor sends CORS preflights the way a portal page would need.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Provider, type Frame, type InitInfo } from '../../b24/index.ts';
import { DataProvider } from '../../data/index.ts';
import { requests, sandboxClient } from '../../data/testing/sandbox-client.ts';
import { cleanup, createTestQueryClient, fireEvent, renderWithProviders, screen } from '../../ui/test-utils.tsx';
import RecordOverview from './record-overview.tsx';

// The CRM tab against a real sandbox (demo seed) over HTTPS through the SDK; round trips from the portal's log.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;

const info: InitInfo = {
  placement: 'CRM_DEAL_DETAIL_TAB',
  options: { ID: '1' },
  lang: 'en',
  isAdmin: true,
  installMode: false,
  firstRun: false,
  portalOrigin: 'https://portal.test',
  appOptions: {},
  userOptions: {},
};

function fakeFrame(): Frame {
  return {
    autoFit: () => () => undefined,
    setTitle: vi.fn(async () => undefined),
    openPath: vi.fn(async () => undefined),
    openApplication: vi.fn(async () => undefined),
    selectUser: vi.fn(async () => null),
    selectUsers: vi.fn(async () => []),
    selectCrm: vi.fn(async () => []),
    onPlacementEvent: vi.fn(),
    installFinish: vi.fn(),
    reloadWindow: vi.fn(),
  };
}

let frame: Frame;
async function open(resource: 'deals' | `sp-${number}`, id: string, lang: 'en' | 'de' = 'en') {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={frame} info={info}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<RecordOverview resource={resource} id={id} />, { lang, queryClient, wrapper });
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
afterEach(cleanup);

describe('RecordOverview', () => {
  it('shows a deal’s title, stage, amount and responsible from one HTTP request on a cold open', async () => {
    const deal = (await t.hook('crm.item.get', { entityTypeId: 2, id: 1 })).body.result as {
      item: { title: string; stageId: string; opportunity: number; currencyId: string; assignedById: number };
    };
    await sandbox.clearLog();

    await open('deals', '1');
    expect(await screen.findByRole('heading', { name: deal.item.title })).toBeTruthy();
    const facts = screen.getByLabelText('Key facts');
    expect(facts.textContent).toContain('Stage');
    expect(facts.textContent).toContain(deal.item.stageId);
    expect(facts.textContent).toContain('Responsible');
    expect(facts.textContent).toContain(`User #${deal.item.assignedById}`);
    if (deal.item.opportunity) {
      const amount = new Intl.NumberFormat('en', { style: 'currency', currency: deal.item.currencyId }).format(
        deal.item.opportunity,
      );
      expect(facts.textContent).toContain(amount);
    }
    expect(screen.getByText('Deals')).toBeTruthy();

    // Record, field metadata and the resource catalogue: coalesced into one batch.
    expect(requests(await sandbox.log())).toEqual(['batch:crm.item.fields,crm.item.get,crm.type.list']);
  });

  it('opens the responsible user’s card in a slider', async () => {
    const deal = (await t.hook('crm.item.get', { entityTypeId: 2, id: 2 })).body.result as {
      item: { assignedById: number };
    };
    await open('deals', '2');
    fireEvent.click(await screen.findByRole('button', { name: `User #${deal.item.assignedById}` }));
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
});
