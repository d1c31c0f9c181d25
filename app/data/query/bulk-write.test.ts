import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { encodeCommand } from '../../b24/index.ts';
import { errorMessageKey } from '../errors/error-message-key.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { ListResult, RecordData } from '../types.ts';
import { bulkWriteOptions, runBulkWrite, type BulkProgress } from './bulk-write.ts';
import { bulkSelectionQueryOptions } from './get-bulk-selection.ts';
import { fieldsQueryOptions } from './get-fields.ts';
import { recordKeys } from './keys.ts';
import { createQueryClient } from './query-client.ts';

// Bulk writes against a sandbox portal over HTTPS through the SDK; round trips counted in the portal's log.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
});
afterAll(async () => t?.close());
beforeEach(async () => sandbox.clearLog());

type Deal = { id: number; title: string; stageId: string; categoryId: number; assignedById: number };

/** Adds deals straight over the webhook (50 per batch), not through the code under test. */
async function addDeals(count: number, prefix: string, fields: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 50) {
    const cmd: Record<string, string> = {};
    for (let i = start; i < Math.min(count, start + 50); i++)
      cmd[`c${i}`] = encodeCommand('crm.item.add', {
        entityTypeId: 2,
        fields: { title: `${prefix} ${String(i + 1).padStart(3, '0')}`, ...fields },
      });
    const r = await t.hook('batch', { halt: 0, cmd });
    const results = (r.body.result as { result: Record<string, { item: { id: number } }> }).result;
    ids.push(...Object.values(results).map((x) => String(x.item.id)));
  }
  expect(ids).toHaveLength(count);
  return ids;
}

/** The deals as the portal has them now (read over the webhook). */
async function dealsNow(ids: string[]): Promise<Deal[]> {
  const out: Deal[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    const r = await t.hook('crm.item.list', {
      entityTypeId: 2,
      filter: { '@id': ids.slice(i, i + 50).map(Number) },
      select: ['id', 'title', 'stageId', 'categoryId', 'assignedById'],
    });
    out.push(...(r.body.result as { items: Deal[] }).items);
  }
  return out;
}

