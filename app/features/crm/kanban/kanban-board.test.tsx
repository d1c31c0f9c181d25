// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which neither knows the sandbox's CA (hence no strict SSL
// for this local test portal) nor sends CORS preflights the way a portal page would need.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../../sandbox/test-utils.ts';
import { DataProvider, STATIC_RESOURCES, type Resource } from '../../../data/index.ts';
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
import { KanbanBoard } from './kanban-board.tsx';

// The board against a real sandbox (demo seed) over HTTPS through the SDK; moves checked over REST.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let queryClient: ReturnType<typeof createTestQueryClient>;

const deals = STATIC_RESOURCES.find((r) => r.name === 'deals')!;
const leads = STATIC_RESOURCES.find((r) => r.name === 'leads')!;

interface Item {
  id: number;
  title: string;
  stageId: string;
  opportunity: number;
  currencyId: string;
  assignedById: number;
}

async function open(resource: Resource, lang: 'en' | 'de' = 'en') {
  queryClient = createTestQueryClient();
  const onOpen = vi.fn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <DataProvider client={sandbox.client} queryClient={queryClient}>
      {children}
    </DataProvider>
  );
  const view = await renderWithProviders(<KanbanBoard resource={resource} onOpen={onOpen} />, {
    lang,
    queryClient,
    wrapper,
  });
  return { ...view, onOpen };
}

/** Every record of a pipeline as the portal has it (webhook, plain paging: not the code under test). */
async function portalItems(entityTypeId: number, filter: Record<string, unknown>): Promise<Item[]> {
  const out: Item[] = [];
  for (let start = 0; ; start += 50) {
    const body = (
      await t.hook('crm.item.list', {
        entityTypeId,
        select: ['id', 'title', 'stageId', 'opportunity', 'currencyId', 'assignedById'],
        filter,
        order: { id: 'ASC' },
        start,
      })
    ).body as { result: { items: Item[] }; next?: number };
    out.push(...body.result.items);
    if (typeof body.next !== 'number') return out;
  }
}

async function portalStage(entityTypeId: number, id: number): Promise<string> {
  return ((await t.hook('crm.item.get', { entityTypeId, id })).body.result as { item: Item }).item.stageId;
}

/** The first paint waits on three round trips; a loaded CI machine may take a while. */
const LOAD = { timeout: 10_000 };

/** Whether no other record of the list has the item's title (the demo seed repeats some titles). */
const unique = (items: Item[], item: Item) => items.filter((i) => i.title === item.title).length === 1;

/** A record of the stage whose title names it alone. */
function pick(items: Item[], stageId: string): Item {
  const item = items.find((i) => i.stageId === stageId && unique(items, i));
  expect(item, `a record with a unique title in ${stageId}`).toBeDefined();
  return item!;
}

/** Every REST answer waits this long, so a test can look at the board while a write is on its way. */
async function latency(ms: number) {
  await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ latency: ms }) });
}

/** The column of a stage, by its name (a region labelled by its heading). */
const column = (name: string) => screen.getByRole('region', { name });
const card = (col: HTMLElement, title: string) => within(col).getByRole('article', { name: title });

/** A DataTransfer as the browser hands it to drag events (happy-dom has none to give). */
function dataTransfer() {
  const data = new Map<string, string>();
  return {
    get types() {
      return [...data.keys()];
    },
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    effectAllowed: 'all',
    dropEffect: 'none',
  };
}

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await sandbox.clearLog();
});
afterEach(async () => {
  await latency(0);
  await waitFor(() => expect(queryClient.isFetching() + queryClient.isMutating()).toBe(0), LOAD);
  cleanup();
});

