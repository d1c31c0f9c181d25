import { MutationObserver, QueryObserver, type MutationObserverOptions, type QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/client.ts';
import { BitrixError } from '../../b24/errors.ts';
import { tokenCaller } from '../platform/testing/token-caller.ts';
import { readCard } from '../providers/card-provider.ts';
import { storagesFromOptions } from '../providers/card-storages.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { storageKeys } from '../query/keys.ts';
import { createQueryClient } from '../query/query-client.ts';
import { requests, sandboxClient, type LogEntry } from '../testing/sandbox-client.ts';
import { storageItemsQueryOptions, storageQueryOptions, storagesQueryOptions } from './get-storages.ts';
import { checkValue, parseCrmCode, valueText } from './property-types.ts';
import { decodeCsv, itemsToCsv, parseItemsCsv } from './storage-csv.ts';
import {
  addItem,
  addItems,
  addProperty,
  addSection,
  createStorage,
  deleteItem,
  deleteProperty,
  deleteSection,
  deleteStorage,
  isAppContextRequired,
  listStorages,
  readItems,
  readStorage,
  renameProperty,
  renameSection,
  renameStorage,
  updateItem,
} from './storage-provider.ts';
import { EntitySyncStore, SYNC_STORAGES } from '../sync/entity-store.ts';
import { parseRegistry, readRegistry, schemaOf, withStorage, withoutStorage } from './storage-registry.ts';
import { importItemsOptions, storageContentOptions } from './storage-writes.ts';
import type { NewProperty, StorageProperty } from './types.ts';

// The storage module against a sandbox over HTTP with an application token (entity.* and app.option.*
// refuse webhooks, as on a real portal), round trips counted in the portal's request log.
let t: TestSandbox;
let client: B24Client;
const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const clearLog = () => t.raw('/sandbox/api/log', { method: 'DELETE' });

type Obj = Record<string, unknown>;
async function app<T = unknown>(method: string, params: Obj = {}): Promise<T> {
  const res = await t.app(method, params);
  if (res.body.error) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as T;
}
const newDeal = async (title: string) =>
  String(
    ((await t.hook('crm.item.add', { entityTypeId: 2, fields: { title } })).body.result as { item: { id: number } })
      .item.id,
  );
/** A streamed read of a storage's items: one request chaining 50 cursor pages (app/b24/client.ts `list`). */
const LIST_READ = `batch:${Array<string>(50).fill('entity.item.get').join(',')}`;
/** Runs a mutation the way useMutation does. */
const run = <R, V>(queryClient: QueryClient, options: unknown, variables: V) =>
  new MutationObserver(queryClient, options as MutationObserverOptions<R, Error, V>).mutate(variables);
const option = async () => app<string | null>('app.option.get', { option: 'kontor.storages' });

const VISIT_PROPS: NewProperty[] = [
  { code: 'deal', name: 'Deal', type: 'crm' },
  { code: 'visited', name: 'Visited on', type: 'date' },
  { code: 'km', name: 'Distance', type: 'number' },
  { code: 'report', name: 'Report', type: 'file' },
  { code: 'owner', name: 'Visited by', type: 'user' },
  { code: 'note', name: 'Note', type: 'string' },
];

beforeAll(async () => {
  t = await startTestSandbox();
  client = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1)));
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await clearLog();
});

