// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/client.ts';
import { B24Provider, type Frame } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../data/data-provider.tsx';
import { tokenCaller } from '../../data/platform/testing/token-caller.ts';
import { storagesFromOptions } from '../../data/providers/card-storages.ts';
import { createQueryClient } from '../../data/query/query-client.ts';
import { createStorage } from '../../data/storage/storage-provider.ts';
import { EntitySyncStore } from '../../data/sync/entity-store.ts';
import { requests, sandboxClient, type LogEntry } from '../../data/testing/sandbox-client.ts';
import { cleanup, configure, fireEvent, renderWithProviders, screen, waitFor, within } from '../../ui/test-utils.tsx';
import StorageSection from './storage-section.tsx';

// The storage browser in happy-dom against a sandbox portal, on an application token as in the portal's
// frame (entity.* and app options refuse webhooks). Results are checked over REST, not only on screen.
configure({ asyncUtilTimeout: 5000, defaultHidden: true });

let t: TestSandbox;
let client: B24Client;
let frame: Frame;
const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const clearLog = () => t.raw('/sandbox/api/log', { method: 'DELETE' });

type Obj = Record<string, unknown>;
async function app<T = unknown>(method: string, params: Obj = {}): Promise<T> {
  const res = await t.app(method, params);
  if (res.body.error) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as T;
}
type Item = { ID: string; NAME: string; SECTION: string | null; PROPERTY_VALUES?: Record<string, string | null> };
/** Every item of a storage as the portal has it, by ID. */
async function itemsOf(entity: string): Promise<Item[]> {
  const out: Item[] = [];
  for (;;) {
    const page = await app<Item[]>('entity.item.get', {
      ENTITY: entity,
      SORT: { ID: 'ASC' },
      FILTER: { '>ID': out.at(-1)?.ID ?? 0 },
      start: -1,
    });
    out.push(...page);
    if (page.length < 50) return out;
  }
}

function open(withClient: B24Client = client) {
  // The app's QueryClient (its MutationCache refreshes what a write declares), retries off.
  const queryClient = createQueryClient({ retry: false });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={withClient} frame={frame} info={testInitInfo('DEFAULT')}>
      <DataProvider client={withClient} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<StorageSection />, { queryClient, wrapper });
}

/** Types into a labelled input. */
function type(label: string | RegExp, value: string, root: HTMLElement = document.body) {
  fireEvent.change(within(root).getByLabelText(label), { target: { value } });
}

/** Picks an option of a Mantine Select by its label. */
async function choose(label: string, option: string, root: HTMLElement = document.body) {
  const input = within(root).getByLabelText(label, { selector: 'input' });
  fireEvent.click(input);
  // Closed dropdowns stay in the DOM: pick from this input's own list.
  const list = await waitFor(() => document.getElementById(input.getAttribute('aria-controls') ?? '')!);
  fireEvent.click(await within(list).findByRole('option', { name: option }));
}

/** A CSV file as the file input hands it over. */
function upload(root: HTMLElement, name: string, text: string | Uint8Array<ArrayBuffer>) {
  const input = root.ownerDocument.querySelector('input[type="file"]') as HTMLInputElement;
  const file = new File([text], name, { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
}

beforeAll(async () => {
  t = await startTestSandbox();
  client = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1)));
});
afterAll(async () => t?.close());
beforeEach(async () => {
  frame = fakeFrame();
  await clearLog();
});
afterEach(cleanup);