describe('KanbanBoard', () => {
  it('shows the default pipeline: a column per stage with its count and totals, names, and the funnel', async () => {
    const items = await portalItems(2, { categoryId: 0 });
    const stages = (await t.hook('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' } })).body.result as {
      STATUS_ID: string;
      NAME: string;
    }[];
    await sandbox.clearLog();
    await open(deals);

    for (const stage of stages) {
      const col = await screen.findByRole('region', { name: stage.NAME }, LOAD);
      const inStage = items.filter((i) => i.stageId === stage.STATUS_ID);
      expect(within(col).getByLabelText(`Records in this stage: ${inStage.length}`).textContent).toBe(
        String(inStage.length),
      );
      expect(within(col).queryAllByRole('article')).toHaveLength(Math.min(inStage.length, 50));
      // Totals per currency, never added across currencies.
      for (const currency of new Set(inStage.map((i) => i.currencyId))) {
        const sum = inStage.filter((i) => i.currencyId === currency).reduce((n, i) => n + i.opportunity, 0);
        if (sum)
          expect(col.textContent).toContain(new Intl.NumberFormat('en', { style: 'currency', currency }).format(sum));
      }
    }
    // Names of the responsible users arrive in one user.get for the whole pipeline.
    const first = items.find((i) => i.assignedById && unique(items, i))!;
    const firstColumn = column(stages.find((s) => s.STATUS_ID === first.stageId)!.NAME);
    await waitFor(() => expect(card(firstColumn, first.title).textContent).not.toContain('User #'), LOAD);
    // Pipelines and stages in one batch, the pipeline's records in one request, the names in one call.
    expect(requests(await sandbox.log())).toEqual([
      'batch:crm.category.list,crm.status.list',
      `batch:${Array(50).fill('crm.item.list').join(',')}`,
      'user.get',
    ]);
    const user = (
      (await t.hook('user.get', { ID: first.assignedById })).body.result as { NAME: string; LAST_NAME: string }[]
    )[0]!;
    expect(card(firstColumn, first.title).textContent).toContain(`${user.NAME} ${user.LAST_NAME}`.trim());
    const funnel = screen.getByRole('region', { name: 'Funnel' });
    const steps = within(funnel).getAllByRole('listitem');
    // Open stages in order, then the won one; the first step is reached by every record not lost.
    expect(steps.map((s) => s.getAttribute('data-stage-id'))).toEqual([
      'NEW',
      'PREPARATION',
      'PREPAYMENT_INVOICE',
      'EXECUTING',
      'FINAL_INVOICE',
      'WON',
    ]);
    const notLost = items.filter((i) => !['LOSE', 'APOLOGY'].includes(i.stageId)).length;
    expect(steps[0]!.textContent).toContain(`Reached: ${notLost}`);
    expect(funnel.textContent).toContain(`Lost: ${items.length - notLost}`);
  });

  it('switches pipelines', async () => {
    const wholesale = await portalItems(2, { categoryId: 1 });
    await open(deals);
    fireEvent.click(await screen.findByRole('radio', { name: 'Wholesale' }, LOAD));
    const col = await screen.findByRole('region', { name: 'New' }, LOAD);
    await waitFor(() => expect(col.getAttribute('data-stage-id')).toBe('C1:NEW'), LOAD);
    const total = screen
      .getAllByRole('region')
      .filter((r) => r.hasAttribute('data-stage-id'))
      .reduce((n, r) => n + within(r).queryAllByRole('article').length, 0);
    expect(total).toBe(wholesale.length);
  });

  it('renders titles with markup as text', async () => {
    const view = await open(deals);
    expect(await screen.findByRole('article', { name: '<img src=x onerror=alert(1)>' }, LOAD)).toBeTruthy();
    expect(view.container.querySelector('img')).toBeNull();
  });

  it('moves a card from its menu: at once on screen, then in the portal', async () => {
    const item = pick(await portalItems(2, { categoryId: 0 }), 'NEW');
    await open(deals);
    const from = await screen.findByRole('region', { name: 'New' }, LOAD);
    await latency(2000);
    fireEvent.click(
      within(card(from, item.title)).getByRole('button', { name: `Move “${item.title}” to another stage` }),
    );
    fireEvent.click(await screen.findByRole('menuitem', { name: 'In progress' }, LOAD));
    // Optimistic: first in the new column while the portal has not answered yet.
    await waitFor(
      () =>
        expect(within(column('In progress')).getAllByRole('article')[0]!.getAttribute('aria-label')).toBe(item.title),
      LOAD,
    );
    expect(queryClient.isMutating()).toBe(1);
    expect(within(from).queryByRole('article', { name: item.title })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(`“${item.title}” moved to “In progress”.`);
    await latency(0);
    await waitFor(() => expect(queryClient.isMutating()).toBe(0), LOAD);
    expect(await portalStage(2, item.id)).toBe('EXECUTING');
    expect(card(column('In progress'), item.title)).toBeTruthy();
  });

  it('moves a card dropped on another column (native drag and drop)', async () => {
    const item = pick(await portalItems(2, { categoryId: 0 }), 'PREPARATION');
    await open(deals);
    const source = card(await screen.findByRole('region', { name: 'Preparing documents' }, LOAD), item.title);
    const target = column('Final invoice');
    const transfer = dataTransfer();
    fireEvent.dragStart(source, { dataTransfer: transfer });
    fireEvent.dragOver(target, { dataTransfer: transfer });
    fireEvent.drop(target, { dataTransfer: transfer });
    fireEvent.dragEnd(source, { dataTransfer: transfer });
    expect(await within(column('Final invoice')).findByRole('article', { name: item.title }, LOAD)).toBeTruthy();
    await waitFor(() => expect(queryClient.isMutating()).toBe(0), LOAD);
    expect(await portalStage(2, item.id)).toBe('FINAL_INVOICE');
  });

  it('puts the card back and says why when the portal refuses the move', async () => {
    const item = pick(await portalItems(2, { categoryId: 0 }), 'PREPAYMENT_INVOICE');
    await open(deals);
    const from = await screen.findByRole('region', { name: 'Invoice' }, LOAD);
    await sandbox.force(400, { error: 'ACCESS_DENIED', error_description: 'Access denied!' }, 'crm.item.update');
    fireEvent.click(
      within(card(from, item.title)).getByRole('button', { name: `Move “${item.title}” to another stage` }),
    );
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Deal won' }, LOAD));
    const alert = await screen.findByRole('alert', {}, LOAD);
    expect(alert.textContent).toContain(
      `Bitrix24 did not move “${item.title}” to “Deal won”, so it is back in “Invoice”.`,
    );
    expect(alert.textContent).toContain('Access denied!');
    expect(card(column('Invoice'), item.title)).toBeTruthy();
    expect(within(column('Deal won')).queryByRole('article', { name: item.title })).toBeNull();
    expect(await portalStage(2, item.id)).toBe('PREPAYMENT_INVOICE');
  });

  it('shows leads in their one pipeline, without a pipeline selector, in the user’s language', async () => {
    const items = await portalItems(1, {});
    await open(leads, 'de');
    const col = await screen.findByRole('region', { name: 'Unassigned' }, LOAD);
    expect(within(col).getAllByRole('article').length).toBe(items.filter((i) => i.stageId === 'NEW').length);
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(screen.getByRole('region', { name: 'Trichter' })).toBeTruthy();
  });

  it('renders a page of cards per column, with the rest behind "Show more"', async () => {
    const { category } = (await t.hook('crm.category.add', { entityTypeId: 2, fields: { name: 'Big', sort: 900 } }))
      .body.result as { category: { id: number } };
    for (const part of [0, 1]) {
      const cmd: Record<string, string> = {};
      for (let i = 0; i < 30; i++)
        cmd[`c${i}`] =
          `crm.item.add?entityTypeId=2&fields[title]=Big%20${part * 30 + i}&fields[categoryId]=${category.id}`;
      expect((await t.hook('batch', { halt: 0, cmd })).status).toBe(200);
    }
    await open(deals);
    fireEvent.click(await screen.findByRole('radio', { name: 'Big' }, LOAD));
    await waitFor(() => expect(column('New').getAttribute('data-stage-id')).toBe(`C${category.id}:NEW`), LOAD);
    const col = column('New');
    expect(within(col).getByLabelText('Records in this stage: 60')).toBeTruthy();
    expect(within(col).getAllByRole('article')).toHaveLength(50);
    // Newest first.
    expect(within(col).getAllByRole('article')[0]!.getAttribute('aria-label')).toBe('Big 59');
    fireEvent.click(within(col).getByRole('button', { name: 'Show more (10 not shown)' }));
    expect(within(col).getAllByRole('article')).toHaveLength(60);
    expect(within(col).queryByRole('button', { name: /Show more/ })).toBeNull();
  });

  it('says why the board could not load, in the user’s language, and loads on retry', async () => {
    await sandbox.force(400, { error: 'ACCESS_DENIED', error_description: 'Access denied!' }, 'crm.category.list');
    await open(deals, 'de');
    const alert = await screen.findByRole('alert', {}, LOAD);
    expect(alert.textContent).toContain('Access denied!');
    fireEvent.click(within(alert).getByRole('button', { name: 'Erneut versuchen' }));
    expect(await screen.findByRole('region', { name: 'Trichter' }, LOAD)).toBeTruthy();
  });
});