describe('runBulkWrite', () => {
  it('moves 120 deals to another stage in 3 batch requests (50 + 50 + 20), reporting progress after each', async () => {
    const ids = await addDeals(120, 'Stage move', { categoryId: 0 });
    await sandbox.clearLog();
    const seen: BulkProgress[] = [];

    const result = await runBulkWrite(
      source,
      'deals',
      { kind: 'update', items: ids.map((id) => ({ id, fields: { stageId: 'PREPARATION' } })) },
      { onProgress: (p) => seen.push(p) },
    );

    expect(result.cancelled).toBe(false);
    expect(result.notAttempted).toEqual([]);
    expect(result.outcomes.map((o) => o.id)).toEqual(ids);
    expect(result.outcomes.every((o) => o.ok && o.record?.stageId === 'PREPARATION')).toBe(true);
    const log = await sandbox.log();
    expect(log.map((e) => [e.method, e.batch?.length])).toEqual([
      ['batch', 50],
      ['batch', 50],
      ['batch', 20],
    ]);
    const fifty = `batch:${Array(50).fill('crm.item.update').join(',')}`;
    expect(requests(log)).toEqual([fifty, fifty, `batch:${Array(20).fill('crm.item.update').join(',')}`]);
    expect(seen.map((p) => [p.done, p.ok, p.failed])).toEqual([
      [0, 0, 0],
      [50, 50, 0],
      [100, 100, 0],
      [120, 120, 0],
    ]);
    expect((await dealsNow(ids)).every((d) => d.stageId === 'PREPARATION')).toBe(true);
  });

  it('reports per-row refusals — an unknown id, a stage of another pipeline — while the others are written', async () => {
    const general = await addDeals(8, 'Mixed general', { categoryId: 0 });
    const [wholesale] = await addDeals(1, 'Mixed wholesale', { categoryId: 1 });
    const items = [...general, wholesale!, '999999', 'abc'].map((id) => ({ id, fields: { stageId: 'EXECUTING' } }));
    await sandbox.clearLog();

    const result = await runBulkWrite(source, 'deals', { kind: 'update', items });

    const failed = result.outcomes.filter((o) => !o.ok);
    expect(failed.map((o) => [o.id, o.error?.code, errorMessageKey(o.error)])).toEqual([
      // 'abc' cannot be an id: refused without a request, as the providers do.
      ['abc', 'NOT_FOUND', 'errors:notFound'],
      [wholesale, 'CRM_FIELD_ERROR_VALUE_NOT_VALID', 'errors:validation'],
      ['999999', 'NOT_FOUND', 'errors:notFound'],
    ]);
    expect(result.outcomes.filter((o) => o.ok).map((o) => o.id)).toEqual(general);
    expect(await sandbox.log()).toHaveLength(1);
    const now = await dealsNow([...general, wholesale!]);
    expect(now.filter((d) => d.stageId === 'EXECUTING').map((d) => String(d.id))).toEqual(general);
    // The wholesale deal stayed where it was: nothing half-done, and the outcome says so.
    expect(now.find((d) => String(d.id) === wholesale)).toMatchObject({ categoryId: 1, stageId: 'C1:NEW' });
  });

  it('stops between requests when cancelled: what was sent is reported, the rest is not attempted', async () => {
    const ids = await addDeals(120, 'Cancel me', { categoryId: 0 });
    await sandbox.clearLog();
    const controller = new AbortController();

    const result = await runBulkWrite(
      source,
      'deals',
      { kind: 'update', items: ids.map((id) => ({ id, fields: { assignedById: 2 } })) },
      { signal: controller.signal, onProgress: (p) => p.done === 50 && controller.abort() },
    );

    expect(result.cancelled).toBe(true);
    expect(result.outcomes.map((o) => o.id)).toEqual(ids.slice(0, 50));
    expect(result.notAttempted).toEqual(ids.slice(50));
    expect(await sandbox.log()).toHaveLength(1);
    const now = await dealsNow(ids);
    expect(now.filter((d) => d.assignedById === 2).map((d) => String(d.id))).toEqual(ids.slice(0, 50));
  });

  it('deletes in one request per 50 and counts a delete answered "not found" as done', async () => {
    const ids = await addDeals(60, 'Delete me');
    // Gone before the run (another user, or an earlier try whose answer was lost).
    for (const id of ids.slice(0, 3)) await t.hook('crm.item.delete', { entityTypeId: 2, id });
    await sandbox.clearLog();

    const result = await runBulkWrite(source, 'deals', { kind: 'delete', ids });

    expect(result.outcomes.every((o) => o.ok)).toBe(true);
    expect(result.outcomes.filter((o) => o.alreadyGone).map((o) => o.id)).toEqual(ids.slice(0, 3));
    expect(requests(await sandbox.log()).map((r) => r.split(',').length)).toEqual([50, 10]);
    expect(await dealsNow(ids)).toEqual([]);
  });

  it('stops when a whole request fails: its rows failed with that error (sent once), the rest not attempted', async () => {
    const ids = await addDeals(70, 'Unanswered');
    await sandbox.clearLog();
    await sandbox.force(500, { error: 'ERROR_CORE', error_description: 'SQL query error!' }, 'batch');

    const result = await runBulkWrite(source, 'deals', { kind: 'delete', ids });

    expect(result.stoppedBy?.status).toBe(500);
    expect(result.outcomes).toHaveLength(50);
    expect(result.outcomes.every((o) => !o.ok && o.error === result.stoppedBy)).toBe(true);
    expect(result.notAttempted).toEqual(ids.slice(50));
    // Deletes are never repeated by the transport: one request, then the run stopped.
    expect(await sandbox.log()).toHaveLength(1);

    // Retrying the failed and the unsent rows finishes the job.
    const retry = await runBulkWrite(source, 'deals', { kind: 'delete', ids });
    expect(retry.outcomes.every((o) => o.ok)).toBe(true);
    expect(await dealsNow(ids)).toEqual([]);
  });
});