describe('property types', () => {
  it.each([
    ['number', '12.5', '12.5'],
    ['number', ' -3 ', '-3'],
    ['date', '2024-02-29', '2024-02-29'],
    ['file', 'https://example.com/a.pdf', 'https://example.com/a.pdf'],
    ['crm', 'D_12', 'D_12'],
    ['crm', 'T40E_5', 'T40e_5'],
    ['user', '7', '7'],
    ['string', '  kept as typed ', '  kept as typed '],
    ['date', '', ''],
  ] as const)('%s %j fits', (type, raw, value) => {
    expect(checkValue(type, raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['number', '12,5'],
    ['number', 'ten'],
    ['date', '2026-02-30'],
    ['date', '25.03.2026'],
    ['file', 'javascript:alert(1)'],
    ['file', 'report.pdf'],
    ['crm', 'Q_1'],
    ['crm', 'T1_3'],
    ['crm', 'D_0'],
    ['user', '0'],
    ['user', 'anna'],
  ] as const)('%s %j does not', (type, raw) => {
    expect(checkValue(type, raw)).toEqual({ ok: false, problem: type });
  });

  it('reads CRM codes and shows stored numbers without float padding', () => {
    expect(parseCrmCode('CO_3')).toEqual({ code: 'CO_3', entityTypeId: 4, id: '3' });
    expect(parseCrmCode('T406_5')).toEqual({ code: 'T406_5', entityTypeId: 1030, id: '5' });
    expect(valueText('number', '12.5000')).toBe('12.5');
    expect(valueText('number', '40')).toBe('40');
    expect(valueText('user', '7.0000')).toBe('7');
    expect(valueText('string', ['a', 'b'])).toBe('a, b');
    expect(valueText('string', null)).toBe('');
  });
});

describe('kontor.storages registry', () => {
  it('keeps the card tab format, one entry per CRM property, and what others wrote', () => {
    const foreign = { entity: 'syncruns', title: 'Runs', readOnly: true, by: 'sync' };
    const entries = withStorage(parseRegistry(JSON.stringify([foreign, { entity: 'visits', title: 'Old', x: 1 }])), {
      entity: 'visits',
      title: 'Visits',
      properties: [
        { code: 'deal', type: 'crm' },
        { code: 'contact', type: 'crm' },
        { code: 'visited', type: 'date' },
      ],
    });
    expect(entries).toEqual([
      foreign,
      {
        x: 1,
        entity: 'visits',
        title: 'Visits',
        crmProperty: 'deal',
        properties: [
          { code: 'deal', type: 'crm' },
          { code: 'contact', type: 'crm' },
          { code: 'visited', type: 'date' },
        ],
      },
      { x: 1, entity: 'visits', title: 'Visits', crmProperty: 'contact' },
    ]);
    // The card tab's reader sees both CRM properties and skips the storage without one.
    expect(storagesFromOptions({ 'kontor.storages': JSON.stringify(entries) })).toEqual([
      { entity: 'visits', title: 'Visits', crmProperty: 'deal' },
      { entity: 'visits', title: 'Visits', crmProperty: 'contact' },
    ]);
    expect(schemaOf(entries, 'visits')).toEqual({
      title: 'Visits',
      types: { deal: 'crm', contact: 'crm', visited: 'date' },
      crmProperties: ['deal', 'contact'],
      readOnly: false,
    });
    expect(schemaOf(entries, 'syncruns')?.readOnly).toBe(true);
    expect(withoutStorage(entries, 'visits')).toEqual([foreign]);
    expect(parseRegistry('{broken')).toEqual([]);
    expect(parseRegistry([{ title: 'no entity' }, 'x', null])).toEqual([]);
  });
});

describe('storages over entity.*', () => {
  it('is refused over a webhook, and says why', async () => {
    const hook = sandboxClient(t).client;
    const error = await listStorages(hook).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BitrixError);
    expect(error).toMatchObject({ code: 'ACCESS_DENIED' });
    expect(isAppContextRequired(error)).toBe(true);
    expect(isAppContextRequired(new BitrixError('ACCESS_DENIED', 'Access denied', 403))).toBe(false);
  });

  it('creates a storage with typed properties and registers it for the card tab (4 requests)', async () => {
    await app('app.option.set', {
      options: { 'kontor.storages': JSON.stringify([{ entity: 'foreign', title: 'Kept', crmProperty: 'x' }]) },
    });
    await clearLog();
    const report = await createStorage(client, { entity: 'visits', name: ' Visits ', properties: VISIT_PROPS });
    expect(report).toEqual({ entity: 'visits', propertyFailures: [], registryError: null });
    expect(requests(await log())).toEqual([
      'entity.add',
      `batch:${Array<string>(6).fill('entity.item.property.add').join(',')}`,
      'app.option.get',
      'app.option.set',
    ]);
    // The portal keeps S/N only; Kontor's types are in the registry.
    const portalTypes = await app<{ PROPERTY: string; TYPE: string }[]>('entity.item.property.get', {
      ENTITY: 'visits',
    });
    expect(Object.fromEntries(portalTypes.map((p) => [p.PROPERTY, p.TYPE]))).toEqual({
      deal: 'S',
      visited: 'S',
      km: 'N',
      report: 'S',
      owner: 'N',
      note: 'S',
    });
    const stored = await option();
    expect(typeof stored).toBe('string');
    expect(storagesFromOptions({ 'kontor.storages': stored })).toEqual([
      { entity: 'foreign', title: 'Kept', crmProperty: 'x' },
      { entity: 'visits', title: 'Visits', crmProperty: 'deal' },
    ]);
  });

  it('reads a storage in one request: typed properties, sections, CRM properties', async () => {
    await clearLog();
    const detail = await readStorage(client, 'visits');
    expect(requests(await log())).toEqual([
      'batch:app.option.get,entity.get,entity.item.property.get,entity.section.get',
    ]);
    expect(detail).toMatchObject({ entity: 'visits', name: 'Visits', registered: true, readOnly: false });
    expect(detail.properties.map((p) => [p.code, p.name, p.type, p.bitrixType])).toEqual([
      ['deal', 'Deal', 'crm', 'S'],
      ['visited', 'Visited on', 'date', 'S'],
      ['km', 'Distance', 'number', 'N'],
      ['report', 'Report', 'file', 'S'],
      ['owner', 'Visited by', 'user', 'N'],
      ['note', 'Note', 'string', 'S'],
    ]);
    expect(detail.crmProperties).toEqual(['deal']);
    const all = await listStorages(client);
    expect(all.map((s) => [s.entity, s.registered])).toEqual([['visits', true]]);
    await expect(readStorage(client, 'nosuch')).rejects.toMatchObject({ code: 'ERROR_ENTITY_NOT_FOUND' });
  });

  it('round-trips every type through items: add, read, update, delete (one request each)', async () => {
    const { properties } = await readStorage(client, 'visits');
    const dealId = await newDeal('Typed deal');
    const values = {
      deal: `D_${dealId}`,
      visited: '2026-03-25',
      km: '12.5',
      report: 'https://files.example.com/report.pdf?v=2',
      owner: '3',
      note: 'Bring <b>the</b> ladder',
    };
    await clearLog();
    const added = await addItem(client, 'visits', properties, { name: 'Site visit', sectionId: null, values });
    expect(requests(await log())).toEqual(['batch:entity.item.add,entity.item.get']);
    expect(added).toMatchObject({ name: 'Site visit', sectionId: null, values, active: true });

    const [read] = await readItems(client, 'visits', properties);
    expect(read).toEqual(added);

    await clearLog();
    const updated = await updateItem(client, 'visits', properties, added.id, {
      name: 'Second visit',
      sectionId: null,
      values: { ...values, km: '40', note: '' },
    });
    expect(requests(await log())).toEqual(['batch:entity.item.get,entity.item.update']);
    expect(updated.values).toEqual({ ...values, km: '40', note: '' });
    expect(updated.name).toBe('Second visit');

    const extra = await addItem(client, 'visits', properties, { name: 'Gone soon', sectionId: null, values: {} });
    await deleteItem(client, 'visits', extra.id);
    expect((await readItems(client, 'visits', properties)).map((i) => i.id)).toEqual([added.id]);
  });

  it('shows an item that references a deal on that deal’s card, as the card tab reads kontor.storages', async () => {
    const { properties } = await readStorage(client, 'visits');
    const dealId = await newDeal('Card deal');
    await addItem(client, 'visits', properties, {
      name: 'Visit for the card',
      sectionId: null,
      values: { deal: `D_${dealId}`, visited: '2026-04-01' },
    });
    // The frame sends the app options with its init data; the card tab reads them from there.
    const storages = storagesFromOptions({ 'kontor.storages': await option() });
    const card = await readCard(client, 2, dealId, { storages, dealStages: false });
    const visits = card.customData.find((c) => c.storage.entity === 'visits')!;
    expect(visits.items.ok).toBe(true);
    expect(visits.items.ok && visits.items.data.map((i) => [i.name, i.values.visited])).toEqual([
      ['Visit for the card', '2026-04-01'],
    ]);
  });

  it('keeps the registry in step: rename, property added, renamed and deleted', async () => {
    await renameStorage(client, 'visits', 'Site visits');
    expect(schemaOf(await readRegistry(client), 'visits')?.title).toBe('Site visits');

    expect(await addProperty(client, 'visits', { code: 'contact', name: 'Contact', type: 'crm' })).toEqual({
      registryError: null,
    });
    await renameProperty(client, 'visits', 'contact', 'Contact person');
    let detail = await readStorage(client, 'visits');
    expect(detail.crmProperties).toEqual(['deal', 'contact']);
    expect(detail.properties.find((p) => p.code === 'contact')).toMatchObject({ name: 'Contact person', type: 'crm' });
    expect(storagesFromOptions({ 'kontor.storages': await option() }).map((s) => s.crmProperty)).toEqual([
      'x',
      'deal',
      'contact',
    ]);

    await deleteProperty(client, 'visits', 'contact');
    detail = await readStorage(client, 'visits');
    expect(detail.properties.map((p) => p.code)).not.toContain('contact');
    expect(schemaOf(await readRegistry(client), 'visits')?.crmProperties).toEqual(['deal']);
  });

  it('keeps sections: add, nest, rename, delete', async () => {
    const north = await addSection(client, 'visits', { name: 'North', parentId: null });
    const city = await addSection(client, 'visits', { name: 'City', parentId: north });
    await renameSection(client, 'visits', north, 'North region');
    let { sections } = await readStorage(client, 'visits');
    expect(sections.map((s) => [s.name, s.parentId])).toEqual([
      ['City', north],
      ['North region', null],
    ]);
    await deleteSection(client, 'visits', city);
    ({ sections } = await readStorage(client, 'visits'));
    expect(sections.map((s) => s.id)).toEqual([north]);
  });

  it('types a property the registry does not know from the portal, and a mismatching schema type too', async () => {
    await app('entity.add', { ENTITY: 'handmade', NAME: 'Made elsewhere' });
    await app('entity.item.property.add', { ENTITY: 'handmade', PROPERTY: 'qty', NAME: 'Qty', TYPE: 'N' });
    await app('entity.item.property.add', { ENTITY: 'handmade', PROPERTY: 'scan', NAME: 'Scan', TYPE: 'F' });
    const detail = await readStorage(client, 'handmade');
    expect(detail.registered).toBe(false);
    expect(detail.properties.map((p) => [p.code, p.type, p.readOnly])).toEqual([
      ['qty', 'number', false],
      ['scan', 'file', true],
    ]);
    // Renaming it registers it with the types Kontor reads it with.
    await renameStorage(client, 'handmade', 'Handmade');
    expect(schemaOf(await readRegistry(client), 'handmade')?.types).toEqual({ qty: 'number', scan: 'file' });
    // A schema claiming "date" for an N property is not believed.
    await app('app.option.set', {
      options: {
        'kontor.storages': JSON.stringify([
          ...(await readRegistry(client)).filter((e) => e.entity !== 'handmade'),
          { entity: 'handmade', title: 'Handmade', properties: [{ code: 'qty', type: 'date' }] },
        ]),
      },
    });
    expect((await readStorage(client, 'handmade')).properties[0]!.type).toBe('number');
    // Deleting it takes it out of the registry; the other entries stay.
    expect(await deleteStorage(client, 'handmade')).toEqual({ registryError: null });
    expect((await listStorages(client)).map((s) => s.entity)).not.toContain('handmade');
    expect((await readRegistry(client)).map((e) => e.entity)).toEqual(['foreign', 'visits']);
  });

  it("lists the sync engine's own storages read-only, like any other", async () => {
    await new EntitySyncStore(client).ensureStorages();
    const all = await listStorages(client);
    const sync = all.filter((s) => s.managedBy === 'sync');
    expect(sync.map((s) => s.entity).sort()).toEqual(
      Object.values(SYNC_STORAGES)
        .map((s) => s.entity)
        .sort(),
    );
    expect(sync.every((s) => s.readOnly)).toBe(true);
    const runs = await readStorage(client, SYNC_STORAGES.runs.entity);
    expect(runs).toMatchObject({ readOnly: true, managedBy: 'sync', registered: false });
    expect(runs.properties.map((p) => p.code)).toContain('STATUS');
    expect(all.find((s) => s.entity === 'visits')).toMatchObject({ readOnly: false, managedBy: null });
  });

  it('reports a registration it could not write (not an administrator), the storage exists anyway', async () => {
    const user = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(3)));
    const report = await createStorage(user, {
      entity: 'userlog',
      name: 'User log',
      properties: [{ code: 'deal', name: 'Deal', type: 'crm' }],
    });
    expect(report.propertyFailures).toEqual([]);
    expect(report.registryError).toBeInstanceOf(BitrixError);
    expect((await listStorages(client)).map((s) => s.entity)).toContain('userlog');
    expect(schemaOf(await readRegistry(client), 'userlog')).toBeNull();
    await deleteStorage(client, 'userlog');
  });
});

