import {
  MutationObserver,
  QueryObserver,
  type QueryClient,
  type QueryKey,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { errorMessageKey } from '../errors/error-message-key.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { Category, ListResult } from '../types.ts';
import { categoriesQueryOptions } from './get-categories.ts';
import { pipelineRecordsQueryOptions } from './get-pipeline-records.ts';
import { stagesQueryOptions } from './get-stages.ts';
import { pipelineKeys, recordKeys } from './keys.ts';
import { moveStageOptions } from './move-stage.ts';
import { createQueryClient } from './query-client.ts';

// The kanban's reads and its stage move against a sandbox portal (demo seed), with a real QueryClient.
// Observers stand in for the hooks (a DOM environment cannot reach the sandbox through the SDK's XHR).
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;
let queryClient: QueryClient;
let reported: unknown[];
let unsubscribe: (() => void)[];

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  reported = [];
  unsubscribe = [];
  queryClient = createQueryClient({ retry: false, onError: (error) => reported.push(error) });
  await sandbox.clearLog();
});
afterEach(() => {
  unsubscribe.forEach((u) => u());
  queryClient.clear();
});

function observe<T, K extends QueryKey>(
  options: QueryObserverOptions<T, Error, T, T, K>,
): Promise<QueryObserverResult<T>> {
  const observer = new QueryObserver(queryClient, options);
  return new Promise((resolve) => {
    const check = (r: QueryObserverResult<T>) => {
      if (r.status !== 'pending' && r.fetchStatus === 'idle') resolve(r);
    };
    unsubscribe.push(observer.subscribe(check));
    check(observer.getCurrentResult());
  });
}

interface PortalItem {
  id: number;
  stageId: string;
  categoryId?: number;
}

/** A record as the portal has it now, read over the webhook (not through the code under test). */
async function portalItem(entityTypeId: number, id: string): Promise<PortalItem> {
  return ((await t.hook('crm.item.get', { entityTypeId, id })).body.result as { item: PortalItem }).item;
}

/** The ids of a pipeline's records, counted over the webhook with plain paging. */
async function portalIds(entityTypeId: number, filter: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; ; start += 50) {
    const body = (await t.hook('crm.item.list', { entityTypeId, select: ['id'], filter, order: { id: 'ASC' }, start }))
      .body as { result: { items: { id: number }[] }; next?: number };
    ids.push(...body.result.items.map((i) => String(i.id)));
    if (typeof body.next !== 'number') return ids;
  }
}

const pipelineOf = (categories: Category[] | undefined, id: string) => categories!.find((c) => c.id === id)!;

describe('pipelines', () => {
  it('reads the deal pipelines and every stage in ONE request, in the portal’s order with their stage dictionaries', async () => {
    const [categories, stages] = await Promise.all([
      observe(categoriesQueryOptions(source, 'deals')),
      observe(stagesQueryOptions(source, 'deals')),
    ]);
    expect(requests(await sandbox.log())).toEqual(['batch:crm.category.list,crm.status.list']);
    expect(categories.data).toEqual([
      {
        id: '1',
        entityTypeId: 2,
        name: 'Wholesale',
        sort: 200,
        isDefault: false,
        implicit: false,
        stageEntityId: 'DEAL_STAGE_1',
      },
      {
        id: '0',
        entityTypeId: 2,
        name: 'General',
        sort: 300,
        isDefault: true,
        implicit: false,
        stageEntityId: 'DEAL_STAGE',
      },
    ]);
    // Every pipeline finds its stages among the one stage read.
    for (const c of categories.data!)
      expect(stages.data!.filter((s) => s.entityId === c.stageEntityId).length).toBeGreaterThan(2);
  });

  it('gives leads one implicit pipeline without a request, and smart processes their own', async () => {
    const contacts = new QueryObserver(queryClient, categoriesQueryOptions(source, 'contacts'));
    unsubscribe.push(contacts.subscribe(() => undefined));
    const leads = await observe(categoriesQueryOptions(source, 'leads'));
    expect(leads.data).toEqual([
      { id: '0', entityTypeId: 1, name: '', sort: 0, isDefault: true, implicit: true, stageEntityId: 'STATUS' },
    ]);
    expect(await sandbox.log()).toEqual([]);

    const projects = await observe(categoriesQueryOptions(source, 'sp-1030'));
    const portal = (await t.hook('crm.category.list', { entityTypeId: 1030 })).body.result as {
      categories: { id: number; name: string }[];
    };
    expect(projects.data!.map((c) => [c.id, c.name, c.stageEntityId])).toEqual(
      portal.categories.map((c) => [String(c.id), c.name, `DYNAMIC_1030_STAGE_${c.id}`]),
    );
    // Contacts have no pipelines: the query waits and costs nothing.
    expect(contacts.getCurrentResult()).toMatchObject({ status: 'pending', fetchStatus: 'idle' });
  });
});