describe('bulkWriteOptions (the query layer)', () => {
  let queryClient: QueryClient;
  beforeEach(() => {
    queryClient = createQueryClient({ retry: false });
  });
  afterEach(() => queryClient.clear());

  it('patches updated rows and drops deleted ones in cached lists, then invalidates the family (not fields)', async () => {
    const ids = await addDeals(4, 'Cached');
    const rows = (await dealsNow(ids)).map((d) => ({ ...d, id: String(d.id) }) as RecordData);
    const listKey = recordKeys.list('deals', { filter: { '%title': 'Cached' } });
    queryClient.setQueryData<ListResult>(listKey, { data: rows, total: 4, hasNextPage: false });
    queryClient.setQueryData(recordKeys.one('deals', ids[3]!), rows[3]);
    queryClient.setQueryData(recordKeys.fields('deals'), []);

    const update = new MutationObserver(queryClient, bulkWriteOptions(source, 'deals'));
    await update.mutate({
      write: { kind: 'update', items: ids.slice(0, 2).map((id) => ({ id, fields: { title: 'Renamed' } })) },
    });
    let list = queryClient.getQueryData<ListResult>(listKey)!;
    expect(list.data.map((r) => r.title)).toEqual(['Renamed', 'Renamed', 'Cached 003', 'Cached 004']);

    const remove = new MutationObserver(queryClient, bulkWriteOptions(source, 'deals'));
    await remove.mutate({ write: { kind: 'delete', ids: [ids[3]!] } });
    list = queryClient.getQueryData<ListResult>(listKey)!;
    expect(list.data.map((r) => r.id)).toEqual(ids.slice(0, 3));
    expect(list.total).toBe(3);
    expect(queryClient.getQueryData(recordKeys.one('deals', ids[3]!))).toBeUndefined();
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(recordKeys.fields('deals'))?.isInvalidated).toBe(false);
  });
});

describe('bulkSelectionQueryOptions', () => {
  let queryClient: QueryClient;
  beforeEach(() => {
    queryClient = createQueryClient({ retry: false });
  });
  afterEach(() => queryClient.clear());

  it('reads only names, stages and pipelines of the selection — the fields each type has — 2,500 ids a request', async () => {
    const resources = await source.resources();
    const of = (name: string) => resources.find((r) => r.name === name)!;
    const deals = await addDeals(120, 'Selected');
    await queryClient.fetchQuery(fieldsQueryOptions(source, 'deals'));
    await sandbox.clearLog();

    const rows = await queryClient.fetchQuery(bulkSelectionQueryOptions(source, of('deals'), [...deals, '999999']));
    expect(rows.map((r) => r.id)).toEqual(deals);
    expect(Object.keys(rows[0]!).sort()).toEqual(['categoryId', 'entityTypeId', 'id', 'stageId', 'title']);
    expect(requests(await sandbox.log())).toEqual([`batch:${Array(3).fill('crm.item.list').join(',')}`]);

    // Leads have no pipeline field, contacts neither stage nor pipeline and are named by their names
    // (crm.item adds entityTypeId to every row).
    const [leads, contacts, projects] = await Promise.all([
      queryClient.fetchQuery(bulkSelectionQueryOptions(source, of('leads'), ['1', '2'])),
      queryClient.fetchQuery(bulkSelectionQueryOptions(source, of('contacts'), ['1'])),
      queryClient.fetchQuery(bulkSelectionQueryOptions(source, of('sp-1030'), ['1'])),
    ]);
    expect(Object.keys(leads[0]!).sort()).toEqual(['entityTypeId', 'id', 'stageId', 'title']);
    expect(Object.keys(contacts[0]!).sort()).toEqual(['entityTypeId', 'id', 'lastName', 'name', 'secondName']);
    expect(Object.keys(projects[0]!).sort()).toEqual(['categoryId', 'entityTypeId', 'id', 'stageId', 'title']);
  });
});