describe('CSV', () => {
  let properties: StorageProperty[];
  beforeAll(async () => {
    await createStorage(client, { entity: 'csvsrc', name: 'CSV source', properties: VISIT_PROPS });
    await createStorage(client, { entity: 'csvdst', name: 'CSV target', properties: VISIT_PROPS });
    ({ properties } = await readStorage(client, 'csvsrc'));
  });

  it('exports, then imports into another storage: every value arrives as it left (3 requests for 120 rows)', async () => {
    const dealId = await newDeal('CSV deal');
    const inputs = Array.from({ length: 120 }, (_, i) => ({
      name: i === 0 ? 'Quoted, "comma" name\nwith a line break' : `Row ${i + 1}`,
      sectionId: null,
      values: {
        deal: i % 2 ? `D_${dealId}` : '',
        visited: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
        km: String(i * 1.5),
        report: i % 3 ? '' : `https://files.example.com/${i}.pdf`,
        owner: i % 4 ? '1' : '3',
        note: i === 1 ? 'Søren; naïve – «ok»' : '',
      },
    }));
    const written = await addItems(client, 'csvsrc', inputs);
    expect(written.failures).toEqual([]);
    const source = await readItems(client, 'csvsrc', properties);
    const csv = itemsToCsv(properties, source);
    expect(csv.split('\r\n')[0]).toBe('NAME,deal,visited,km,report,owner,note');

    const bytes = new TextEncoder().encode(`\uFEFF${csv}`);
    const decoded = decodeCsv(bytes);
    expect(decoded.ok).toBe(true);
    const parsed = parseItemsCsv(decoded.ok ? decoded.text : '', properties);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.rows).toHaveLength(120);
    // The first row spans two lines (quoted line break): the second row is on line 4.
    expect(parsed.rows.slice(0, 2).map((r) => r.line)).toEqual([2, 4]);

    await clearLog();
    const progress: number[] = [];
    const result = await addItems(
      client,
      'csvdst',
      parsed.rows.map((r) => r.input),
      { onProgress: (p) => progress.push(p.done) },
    );
    expect(result.failures).toEqual([]);
    expect(progress).toEqual([0, 50, 100, 120]);
    expect((await log()).map((e) => e.batch?.length)).toEqual([50, 50, 20]);
    const target = await readItems(client, 'csvdst', properties);
    const strip = (items: typeof target) => items.map(({ name, values }) => ({ name, values }));
    expect(strip(target)).toEqual(strip(source));
  });

  it('refuses a bad file with line, field and value — and writes nothing', async () => {
    const before = await readItems(client, 'csvdst', properties);
    const csv = [
      'NAME;km;visited;colour;deal',
      'Fine;1.5;2026-01-01;red;D_1',
      ';abc;2026-13-01;blue;Q_7',
      'Short;2',
    ].join('\n');
    const parsed = parseItemsCsv(csv, properties);
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { line: 1, field: 'colour', value: 'colour', kind: 'unknownColumn' },
        { line: 3, field: 'NAME', value: '', kind: 'nameRequired' },
        { line: 3, field: 'km', value: 'abc', kind: 'number' },
        { line: 3, field: 'visited', value: '2026-13-01', kind: 'date' },
        { line: 3, field: 'deal', value: 'Q_7', kind: 'crm' },
        { line: 4, field: '', value: '2', kind: 'columnCount' },
      ],
    });
    expect(parseItemsCsv('km\n1', properties)).toEqual({
      ok: false,
      problems: [{ line: 1, field: 'NAME', value: '', kind: 'noNameColumn' }],
    });
    expect(parseItemsCsv('NAME,km,KM\nA,1,2', properties)).toMatchObject({
      ok: false,
      problems: [{ line: 1, field: 'KM', kind: 'duplicateColumn' }],
    });
    expect(parseItemsCsv('', properties)).toMatchObject({ ok: false, problems: [{ kind: 'empty' }] });
    expect(decodeCsv(new Uint8Array([0x4e, 0x41, 0x4d, 0x45, 0x0a, 0xc5, 0x72, 0x68, 0x75, 0x73]))).toMatchObject({
      ok: false,
      problem: { kind: 'encoding' },
    });
    expect(await readItems(client, 'csvdst', properties)).toEqual(before);
  });

  it('imports through the query layer, into the chosen section, and re-reads the items once', async () => {
    const queryClient = createQueryClient({ retry: false });
    const source: DataSource = createDataSource(client);
    const section = await addSection(client, 'csvdst', { name: 'Imported', parentId: null });
    const parsed = parseItemsCsv('NAME,note\nOne,first\nTwo,second', properties, section);
    if (!parsed.ok) throw new Error('refused');
    const observer = new QueryObserver(queryClient, storageItemsQueryOptions(source, 'csvdst'));
    const stop = observer.subscribe(() => undefined);
    await expect.poll(() => observer.getCurrentResult().status).toBe('success');
    const count = observer.getCurrentResult().data!.length;
    await clearLog();
    const result = await run(queryClient, importItemsOptions(source, 'csvdst'), { rows: parsed.rows });
    expect(result).toEqual({ added: 2, failed: [], notAttempted: [], stoppedBy: null });
    await expect.poll(() => observer.getCurrentResult().data?.length).toBe(count + 2);
    const imported = observer.getCurrentResult().data!.slice(-2);
    expect(imported.map((i) => [i.name, i.sectionId, i.values.note])).toEqual([
      ['One', section, 'first'],
      ['Two', section, 'second'],
    ]);
    // The write, then the items read again.
    expect(requests(await log())).toEqual(['batch:entity.item.add,entity.item.add', LIST_READ]);
    stop();
  });
});

