// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
// The Product catalog screen against a sandbox portal over HTTP with an application token (profiles and the
// run log live in entity.* storages): profile → upload → mapping → dry run → apply, a refused feed, and a
// cancelled run resumed without duplicates — each checked over REST.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client, B24Provider } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { createQueryClient, DataProvider } from '../../data/index.ts';
import { tokenCaller } from '../../data/platform/testing/token-caller.ts';
import { EntitySyncStore } from '../../data/sync/entity-store.ts';
import { cleanup, configure, fireEvent, renderWithProviders, screen, waitFor, within } from '../../ui/test-utils.tsx';
import CatalogSection from './catalog-section.tsx';

const FEEDS = join(import.meta.dirname, '..', '..', '..', 'e2e', 'fixtures', 'feeds');

let t: TestSandbox;
let client: B24Client;
let iblockId: number;
let priceTypeId: number;

const hook = async <R,>(method: string, params: Record<string, unknown> = {}) => {
  const res = await t.hook(method, params);
  if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as R;
};

interface Product {
  id: number;
  xmlId: string;
  name: string;
  active: string;
  iblockSectionId: number | null;
  quantity: number | null;
}
async function products(xmlIds?: string[]): Promise<Product[]> {
  const out: Product[] = [];
  for (let start = 0; ; start += 50) {
    const page = await hook<{ products: Product[] }>('catalog.product.list', {
      select: ['id', 'iblockId', 'xmlId', 'name', 'active', 'iblockSectionId', 'quantity'],
      filter: { iblockId, ...(xmlIds ? { xmlId: xmlIds } : {}) },
      order: { id: 'ASC' },
      start,
    });
    out.push(...page.products);
    if (page.products.length < 50) return out;
  }
}
const priceOf = async (productId: number) =>
  (
    await hook<{ prices: { price: number; currency: string }[] }>('catalog.price.list', {
      filter: { productId, catalogGroupId: priceTypeId },
    })
  ).prices[0];

function open() {
  // The app's QueryClient: a write's `meta.invalidates` refreshes profiles and the run log, as in the portal.
  const queryClient = createQueryClient({ retry: false });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={client} frame={fakeFrame()} info={testInitInfo('DEFAULT')}>
      <DataProvider client={client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<CatalogSection />, { queryClient, wrapper });
}

/** Chooses a file in the screen's file input (once the screen shows it), as the browser hands it over. */
async function upload(container: HTMLElement, name: string, body: Uint8Array | string) {
  const input = await waitFor(() => {
    const found = container.querySelector<HTMLInputElement>('input[type="file"]');
    if (!found) throw new Error('no file input yet');
    return found;
  });
  fireEvent.change(input, { target: { files: [new File([body as BlobPart], name, { type: 'text/csv' })] } });
}

/** The input of a labelled field (a Mantine Select's label also names its option list). */
const field = (label: string) =>
  screen.getAllByLabelText(label).find((el): el is HTMLInputElement => el instanceof HTMLInputElement)!;