describe('pipeline records', () => {
  it('loads a whole pipeline with only the card fields, in one request', async () => {
    const categories = await observe(categoriesQueryOptions(source, 'deals'));
    await sandbox.clearLog();
    const general = await observe(pipelineRecordsQueryOptions(source, 'deals', pipelineOf(categories.data, '0')));
    expect(requests(await sandbox.log())).toEqual([`batch:${Array(50).fill('crm.item.list').join(',')}`]);
    const rows = general.data!.data;
    expect(rows.map((r) => r.id)).toEqual(await portalIds(2, { categoryId: 0 }));
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['assignedById', 'categoryId', 'currencyId', 'entityTypeId', 'id', 'opportunity', 'stageId', 'title'].sort(),
      );
      expect(row).toMatchObject({ id: expect.stringMatching(/^\d+$/), categoryId: 0 });
    }
    // Keyed among the deal lists: record writes patch it like any list.
    expect(queryClient.getQueryData(pipelineKeys.records('deals', '0'))).toBe(general.data);
    expect(pipelineKeys.records('deals', '0').slice(0, 2)).toEqual(recordKeys.lists('deals'));
  });

  it('reads 2,499 records of a pipeline with ONE HTTP request', async () => {
    const { category } = (await t.hook('crm.category.add', { entityTypeId: 2, fields: { name: 'Bulk' } })).body
      .result as { category: { id: number } };
    for (let b = 0; b < 50; b++) {
      const cmd: Record<string, string> = {};
      for (let i = 0; i < (b === 49 ? 49 : 50); i++)
        cmd[`c${i}`] = `crm.item.add?entityTypeId=2&fields[title]=Bulk%20${b}.${i}&fields[categoryId]=${category.id}`;
      expect((await t.hook('batch', { halt: 0, cmd })).status).toBe(200);
    }
    await sandbox.clearLog();
    const bulk = await observe(
      pipelineRecordsQueryOptions(source, 'deals', { id: String(category.id), implicit: false }),
    );
    expect(bulk.data!.data).toHaveLength(2499);
    expect(new Set(bulk.data!.data.map((r) => r.id)).size).toBe(2499);
    expect(bulk.data!.data.every((r) => r.stageId === `C${category.id}:NEW`)).toBe(true);
    expect((await sandbox.log()).length).toBe(1);
  });

  it('loads the leads of the implicit pipeline without a categoryId (the portal refuses it for leads)', async () => {
    const leads = (await observe(categoriesQueryOptions(source, 'leads'))).data![0]!;
    const rows = (await observe(pipelineRecordsQueryOptions(source, 'leads', leads))).data!.data;
    expect(rows.map((r) => r.id)).toEqual(await portalIds(1, {}));
    expect(rows[0]).not.toHaveProperty('categoryId');
    expect(rows[0]).toMatchObject({ stageId: expect.any(String), title: expect.any(String) });
  });
});