describe('StorageSection', () => {
  it('explains that custom data needs the app’s token when the portal refuses a webhook', async () => {
    await open(sandboxClient(t).client);
    expect(await screen.findByText('Custom data needs the app itself')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('refuses them to inbound webhooks');
  });

  it('creates a storage with typed properties, naming the field of every invalid entry, and registers it', async () => {
    await open();
    expect(await screen.findByText('No storages yet')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New storage' }));
    const dialog = await screen.findByRole('dialog', { name: 'New storage' });
    type('Code of property 1', 'visit date', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create storage' }));
    expect(await within(dialog).findByText('Name: enter a name for the storage.')).toBeTruthy();
    expect(within(dialog).getByText('Code of property 1: use only letters, digits and _.')).toBeTruthy();

    type(/^Name(?! of)/, 'Site visits', dialog);
    // The code follows the name, cut to the portal's 13 characters.
    expect((within(dialog).getByLabelText(/^Code(?! of)/) as HTMLInputElement).value).toBe('site_visits');
    type('Code of property 1', 'deal', dialog);
    type('Name of property 1', 'Deal', dialog);
    await choose('Type of property 1', 'CRM item', dialog);
    for (const [n, code, name, kind] of [
      [2, 'visited', 'Visited on', 'Date'],
      [3, 'km', 'Distance', 'Number'],
      [4, 'owner', 'Visited by', 'User'],
    ] as const) {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Add property' }));
      type(`Code of property ${n}`, code, dialog);
      type(`Name of property ${n}`, name, dialog);
      await choose(`Type of property ${n}`, kind, dialog);
    }
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create storage' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New storage' })).toBeNull());
    expect(await screen.findByRole('heading', { name: 'Site visits' })).toBeTruthy();
    expect(screen.getByText('On CRM cards via deal')).toBeTruthy();

    const props = await app<{ PROPERTY: string; TYPE: string }[]>('entity.item.property.get', {
      ENTITY: 'site_visits',
    });
    expect(props.map((p) => `${p.PROPERTY}:${p.TYPE}`)).toEqual(['deal:S', 'visited:S', 'km:N', 'owner:N']);
    expect(
      storagesFromOptions({ 'kontor.storages': await app('app.option.get', { option: 'kontor.storages' }) }),
    ).toEqual([{ entity: 'site_visits', title: 'Site visits', crmProperty: 'deal' }]);
  });

  it('adds, edits and deletes items from a form built from the property types', async () => {
    const deal = (
      (await t.hook('crm.item.add', { entityTypeId: 2, fields: { title: 'Greenhouse roof' } })).body.result as {
        item: { id: number };
      }
    ).item.id;
    await open();
    fireEvent.click(await screen.findByRole('button', { name: 'New item' }));
    const dialog = await screen.findByRole('dialog', { name: 'New item' });
    type('Distance (km)', '12,5', dialog);
    type('Visited on (visited)', '2026-03-25', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create item' }));
    expect(await within(dialog).findByText('Name: enter a name for the item.')).toBeTruthy();
    expect(
      within(dialog).getByText('Distance (km): “12,5” is not a number (use a dot for decimals, e.g. 12.5).'),
    ).toBeTruthy();
    expect((await log()).filter((e) => e.method === 'entity.item.add' || e.batch?.includes('entity.item.add'))).toEqual(
      [],
    );

    type(/^Name/, '<b>First visit</b>', dialog);
    type('Distance (km)', '12.5', dialog);
    // The CRM item from the search, as the card tab will look for it.
    const crm = within(dialog).getByLabelText('Deal (deal)', { selector: 'input' });
    fireEvent.focus(crm);
    fireEvent.click(crm);
    fireEvent.change(crm, { target: { value: 'greenhouse' } });
    fireEvent.click(await screen.findByRole('option', { name: `Greenhouse roof (D_${deal})` }));
    // The user through the shared user picker (user.search).
    const owner = within(dialog).getByRole('combobox', { name: 'Visited by (owner)' });
    fireEvent.focus(owner);
    fireEvent.change(owner, { target: { value: 'sofie' } });
    fireEvent.click(await screen.findByRole('option', { name: /Sofie Lindqvist/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create item' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New item' })).toBeNull());

    const grid = await screen.findByRole('grid', { name: 'Items of Site visits' });
    expect(await within(grid).findByText('<b>First visit</b>')).toBeTruthy();
    expect(grid.querySelector('b')).toBeNull();
    expect(await within(grid).findByText(`Greenhouse roof (D_${deal})`)).toBeTruthy();
    expect(await within(grid).findByText('Sofie Lindqvist')).toBeTruthy();
    let [stored] = await itemsOf('site_visits');
    expect(stored).toMatchObject({
      NAME: '<b>First visit</b>',
      PROPERTY_VALUES: { deal: `D_${deal}`, visited: '2026-03-25', km: '12.5', owner: '3' },
    });

    fireEvent.click(within(grid).getByRole('button', { name: 'Edit <b>First visit</b>' }));
    const edit = await screen.findByRole('dialog', { name: 'Edit “<b>First visit</b>”' });
    type('Distance (km)', '40', edit);
    type('Visited on (visited)', '', edit);
    // Another CRM item through the portal's own CRM dialog (selectCRM).
    vi.mocked(frame.selectCrm).mockResolvedValueOnce([{ id: 'C_2', type: 'contact', title: 'Sam Hill' }]);
    fireEvent.click(within(edit).getByRole('button', { name: 'Choose a CRM item in Bitrix24' }));
    await waitFor(() => expect(frame.selectCrm).toHaveBeenCalledWith(['deal', 'contact', 'company', 'lead'], false));
    await waitFor(() =>
      expect((within(edit).getByLabelText('Deal (deal)', { selector: 'input' }) as HTMLInputElement).value).toMatch(
        /\(C_2\)$|^C_2$/,
      ),
    );
    fireEvent.click(within(edit).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    [stored] = await itemsOf('site_visits');
    expect(stored!.PROPERTY_VALUES).toMatchObject({ km: '40', visited: null, deal: 'C_2' });
    expect(await within(grid).findByText('40')).toBeTruthy();

    fireEvent.click(within(grid).getByRole('button', { name: 'Delete <b>First visit</b>' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete this item?' });
    expect(confirm.textContent).toContain('“<b>First visit</b>” will be deleted.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No items yet')).toBeTruthy();
    expect(await itemsOf('site_visits')).toEqual([]);
  });

  it('refuses a bad CSV file with line, column and value and writes nothing; imports a good one in batches', async () => {
    await open();
    // Enabled once the items are in (the section filter and the grid need them).
    const importButton = (await screen.findByRole('button', { name: 'Import CSV' })) as HTMLButtonElement;
    await waitFor(() => expect(importButton.disabled).toBe(false));
    fireEvent.click(importButton);
    let dialog = await screen.findByRole('dialog', { name: 'Import CSV into “Site visits”' });
    await clearLog();
    upload(dialog, 'bad.csv', 'NAME,km,colour\nGood,1,red\nBad,ten,blue\n');
    const table = await within(dialog).findByRole('table', { name: 'Problems by line' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['1', 'colour', 'colour', 'The storage has no property with this code.'],
      ['3', 'km', 'ten', 'Not a number (use a dot for decimals, e.g. 12.5).'],
    ]);
    expect(within(dialog).getByText('Nothing was imported')).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: /Start import/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(await log()).toEqual([]);

    // Not UTF-8 (Latin-1 "Århus"): refused before it is read as anything.
    upload(dialog, 'latin1.csv', new Uint8Array([0x4e, 0x41, 0x4d, 0x45, 0x0a, 0xc5, 0x72, 0x68, 0x75, 0x73]));
    expect(await within(dialog).findByText(/The file is not UTF-8 text/)).toBeTruthy();

    const lines = [
      'NAME;km;visited;owner',
      ...Array.from({ length: 60 }, (_, i) => `Imported ${i + 1};${i};2026-02-01;1`),
    ];
    upload(dialog, 'good.csv', lines.join('\r\n'));
    expect(await within(dialog).findByText('The file is fine: items to import: 60.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start import (60)' }));
    expect(await within(dialog).findByText('Items imported: 60', {}, { timeout: 10_000 })).toBeTruthy();
    expect(within(dialog).getByText('Written: 60 of 60')).toBeTruthy();
    const adds = (await log()).filter((e) => e.batch?.includes('entity.item.add'));
    expect(adds.map((e) => e.batch!.length)).toEqual([50, 10]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    const stored = await itemsOf('site_visits');
    expect(stored).toHaveLength(60);
    expect(stored.at(-1)).toMatchObject({
      NAME: 'Imported 60',
      PROPERTY_VALUES: { km: '59', visited: '2026-02-01', owner: '1' },
    });
    expect(await screen.findByText('Items: 60')).toBeTruthy();

    // Export what is shown: the header row of NAME and the property codes, then the values as stored.
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    type('Search', 'Imported 6');
    await waitFor(() => expect(screen.getByText('Shown: 2 of 60')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(click).toHaveBeenCalledTimes(1);
    const csv = await blobs[0]!.text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'NAME,deal,visited,km,owner',
      'Imported 6,,2026-02-01,5,1',
      'Imported 60,,2026-02-01,59,1',
    ]);
    create.mockRestore();
    click.mockRestore();

    // The exported file imports back as it is.
    fireEvent.click(screen.getByRole('button', { name: 'Import CSV' }));
    dialog = await screen.findByRole('dialog', { name: 'Import CSV into “Site visits”' });
    upload(dialog, 'export.csv', csv);
    expect(await within(dialog).findByText('The file is fine: items to import: 2.')).toBeTruthy();
  });

  it('keeps sections, filters the items by section and refuses to delete a section that holds items', async () => {
    await open();
    fireEvent.click(await screen.findByRole('tab', { name: /Sections/ }));
    type(/^Name/, 'North');
    fireEvent.click(screen.getByRole('button', { name: 'Add section' }));
    expect(await screen.findByRole('table', { name: 'Sections' })).toBeTruthy();
    const [section] = await app<{ ID: string }[]>('entity.section.get', { ENTITY: 'site_visits' });
    const [first] = await itemsOf('site_visits');
    await app('entity.item.update', { ENTITY: 'site_visits', ID: first!.ID, SECTION: section!.ID });
    // Another screen changed the items: open the storage afresh.
    cleanup();
    await open();
    fireEvent.click(await screen.findByRole('tab', { name: /Sections/ }));
    const remove = await screen.findByRole('button', { name: 'Delete section North' });
    await waitFor(() => expect((remove as HTMLButtonElement).disabled).toBe(true));
    fireEvent.click(screen.getByRole('tab', { name: 'Items' }));
    await choose('Section', 'North');
    expect(await screen.findByText('Shown: 1 of 60')).toBeTruthy();
  });

  it("shows Kontor's own sync storages read-only, and deletes a storage after asking", async () => {
    await new EntitySyncStore(client).ensureStorages();
    await createStorage(client, { entity: 'scratch', name: 'Scratch', properties: [] });
    await open();
    const nav = await screen.findByRole('navigation', { name: 'Storages' });
    fireEvent.click(await within(nav).findByRole('button', { name: /Kontor sync runs/ }));
    expect(await screen.findByText('Kept by Kontor’s sync')).toBeTruthy();
    expect(await screen.findByText('No items yet')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New item' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete storage' })).toBeNull();

    fireEvent.click(within(nav).getByRole('button', { name: /Scratch/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete storage' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete this storage?' });
    expect(confirm.textContent).toContain('“Scratch” (scratch) will be deleted');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete storage' }));
    await waitFor(() => expect(within(nav).queryByRole('button', { name: /Scratch/ })).toBeNull());
    const left = await app<{ ENTITY: string }[]>('entity.get');
    expect(left.map((s) => s.ENTITY)).not.toContain('scratch');
    expect(requests(await log())).toContain('entity.delete');
  });
});
