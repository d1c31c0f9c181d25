// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../../sandbox/test-utils.ts';
import { B24Client } from '../../../b24/client.ts';
import { B24Provider } from '../../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../../data/data-provider.tsx';
import { tokenCaller } from '../../../data/platform/testing/token-caller.ts';
import { GRID_PAINT_MEASURE } from '../../../data/query/get-record-grid.ts';
import { smartProcessResource } from '../../../data/resources/smart-processes.ts';
import { STATIC_RESOURCES } from '../../../data/resources/static-resources.ts';
import { requests, sandboxClient } from '../../../data/testing/sandbox-client.ts';
import type { Resource } from '../../../data/types.ts';
import {
  cleanup,
  configure,
  createTestQueryClient,
  fireEvent,
  renderWithProviders,
  screen,
  waitFor,
  within,
} from '../../../ui/test-utils.tsx';
import { RecordGrid } from './record-grid.tsx';

// The bulk actions are another part of the crm feature; here only what the grid hands them matters.
vi.mock('../bulk/bulk-actions.tsx', () => ({
  BulkActions: ({ ids, onClear }: { ids: string[]; onClear: () => void }) => (
    <div>
      <p>bulk: {ids.join(',')}</p>
      <button type="button" onClick={onClear}>
        clear selection
      </button>
    </div>
  ),
}));

// Typing settles for 350 ms before the portal is asked, and renders under happy-dom are slow; role queries
// skip the visibility check (a computed style per element, the bulk of a query's time in a 60-row grid).
configure({ asyncUtilTimeout: 5000, defaultHidden: true });

type Deal = { id: number; title: string; stageId: string; opportunity: number; assignedById: number };

const COLUMNS = 'kontor.grid.deals.columns';
const deals = STATIC_RESOURCES.find((r) => r.name === 'deals') as Resource;
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let client: B24Client;
let queryClient: ReturnType<typeof createTestQueryClient>;
let all: Deal[];