describe('moving a card', () => {
  async function board(categoryId = '0') {
    const categories = await observe(categoriesQueryOptions(source, 'deals'));
    const records = await observe(
      pipelineRecordsQueryOptions(source, 'deals', pipelineOf(categories.data, categoryId)),
    );
    await sandbox.clearLog();
    return records.data!.data;
  }
  const cached = (id: string, categoryId = '0') =>
    queryClient.getQueryData<ListResult>(pipelineKeys.records('deals', categoryId))!.data.find((r) => r.id === id);
  const move = () => new MutationObserver(queryClient, moveStageOptions(source, 'deals', { silent: true }));

  it('shows the new stage at once, writes it, then refreshes the pipeline', async () => {
    const rows = await board();
    const card = rows.find((r) => r.stageId === 'NEW')!;
    const pending = move().mutate({ id: card.id, stageId: 'EXECUTING' });
    // Optimistic: in the cache before the portal answered.
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(cached(card.id)?.stageId).toBe('EXECUTING');
    const saved = await pending;
    expect(saved).toMatchObject({ id: card.id, stageId: 'EXECUTING' });
    expect(cached(card.id)?.stageId).toBe('EXECUTING');
    expect(requests(await sandbox.log())).toEqual([
      'crm.item.update',
      `batch:${Array(50).fill('crm.item.list').join(',')}`,
    ]);
    expect((await portalItem(2, card.id)).stageId).toBe('EXECUTING');
  });

  it('moves into a won or lost stage like any other', async () => {
    const rows = await board('1');
    const card = rows.find((r) => r.stageId !== 'C1:LOSE')!;
    await move().mutate({ id: card.id, stageId: 'C1:LOSE' });
    expect(await portalItem(2, card.id)).toMatchObject({ stageId: 'C1:LOSE', categoryId: 1 });
    expect(cached(card.id, '1')?.stageId).toBe('C1:LOSE');
  });

  it('puts the card back when the portal refuses, and says why', async () => {
    const rows = await board();
    const card = rows.find((r) => r.stageId === 'PREPARATION')!;
    const seen: unknown[] = [];
    unsubscribe.push(
      queryClient.getQueryCache().subscribe((e) => {
        if (e.type === 'updated' && e.query.queryHash === JSON.stringify(pipelineKeys.records('deals', '0')))
          seen.push((e.query.state.data as ListResult | undefined)?.data.find((r) => r.id === card.id)?.stageId);
      }),
    );
    await sandbox.force(400, { error: 'ACCESS_DENIED', error_description: 'Access denied!' }, 'crm.item.update');
    const error = await move()
      .mutate({ id: card.id, stageId: 'WON' })
      .catch((e: unknown) => e);
    expect(errorMessageKey(error)).toBe('errors:accessDenied');
    expect(seen.slice(0, 2)).toEqual(['WON', 'PREPARATION']);
    expect(cached(card.id)?.stageId).toBe('PREPARATION');
    expect((await portalItem(2, card.id)).stageId).toBe('PREPARATION');
    // Silent: the board shows the message, the global hook stays quiet.
    expect(reported).toEqual([]);
  });

  it('rolls back only the refused card when two moves overlap, and refreshes once both are done', async () => {
    const rows = await board();
    const [refused, accepted] = rows.filter((r) => r.stageId === 'PREPAYMENT_INVOICE');
    // The second write waits for the test to let it go, so it is still out when the first one is refused.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: DataSource = {
      ...source,
      provider: (resource) => {
        const real = source.provider(resource);
        if (real.kind !== 'crm.item') return real;
        return { ...real, moveStage: (id, stageId) => held.then(() => real.moveStage(id, stageId)) };
      },
    };
    await sandbox.force(400, { error: 'ACCESS_DENIED', error_description: 'Access denied!' }, 'crm.item.update');
    const first = move()
      .mutate({ id: refused!.id, stageId: 'FINAL_INVOICE' })
      .catch((e: unknown) => e);
    const second = new MutationObserver(queryClient, moveStageOptions(slow, 'deals')).mutate({
      id: accepted!.id,
      stageId: 'FINAL_INVOICE',
    });
    expect(errorMessageKey(await first)).toBe('errors:accessDenied');
    // The refused card is back; the other one stays where it went, and no refresh brought back its old stage.
    expect(cached(refused!.id)?.stageId).toBe('PREPAYMENT_INVOICE');
    expect(cached(accepted!.id)?.stageId).toBe('FINAL_INVOICE');
    expect(requests(await sandbox.log())).toEqual(['crm.item.update']);
    release();
    await second;
    expect(cached(accepted!.id)?.stageId).toBe('FINAL_INVOICE');
    expect(cached(refused!.id)?.stageId).toBe('PREPAYMENT_INVOICE');
    expect(requests(await sandbox.log())).toEqual([
      'crm.item.update',
      'crm.item.update',
      `batch:${Array(50).fill('crm.item.list').join(',')}`,
    ]);
    expect((await portalItem(2, refused!.id)).stageId).toBe('PREPAYMENT_INVOICE');
    expect((await portalItem(2, accepted!.id)).stageId).toBe('FINAL_INVOICE');
  });

  it('puts the card back when the stage is not one of its pipeline (the portal refuses it)', async () => {
    const rows = await board();
    const card = rows.find((r) => r.stageId === 'NEW' || r.stageId === 'PREPARATION')!;
    const error = await move()
      .mutate({ id: card.id, stageId: 'C1:WON' })
      .catch((e: unknown) => e);
    expect(errorMessageKey(error)).toBe('errors:validation');
    expect(cached(card.id)?.stageId).toBe(card.stageId);
    expect((await portalItem(2, card.id)).stageId).toBe(card.stageId);
  });
});