/** Picks an option of a Mantine Select by the select's label. */
async function choose(label: string, option: string) {
  fireEvent.click(field(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

const counts = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((i) => i.textContent);

beforeAll(async () => {
  configure({ asyncUtilTimeout: 10_000 });
  t = await startTestSandbox({ seed: 'none' });
  client = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1)));
  const catalogs = await hook<{ catalogs: { iblockId: number; productIblockId: number | null }[] }>(
    'catalog.catalog.list',
    { select: ['id', 'iblockId', 'productIblockId'] },
  );
  iblockId = catalogs.catalogs.find((c) => !c.productIblockId)!.iblockId;
  const types = await hook<{ priceTypes: { id: number; base: string }[] }>('catalog.priceType.list', {
    select: ['id', 'base'],
  });
  priceTypeId = types.priceTypes.find((p) => p.base === 'Y')!.id;
  // On the portal already: a chair the feed updates, and an old product a full feed deactivates.
  const chair = await hook<{ element: { id: number } }>('catalog.product.add', {
    fields: { iblockId, name: 'Ergonomic chair', xmlId: 'CHAIR-200', active: 'Y' },
  });
  await hook('catalog.price.add', {
    fields: { productId: chair.element.id, catalogGroupId: priceTypeId, price: 999, currency: 'DKK' },
  });
  await hook('catalog.product.add', { fields: { iblockId, name: 'Old stool', xmlId: 'OLD-1', active: 'Y' } });
});
afterAll(async () => t?.close());
beforeEach(() => {
  // happy-dom lays nothing out: give elements a size, so the virtualised plan renders the rows in view.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(560);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// Each test drives a whole sync through the UI; on a busy machine that takes longer than the default 30 s.
describe('CatalogSection', { timeout: 90_000 }, () => {
  it('creates a profile, maps an ERP feed, shows the dry run field by field and applies it', async () => {
    const view = await open();
    fireEvent.click(await screen.findByRole('button', { name: 'New profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'New sync profile' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Name/ }), { target: { value: 'ERP' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Deactivate products missing from the feed' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await new EntitySyncStore(client).getProfile('ERP')).toMatchObject({ kind: 'catalog', fullFeed: true });

    // A Danish ERP export: semicolons, decimal commas, and an ID column the header names do not give away.
    await upload(view.container, 'erp-export.csv', readFileSync(join(FEEDS, 'catalog-small.csv')));
    const mapping = await screen.findByRole('table', { name: 'Column mapping' });
    expect(screen.getByText('Rows: 3 · columns: 7')).toBeTruthy();
    expect(field('Delimiter')).toHaveProperty('value', 'Detected: Semicolon ;');
    expect(field('Decimal mark')).toHaveProperty('value', 'Detected: Comma 1,5');
    expect(field('Product field for name')).toHaveProperty('value', 'Name');
    expect(field('Product field for colour')).toHaveProperty('value', '— Ignore this column —');
    expect(screen.getByText(/Map one column to "External ID"/)).toBeTruthy();
    await choose('Product field for Artikelnr', 'External ID');
    expect(within(mapping).getAllByLabelText('Product field for Artikelnr')[0]).toHaveProperty('value', 'External ID');

    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    const plan = await screen.findByRole('list', { name: 'Planned changes' });
    expect(counts(plan)).toEqual(['2Create', '1Update', '1Deactivate', '0Unchanged', '0Conflict', '3New sections']);
    const table = screen.getByRole('table', { name: 'Planned changes per product' });
    const chair = table.querySelector<HTMLElement>('[data-external-id="CHAIR-200"]')!;
    expect(chair.dataset.action).toBe('update');
    expect(chair.textContent).toContain('Price: 999 → 1,299.5');
    expect(chair.textContent).toContain('Section path: — → Office/Chairs');
    expect(table.querySelector('[data-external-id="OLD-1"]')!.textContent).toContain('Active: Y → N');
    // The mapping is kept in the profile for the next run (and the CLI).
    const saved = await new EntitySyncStore(client).getProfile('ERP');
    expect(saved?.mapping?.columns).toMatchObject({ Artikelnr: 'externalId', name: 'name', colour: 'ignore' });
    expect(saved?.source).toMatchObject({});
    // Filter: only the creates.
    fireEvent.click(screen.getByRole('radio', { name: 'Create (2)' }));
    await waitFor(() => expect(table.querySelectorAll('[data-external-id]')).toHaveLength(2));
    // Nothing written yet.
    expect(await products(['DESK-100'])).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const result = await screen.findByRole('region', { name: 'Result of the run' });
    expect(await within(result).findByText('Everything was written.')).toBeTruthy();
    expect(counts(within(result).getByRole('list', { name: 'Counts' }))).toEqual([
      '2Created',
      '1Updated',
      '1Deactivated',
      '0Failed',
      '0Not written',
      '3Sections created',
    ]);

    const written = await products(['DESK-100', 'CHAIR-200', 'LAMP-300', 'OLD-1']);
    const byXml = Object.fromEntries(written.map((p) => [p.xmlId, p]));
    expect(written).toHaveLength(4);
    expect(byXml['DESK-100']).toMatchObject({ name: 'Standing desk', active: 'Y', quantity: 12 });
    expect(await priceOf(byXml['DESK-100']!.id)).toMatchObject({ price: 4995, currency: 'DKK' });
    expect(await priceOf(byXml['CHAIR-200']!.id)).toMatchObject({ price: 1299.5, currency: 'DKK' });
    expect(await priceOf(byXml['LAMP-300']!.id)).toMatchObject({ price: 249.95, currency: 'EUR' });
    expect(byXml['OLD-1']!.active).toBe('N');
    const sections = await hook<{ sections: { id: number; name: string }[] }>('catalog.section.list', {
      select: ['id', 'name'],
      filter: { iblockId },
    });
    expect(sections.sections.find((s) => s.id === byXml['DESK-100']!.iblockSectionId)?.name).toBe('Desks');

    const runs = await new EntitySyncStore(client).listRuns({ profile: 'ERP' });
    expect(runs[0]).toMatchObject({ status: 'done', dryRun: false });
    expect(runs[0]!.counts).toMatchObject({ created: 2, updated: 1, deactivated: 1, failed: 0 });
  });

  it('lists a bad feed’s faults with line, column and value before anything is written', async () => {
    const before = (await products()).length;
    const view = await open();
    await upload(view.container, 'bad.csv', readFileSync(join(FEEDS, 'catalog-bad.csv')));
    await screen.findByRole('table', { name: 'Column mapping' });
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    const problems = await screen.findByRole('table', { name: 'Problems in the feed' });
    const rows = within(problems)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['3', 'price', 'abc'],
      ['4', 'price', '-5'],
      ['4', 'currency', 'XYZ'],
      ['5', 'external_id', 'CHAIR-200'],
    ]);
    expect(screen.getByText('Nothing was written. Correct the feed (or the mapping) and try again.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
    expect((await products()).length).toBe(before);
  });

  it('cancels a run, says exactly what was and was not written, and resumes it without duplicates', async () => {
    const store = new EntitySyncStore(client);
    await store.saveProfile({ name: 'Bulk', kind: 'catalog' });
    const feed = `external_id,name,price\n${Array.from({ length: 60 }, (_, i) => `BULK-${i + 1},Bulk item ${i + 1},${10 + i}`).join('\n')}\n`;
    // Every request takes 1.5 s, so the run is still writing when Cancel is pressed, even on a busy machine.
    await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ latency: 1500 }) });
    try {
      const view = await open();
      await screen.findByRole('button', { name: 'New profile' });
      await choose('Sync profile', 'Bulk');
      await upload(view.container, 'bulk.csv', feed);
      await screen.findByRole('table', { name: 'Column mapping' });
      fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
      await screen.findByRole('list', { name: 'Planned changes' });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
      const progress = await screen.findByRole('region', { name: 'Sync in progress' });
      await waitFor(() => expect(within(progress).getByTestId('apply-counts').textContent).toMatch(/^[1-9]\d* of 60/));
      fireEvent.click(within(progress).getByRole('button', { name: 'Cancel' }));

      const result = await screen.findByRole('region', { name: 'Result of the run' });
      expect(within(result).getByText('Cancelled: only part was written.')).toBeTruthy();
      const [created, , , , notWritten] = counts(within(result).getByRole('list', { name: 'Counts' }));
      const done = Number.parseInt(created!, 10);
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(60);
      expect(notWritten).toBe(`${60 - done}Not written`);
      expect(within(result).getByText(`Written: ${done}`)).toBeTruthy();
      expect(within(result).getByText(`Not written: ${60 - done}`)).toBeTruthy();
      const bulk = () => products(Array.from({ length: 60 }, (_, i) => `BULK-${i + 1}`));
      expect(await bulk()).toHaveLength(done);
      cleanup();

      // Opened again later: the unfinished run is offered, and the same feed continues it.
      await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ latency: 0 }) });
      const again = await open();
      expect(await screen.findByText('Unfinished run of "Bulk"')).toBeTruthy();
      expect(screen.getByText(`Last saved`, { exact: false }).textContent).toContain(`${done} of 60 written`);
      await upload(again.container, 'bulk.csv', feed);
      await screen.findByRole('table', { name: 'Column mapping' });
      fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
      const plan = await screen.findByRole('list', { name: 'Planned changes' });
      expect(counts(plan).slice(0, 4)).toEqual([`${60 - done}Create`, '0Update', '0Deactivate', `${done}Unchanged`]);
      expect(screen.getByText(/The same feed as the unfinished run/)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
      const finished = await screen.findByRole('region', { name: 'Result of the run' });
      expect(await within(finished).findByText('Everything was written.')).toBeTruthy();

      const all = await bulk();
      expect(all).toHaveLength(60);
      expect(new Set(all.map((p) => p.xmlId)).size).toBe(60);
      const [last] = await store.listRuns({ profile: 'Bulk', limit: 1 });
      expect(last).toMatchObject({ status: 'done' });
      expect(last!.counts).toMatchObject({ created: 60, failed: 0 });
      await waitFor(() => expect(screen.queryByText('Unfinished run of "Bulk"')).toBeNull());
    } finally {
      await t.raw('/sandbox/api/config', { method: 'POST', body: JSON.stringify({ latency: 0 }) });
    }
  });

  it('downloads the webshop feed as kontor-catalog.json with prices in the chosen currency', async () => {
    const created = vi.spyOn(URL, 'createObjectURL');
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      await open();
      fireEvent.click(await screen.findByRole('tab', { name: 'Webshop feed' }));
      await choose('Prices in', 'EUR — Euro');
      fireEvent.click(screen.getByRole('button', { name: 'Download kontor-catalog.json' }));
      await waitFor(() => expect(clicked).toHaveBeenCalled());
      const link = clicked.mock.instances[0] as unknown as HTMLAnchorElement;
      expect(link.download).toBe('kontor-catalog.json');
      const blob = created.mock.calls[0]![0] as Blob;
      const body = JSON.parse(await blob.text()) as {
        currency: string;
        products: { externalId: string; price: number }[];
      };
      expect(body.currency).toBe('EUR');
      const desk = body.products.find((p) => p.externalId === 'DESK-100');
      expect(desk?.price).toBe(Math.round((4995 / 7.4604) * 100) / 100);
      expect(body.products.some((p) => p.externalId === 'OLD-1')).toBe(false);
      expect(screen.getByRole('status').textContent).toMatch(/^Products: \d+ · kontor-catalog\.json · prices in EUR$/);
    } finally {
      created.mockRestore();
      clicked.mockRestore();
    }
  });
});