async function rest<T>(method: string, params: Record<string, unknown>): Promise<T> {
  const r = await t.hook(method, params);
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`);
  return r.body.result as T;
}

function open(resource: Resource = deals) {
  queryClient = createTestQueryClient();
  const onOpen = vi.fn();
  const onCreate = vi.fn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={client} frame={fakeFrame()} info={testInitInfo('DEFAULT')}>
      <DataProvider client={client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  const rendered = renderWithProviders(<RecordGrid resource={resource} onOpen={onOpen} onCreate={onCreate} />, {
    queryClient,
    wrapper,
  });
  return { rendered, onOpen, onCreate };
}

/** The grid once every row is in (the status line counts them). */
async function loaded(name = 'Deals') {
  const grid = await screen.findByRole('grid', { name });
  await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Records: /));
  return grid;
}

/** The column headers' texts. */
function headers(grid: HTMLElement): string[] {
  return [...grid.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent ?? '');
}

/** Titles of the rows in the DOM (the virtualizer renders only those in view). */
function titles(grid: HTMLElement): string[] {
  return [...grid.querySelectorAll('[role="row"] button[aria-label^="Open "]')].map((b) => b.textContent ?? '');
}

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  // An application token (user.option.* needs application context, as in the portal frame).
  client = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1)));
  all = (
    await rest<{ items: Deal[] }>('crm.item.list', {
      entityTypeId: 2,
      order: { id: 'DESC' },
      select: ['id', 'title', 'stageId', 'opportunity', 'assignedById'],
    })
  ).items;
  all.push(
    ...(
      await rest<{ items: Deal[] }>('crm.item.list', {
        entityTypeId: 2,
        order: { id: 'DESC' },
        select: ['id', 'title', 'stageId', 'opportunity', 'assignedById'],
        start: 50,
      })
    ).items,
  );
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await t.app('user.option.set', { options: { [COLUMNS]: '' } });
  await sandbox.clearLog();
});
afterEach(async () => {
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
  cleanup();
});

describe('RecordGrid', () => {
  it('shows every deal newest first with stage and user names from one batch, opens, creates and selects', async () => {
    const { onOpen, onCreate } = open();
    const grid = await loaded();
    expect(grid.getAttribute('aria-rowcount')).toBe(String(all.length + 1));
    expect(screen.getByRole('status').textContent).toBe(`Records: ${all.length}`);
    // Virtualized: a screenful (plus overscan) is in the DOM, not all 60.
    const shown = titles(grid);
    expect(shown.length).toBeLessThan(all.length);
    expect(shown.slice(0, 5)).toEqual(all.slice(0, 5).map((d) => d.title));

    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    const log = requests(await sandbox.log());
    // One batch for the first render: rows (first page), fields, stages, pipelines and the column choice.
    expect(log[0]).toBe('batch:crm.category.list,crm.item.fields,crm.item.list,crm.status.list,user.option.get');
    // Then the remaining rows in one request, and user names per arriving set of rows — never one per row.
    expect(log.filter((r) => r.startsWith('batch:crm.item.list'))).toHaveLength(1);
    expect(log.filter((r) => r === 'user.get').length).toBeLessThanOrEqual(2);
    expect(log).toHaveLength(2 + log.filter((r) => r === 'user.get').length);

    const first = all[0]!;
    const [stage] = await rest<{ NAME: string }[]>('crm.status.list', { filter: { STATUS_ID: first.stageId } });
    const [user] = await rest<{ NAME: string; LAST_NAME: string }[]>('user.get', { ID: first.assignedById });
    const row = within(grid)
      .getByRole('button', { name: `Open ${first.title}` })
      .closest('[role="row"]') as HTMLElement;
    await waitFor(() => expect(row.textContent).toContain(`${user!.NAME} ${user!.LAST_NAME}`));
    expect(row.textContent).toContain(stage!.NAME);
    expect(headers(grid)).toEqual(['', 'Name', 'Stage', 'Amount', 'Responsible person', 'Estimated close date']);
    await waitFor(() => expect(performance.getEntriesByName(GRID_PAINT_MEASURE, 'measure').length).toBeGreaterThan(0));

    fireEvent.click(within(grid).getByRole('button', { name: `Open ${all[1]!.title}` }));
    expect(onOpen).toHaveBeenCalledWith(String(all[1]!.id));
    fireEvent.click(screen.getByRole('button', { name: 'New' }));
    expect(onCreate).toHaveBeenCalledOnce();

    fireEvent.click(within(grid).getByRole('checkbox', { name: `Select ${all[0]!.title}` }));
    fireEvent.click(within(grid).getByRole('checkbox', { name: `Select ${all[2]!.title}` }));
    expect(screen.getByText(`bulk: ${all[0]!.id},${all[2]!.id}`)).toBeTruthy();
    fireEvent.click(within(grid).getByRole('checkbox', { name: 'Select all loaded records' }));
    expect(screen.getByText(`bulk: ${all.map((d) => d.id).join(',')}`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'clear selection' }));
    expect(screen.queryByText(/^bulk:/)).toBeNull();
  });

  it('searches on the portal, shows markup as text, and says when nothing matches', async () => {
    open();
    const grid = await loaded();
    const search = screen.getByRole('textbox', { name: 'Search' });
    const xss = all.find((d) => d.title.includes('<img'))!;
    fireEvent.change(search, { target: { value: `#${xss.id}` } });
    await waitFor(() => expect(titles(grid)).toEqual([xss.title]));
    expect(grid.querySelector('img')).toBeNull();

    fireEvent.change(search, { target: { value: 'no such deal at all' } });
    expect(await screen.findByText('Nothing matches')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset filters' }));
    await waitFor(() =>
      expect(screen.getByRole('grid', { name: 'Deals' }).getAttribute('aria-rowcount')).toBe(String(all.length + 1)),
    );
  });

  it('sorts on the portal by a column: ascending, then descending', async () => {
    open();
    const grid = await loaded();
    const header = () => within(grid).getByRole('columnheader', { name: /Amount/ });
    expect(header().getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(header()).getByRole('button'));
    await waitFor(() => expect(header().getAttribute('aria-sort')).toBe('ascending'));
    const ascending = [...all].sort((a, b) => a.opportunity - b.opportunity || a.id - b.id);
    await waitFor(() => expect(titles(grid).slice(0, 5)).toEqual(ascending.slice(0, 5).map((d) => d.title)));
    fireEvent.click(within(header()).getByRole('button'));
    const descending = [...all].sort((a, b) => b.opportunity - a.opportunity || b.id - a.id);
    await waitFor(() => expect(titles(grid).slice(0, 5)).toEqual(descending.slice(0, 5).map((d) => d.title)));
    expect(header().getAttribute('aria-sort')).toBe('descending');
  });

  it('filters by stage (picked by pipeline) and amount on the portal', async () => {
    open();
    const grid = await loaded();
    fireEvent.click(screen.getByRole('button', { name: 'Filters' }));
    fireEvent.click(screen.getByRole('combobox', { name: 'Stage' }));
    const stages = await rest<{ STATUS_ID: string; NAME: string }[]>('crm.status.list', {
      filter: { ENTITY_ID: 'DEAL_STAGE' },
    });
    const won = stages.find((s) => s.STATUS_ID === 'WON')!;
    fireEvent.click(within(screen.getByRole('group', { name: 'General' })).getByRole('option', { name: won.NAME }));
    const inStage = all.filter((d) => d.stageId === 'WON');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe(String(inStage.length + 1)));

    const amounts = inStage.map((d) => d.opportunity).sort((a, b) => a - b);
    const [from, to] = [amounts[1]!, amounts[amounts.length - 1]!];
    fireEvent.change(screen.getByLabelText('Amount from'), { target: { value: String(from) } });
    fireEvent.change(screen.getByLabelText('Amount to'), { target: { value: String(to) } });
    const expected = inStage.filter((d) => d.opportunity >= from && d.opportunity <= to);
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe(String(expected.length + 1)));
    expect(titles(grid).sort()).toEqual(expected.map((d) => d.title).sort());
    expect(screen.getByRole('button', { name: 'Filters (2)' })).toBeTruthy();
  });

  it('remembers the chosen columns per user in user.option', async () => {
    open();
    const grid = await loaded();
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    const chooser = () => within(screen.getByRole('dialog', { name: 'Columns' }));
    fireEvent.click(chooser().getByRole('checkbox', { name: 'Created on' }));
    fireEvent.click(chooser().getByRole('checkbox', { name: 'Stage' }));
    await waitFor(async () =>
      expect((await t.app('user.option.get', { option: COLUMNS })).body.result).toBe(
        '["opportunity","assignedById","closedate","createdTime"]',
      ),
    );
    expect(headers(grid)).toEqual(['', 'Name', 'Amount', 'Responsible person', 'Estimated close date', 'Created on']);
    cleanup();

    open();
    expect(headers(await loaded())).toEqual([
      '',
      'Name',
      'Amount',
      'Responsible person',
      'Estimated close date',
      'Created on',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    fireEvent.click(chooser().getByRole('button', { name: 'Default columns' }));
    await waitFor(async () => expect((await t.app('user.option.get', { option: COLUMNS })).body.result).toBe(''));
    // Another user's choice is their own.
    expect((await t.app('user.option.get', { option: COLUMNS }, 3)).body.result).toBeNull();
  });

  it('lists a smart process and leads with their own stages', async () => {
    for (const [resource, entityTypeId] of [
      [smartProcessResource({ title: 'Projects', entityTypeId: 1030 }), 1030],
      [STATIC_RESOURCES.find((r) => r.name === 'leads')!, 1],
    ] as const) {
      const portal = await rest<{ items: { title: string; stageId: string }[] }>('crm.item.list', {
        entityTypeId,
        order: { id: 'DESC' },
        select: ['title', 'stageId'],
      });
      const [stage] = await rest<{ NAME: string }[]>('crm.status.list', {
        filter: { STATUS_ID: portal.items[0]!.stageId },
      });
      open(resource);
      const grid = await loaded(resource.titles.en);
      expect(titles(grid)[0]).toBe(portal.items[0]!.title);
      expect(grid.querySelector('[role="row"][aria-rowindex="2"]')!.textContent).toContain(stage!.NAME);
      await waitFor(() => expect(queryClient.isFetching()).toBe(0));
      cleanup();
    }
  });

  it('lists contacts by full name with their phones and e-mails', async () => {
    const contacts = STATIC_RESOURCES.find((r) => r.name === 'contacts') as Resource;
    open(contacts);
    const grid = await loaded('Contacts');
    const newest = (
      await rest<{ items: { name: string; lastName: string; fm: { typeId: string; value: string }[] }[] }>(
        'crm.item.list',
        { entityTypeId: 3, order: { id: 'DESC' }, select: ['*'] },
      )
    ).items.slice(0, 10);
    const withPhone = newest.find((c) => c.fm.some((m) => m.typeId === 'PHONE'))!;
    expect(withPhone).toBeDefined();
    const row = within(grid)
      .getByRole('button', { name: `Open ${withPhone.name} ${withPhone.lastName}` })
      .closest('[role="row"]') as HTMLElement;
    expect(row.textContent).toContain(withPhone.fm.find((m) => m.typeId === 'PHONE')!.value);
    expect(headers(grid)).toContain('E-mail');
  });
});
