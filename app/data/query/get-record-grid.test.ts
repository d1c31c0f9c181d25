import type { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/client.ts';
import { getUserOption, setUserOption, userOptionQueryOptions } from '../platform/options.ts';
import { tokenCaller } from '../platform/testing/token-caller.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { compileGridFilter } from '../providers/grid-filter.ts';
import { streamRecords, type RecordChunk } from '../providers/record-stream.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { GridParams, GridResult } from '../types.ts';
import { patchRecord } from './cache.ts';
import { fieldsQueryOptions } from './get-fields.ts';
import { GRID_DATA_MARK, recordGridQueryOptions } from './get-record-grid.ts';
import { gridColumnsOption, parseGridColumns } from './grid-columns.ts';
import { gridKeys, recordKeys } from './keys.ts';
import { createQueryClient } from './query-client.ts';

// The grid's bulk read against a sandbox portal: the demo's 60 deals plus 150 added here, so reads span
// several pages and a chained request.
type Deal = {
  id: number;
  title: string;
  stageId: string;
  opportunity: number;
  assignedById: number;
  closedate: string;
  createdTime: string;
  ufCrm_PROJECT_CODE: string | null;
  ufCrm_PRIORITY_CUSTOMER: string;
  ufCrm_REGION: number | null;
};

const ADDED = 150;
const STAGES = ['NEW', 'PREPARATION', 'EXECUTING', 'WON'];

let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;
let queryClient: QueryClient;
let deals: Deal[];

/** Every deal, read page by page over the webhook: what the grid must reproduce. */
async function allDeals(): Promise<Deal[]> {
  const out: Deal[] = [];
  for (let start = 0; ; start += 50) {
    const r = await t.hook('crm.item.list', { entityTypeId: 2, order: { id: 'ASC' }, start });
    const items = (r.body.result as { items: Deal[] }).items;
    out.push(...items);
    if (items.length < 50) return out;
  }
}

async function readAll(params: GridParams): Promise<GridResult> {
  return queryClient.fetchQuery(recordGridQueryOptions(source, 'deals', params));
}

async function collect(stream: AsyncGenerator<RecordChunk>): Promise<RecordChunk[]> {
  const chunks: RecordChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const ids = (rows: { id: string | number }[]) => rows.map((r) => String(r.id));

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
  await Promise.all(
    Array.from({ length: ADDED }, (_, i) =>
      t.hook('crm.item.add', {
        entityTypeId: 2,
        fields: {
          title: `Gridtest ${i}`,
          stageId: STAGES[i % STAGES.length],
          // Repeating amounts: ties must be broken by id, or offset pages would skip and repeat rows.
          opportunity: (i % 17) * 1000,
          assignedById: (i % 5) + 1,
          closedate: `2027-0${(i % 6) + 1}-15`,
          ufCrm_PROJECT_CODE: i % 3 === 0 ? `GT-${i}` : null,
          ufCrm_PRIORITY_CUSTOMER: i % 2 === 0 ? 'Y' : 'N',
          ufCrm_REGION: (i % 6) + 1,
        },
      }),
    ),
  );
  deals = await allDeals();
  expect(deals.length).toBe(60 + ADDED);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  queryClient = createQueryClient({ retry: false });
  await sandbox.clearLog();
});