describe('query layer', () => {
  it('opens a storage cold in two parallel requests and patches its items after a write', async () => {
    const queryClient = createQueryClient({ retry: false });
    const source = createDataSource(client);
    await clearLog();
    const detail = new QueryObserver(queryClient, storageQueryOptions(source, 'visits'));
    const items = new QueryObserver(queryClient, storageItemsQueryOptions(source, 'visits'));
    const stops = [detail.subscribe(() => undefined), items.subscribe(() => undefined)];
    await expect.poll(() => items.getCurrentResult().status).toBe('success');
    expect(requests(await log()).sort()).toEqual([
      'batch:app.option.get,entity.get,entity.item.property.get,entity.section.get',
      LIST_READ,
    ]);
    const before = items.getCurrentResult().data!.length;
    await clearLog();
    const item = await run(queryClient, storageContentOptions(source, 'visits').addItem, {
      name: 'Added through the cache',
      sectionId: null,
      values: { km: '3' },
    });
    expect(queryClient.getQueryData(storageKeys.items('visits'))).toContainEqual(item);
    expect(items.getCurrentResult().data).toHaveLength(before + 1);
    // One request: the add and its read-back; no re-read of the list.
    expect(requests(await log())).toEqual(['batch:entity.item.add,entity.item.get']);
    await expect(queryClient.fetchQuery(storagesQueryOptions(source))).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ entity: 'visits', name: 'Site visits' })]),
    );
    stops.forEach((s) => s());
  });
});