describe('recordGridQueryOptions', () => {
  it('reads every deal newest first: the first page in the screen’s batch, the rest in one chained request', async () => {
    const [, grid] = await Promise.all([
      // What the grid mounts in the same render: the list's first page joins this batch, whatever the order.
      queryClient.fetchQuery(fieldsQueryOptions(source, 'deals')),
      readAll({}),
    ]);
    expect(ids(grid.data)).toEqual(ids([...deals].sort((a, b) => b.id - a.id)));
    expect(grid).toMatchObject({ total: deals.length, hasNextPage: false, complete: true });
    const log = await sandbox.log();
    expect(requests(log)[0]).toBe('batch:crm.item.fields,crm.item.list');
    // 160 more rows: one request of chained pages (`<id` cursor), no COUNT, no second request.
    expect(log).toHaveLength(2);
    expect(log[1]!.batch).toHaveLength(50);
    expect(performance.getEntriesByName(GRID_DATA_MARK, 'mark')).toHaveLength(1);
  });

  it('sorts the whole matching set on the portal, ties broken by id', async () => {
    const grid = await readAll({ sort: { field: 'opportunity', order: 'DESC' } });
    const expected = [...deals].sort((a, b) => b.opportunity - a.opportunity || b.id - a.id);
    expect(ids(grid.data)).toEqual(ids(expected));
    expect(grid.total).toBe(deals.length);
    const log = await sandbox.log();
    // The first page alone, then the offset pages in one batch (each an independent command).
    expect(log).toHaveLength(2);
    expect(log[1]!.batch!.length).toBeGreaterThanOrEqual(4);

    const ascending = await readAll({ sort: { field: 'opportunity', order: 'ASC' } });
    expect(ids(ascending.data)).toEqual(ids([...deals].sort((a, b) => a.opportunity - b.opportunity || a.id - b.id)));
  });

  it('sorts by title exactly as the portal pages it', async () => {
    const grid = await readAll({ sort: { field: 'title', order: 'ASC' } });
    const portal: Deal[] = [];
    for (let start = 0; start < deals.length; start += 50)
      portal.push(
        ...(
          (await t.hook('crm.item.list', { entityTypeId: 2, order: { title: 'ASC', id: 'ASC' }, start })).body
            .result as {
            items: Deal[];
          }
        ).items,
      );
    expect(ids(grid.data)).toEqual(ids(portal));
    expect(portal[0]!.title <= portal[portal.length - 1]!.title).toBe(true);
  });

  it('applies the filter on the portal: stage, amount, responsible, dates and custom fields', async () => {
    const params: GridParams = {
      conditions: [
        { field: 'stageId', op: 'in', values: ['NEW', 'WON'] },
        { field: 'opportunity', op: 'range', kind: 'number', from: 2000, to: 9000 },
        { field: 'assignedById', op: 'in', values: [1, 2, 3] },
        { field: 'closedate', op: 'range', kind: 'date', from: '2027-02-01', to: '2027-05-15' },
      ],
    };
    const grid = await readAll(params);
    const expected = deals.filter(
      (d) =>
        ['NEW', 'WON'].includes(d.stageId) &&
        d.opportunity >= 2000 &&
        d.opportunity <= 9000 &&
        [1, 2, 3].includes(d.assignedById) &&
        d.closedate.slice(0, 10) >= '2027-02-01' &&
        d.closedate.slice(0, 10) <= '2027-05-15',
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(ids(grid.data).sort()).toEqual(ids(expected).sort());

    const custom = await readAll({
      conditions: [
        { field: 'ufCrm_PROJECT_CODE', op: 'contains', value: 'GT-1' },
        { field: 'ufCrm_PRIORITY_CUSTOMER', op: 'equals', value: true },
        { field: 'ufCrm_REGION', op: 'in', values: ['1', '3', '5'] },
      ],
    });
    const expectedCustom = deals.filter(
      (d) =>
        (d.ufCrm_PROJECT_CODE ?? '').includes('GT-1') &&
        d.ufCrm_PRIORITY_CUSTOMER === 'Y' &&
        [1, 3, 5].includes(d.ufCrm_REGION ?? 0),
    );
    expect(expectedCustom.length).toBeGreaterThan(0);
    expect(ids(custom.data).sort()).toEqual(ids(expectedCustom).sort());
  });

  it('covers the whole last day of a datetime range and finds by title or id', async () => {
    const today = deals.find((d) => d.title === 'Gridtest 0')!.createdTime.slice(0, 10);
    const created = await readAll({
      conditions: [{ field: 'createdTime', op: 'range', kind: 'datetime', from: today, to: today }],
    });
    expect(ids(created.data).sort()).toEqual(ids(deals.filter((d) => d.createdTime.startsWith(today))).sort());

    const search = await readAll({ search: 'gridtest 1' });
    expect(ids(search.data).sort()).toEqual(
      ids(deals.filter((d) => d.title.toLowerCase().includes('gridtest 1'))).sort(),
    );
    const byId = await readAll({ search: `#${deals[5]!.id}` });
    expect(ids(byId.data)).toEqual([String(deals[5]!.id)]);
  });

  it('is one of the resource’s lists: a write patches its rows and an invalidation reads them again', async () => {
    const params: GridParams = { search: 'Gridtest 4' };
    const before = await readAll(params);
    const row = before.data[0]!;
    patchRecord(queryClient, 'deals', row.id, { title: 'Patched' });
    const patched = queryClient.getQueryData<GridResult>(gridKeys.rows('deals', params))!;
    expect(patched.data.find((r) => r.id === row.id)?.title).toBe('Patched');
    expect(patched.complete).toBe(true);

    await t.hook('crm.item.update', { entityTypeId: 2, id: row.id, fields: { title: 'Gridtest 4 renamed' } });
    await queryClient.refetchQueries({ queryKey: recordKeys.lists('deals') });
    const after = queryClient.getQueryData<GridResult>(gridKeys.rows('deals', params))!;
    expect(after.data.find((r) => r.id === row.id)?.title).toBe('Gridtest 4 renamed');
    expect(after.data).toHaveLength(before.data.length);
    await t.hook('crm.item.update', { entityTypeId: 2, id: row.id, fields: { title: row.title } });
  });

  it('compiles conditions to the portal’s operators and leaves blank inputs out', () => {
    expect(
      compileGridFilter(2, {
        search: ' nord ',
        conditions: [
          { field: 'stageId', op: 'in', values: ['NEW', ''] },
          { field: 'opportunity', op: 'range', kind: 'number', from: '1000', to: '' },
          { field: 'createdTime', op: 'range', kind: 'datetime', from: '2027-01-01', to: '2027-01-31' },
          { field: 'closedate', op: 'range', kind: 'date', to: '2027-12-31' },
          { field: 'opened', op: 'equals', value: false },
          { field: 'ufCrm_PRIORITY_CUSTOMER', op: 'equals', value: true },
          { field: 'ufCrm_PROJECT_CODE', op: 'contains', value: '  ' },
          { field: 'assignedById', op: 'in', values: [] },
        ],
      }),
    ).toEqual({
      0: { logic: 'OR', 0: { '%title': 'nord' } },
      '@stageId': ['NEW'],
      '>=opportunity': 1000,
      '>=createdTime': '2027-01-01',
      '<createdTime': '2027-02-01',
      '<=closedate': '2027-12-31',
      '=opened': 'N',
      '=ufCrm_PRIORITY_CUSTOMER': 1,
    });
    expect(compileGridFilter(3, { search: '42' })).toEqual({
      0: { logic: 'OR', 0: { '%name': '42' }, 1: { '%lastName': '42' }, 2: { id: 42 } },
    });
  });
});

describe('streamRecords cap', () => {
  const cap = 120;
  const newest = () => [...deals].sort((a, b) => b.id - a.id);

  it.each([
    ['newest first (cursor)', { field: 'id', order: 'DESC' as const }, () => newest()],
    [
      'oldest first (B24Client.list)',
      { field: 'id', order: 'ASC' as const },
      () => [...deals].sort((a, b) => a.id - b.id),
    ],
    [
      'by amount (offset pages)',
      { field: 'opportunity', order: 'DESC' as const },
      () => [...deals].sort((a, b) => b.opportunity - a.opportunity || b.id - a.id),
    ],
  ])('%s: stops at the cap and says how many match', async (_label, sort, expected) => {
    const chunks = await collect(streamRecords(sandbox.client, { entityTypeId: 2, filter: {}, sort, cap }));
    const rows = chunks.flatMap((c) => c.rows);
    expect(ids(rows)).toEqual(ids(expected().slice(0, cap)));
    expect(chunks.at(-1)).toMatchObject({ last: true, capped: true, total: deals.length });
    expect(chunks.slice(0, -1).every((c) => !c.last)).toBe(true);
  });

  it('is not capped when exactly the cap matches', async () => {
    const chunks = await collect(
      streamRecords(sandbox.client, {
        entityTypeId: 2,
        filter: {},
        sort: { field: 'id', order: 'DESC' },
        cap: deals.length,
      }),
    );
    expect(chunks.flatMap((c) => c.rows)).toHaveLength(deals.length);
    expect(chunks.at(-1)).toMatchObject({ last: true, capped: false, total: deals.length });
  });

  it('shows the first page on its own before the rest arrives', async () => {
    const chunks = await collect(
      streamRecords(sandbox.client, { entityTypeId: 2, filter: {}, sort: { field: 'id', order: 'DESC' }, cap: 10_000 }),
    );
    expect(chunks.map((c) => c.rows.length)).toEqual([50, deals.length - 50]);
  });
});

describe('grid columns in user.option', () => {
  it('are stored per user as JSON and read back in the grid’s first batch', async () => {
    const origin = t.sandbox.portalUrl.replace(/\/$/, '');
    const admin = new B24Client(tokenCaller(origin, await t.token(1)));
    const other = new B24Client(tokenCaller(origin, await t.token(3)));
    const name = gridColumnsOption('deals');
    expect(name).toBe('kontor.grid.deals.columns');
    await setUserOption(admin, name, JSON.stringify(['stageId', 'ufCrm_REGION']));
    await sandbox.clearLog();

    const adminSource = createDataSource(admin);
    // What the grid mounts in one render: the option, the rows and the field labels.
    const [stored, grid] = await Promise.all([
      queryClient.fetchQuery(userOptionQueryOptions(admin, name)),
      queryClient.fetchQuery(recordGridQueryOptions(adminSource, 'deals', {})),
      queryClient.fetchQuery(fieldsQueryOptions(adminSource, 'deals')),
    ]);
    expect(parseGridColumns(stored)).toEqual(['stageId', 'ufCrm_REGION']);
    expect(grid.data).toHaveLength(deals.length);
    expect(requests(await sandbox.log())[0]).toBe('batch:crm.item.fields,crm.item.list,user.option.get');
    expect(parseGridColumns(await getUserOption(other, name))).toBeNull();
    const raw = await t.app('user.option.get', { option: name });
    expect(raw.body.result).toBe('["stageId","ufCrm_REGION"]');
  });

  it('ignore what is not a list of names', () => {
    expect(parseGridColumns(null)).toBeNull();
    expect(parseGridColumns('')).toBeNull();
    expect(parseGridColumns('title')).toBeNull();
    expect(parseGridColumns('{"a":1}')).toBeNull();
    expect(parseGridColumns('["title",7,""]')).toEqual(['title']);
  });
});
