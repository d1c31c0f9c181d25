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
import type { ListParams, ListResult, RecordData } from '../types.ts';
import { fieldsQueryOptions } from './get-fields.ts';
import { recordListQueryOptions } from './get-record-list.ts';
import { recordQueryOptions } from './get-record.ts';
import { resourcesQueryOptions } from './get-resources.ts';
import { stageOf, stagesQueryOptions } from './get-stages.ts';
import { userQueryOptions } from './get-users.ts';
import { recordKeys } from './keys.ts';
import { createQueryClient } from './query-client.ts';
import { optimisticRecordWrite } from './record-write.ts';
import type { UpdateRecordVariables } from './update-record.ts';

// The query layer with a real QueryClient (retry off) over the real client and a sandbox portal.
// Observers stand in for useQuery/useMutation (what the hooks mount), since a DOM environment would
// send the SDK's requests through a browser XHR that refuses the sandbox's origin.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;
let queryClient: QueryClient;
let reported: { error: unknown; source: string }[];
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
  queryClient = createQueryClient({ retry: false, onError: (error, s) => reported.push({ error, source: s }) });
  await sandbox.clearLog();
});
afterEach(() => {
  unsubscribe.forEach((u) => u());
  queryClient.clear();
});

/** Mounts a query the way useQuery does and resolves with its first settled result. */
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

const updateOptions = () =>
  optimisticRecordWrite<UpdateRecordVariables>(
    'deals',
    (v) => v.patch,
    (v) => source.provider('deals').update(v.id, v.patch, v.previous),
  );

const LIST: ListParams = { sort: { field: 'id', order: 'ASC' }, pagination: { page: 1, perPage: 5 } };

describe('reads', () => {
  it('cold-loads a record, its fields and a list in the same tick with ONE HTTP request', async () => {
    const [record, fields, list] = await Promise.all([
      observe(recordQueryOptions(source, 'deals', '3')),
      observe(fieldsQueryOptions(source, 'deals')),
      observe(recordListQueryOptions(source, 'deals', LIST)),
    ]);
    expect(record.data).toMatchObject({ id: '3', entityTypeId: 2 });
    expect(fields.data?.some((f) => f.name === 'ufCrm_REGION')).toBe(true);
    expect(list.data?.data.map((d) => d.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(requests(await sandbox.log())).toEqual(['batch:crm.item.fields,crm.item.get,crm.item.list']);
  });

  it('seeds each record cache from list rows: opening a listed record costs no request', async () => {
    const list = await observe(recordListQueryOptions(source, 'deals', LIST));
    await sandbox.clearLog();
    const record = await observe(recordQueryOptions(source, 'deals', '4'));
    expect(record.data).toEqual(list.data!.data[3]);
    expect(record.isStale).toBe(false);
    expect(await sandbox.log()).toEqual([]);
  });

  it('does not seed record caches from lists that select only some fields', async () => {
    await observe(recordListQueryOptions(source, 'deals', { ...LIST, select: ['title'] }));
    expect(queryClient.getQueryData(recordKeys.one('deals', '1'))).toBeUndefined();
  });

  it('keeps field metadata fresh for half an hour', async () => {
    await observe(fieldsQueryOptions(source, 'deals'));
    await sandbox.clearLog();
    await observe(fieldsQueryOptions(source, 'deals'));
    await queryClient.fetchQuery(fieldsQueryOptions(source, 'deals'));
    expect(await sandbox.log()).toEqual([]);
  });
});

describe('writes', () => {
  it('patches the record and every list holding it, then invalidates the family (lists refetched, fields not)', async () => {
    const created = await source.provider('deals').create({ title: 'Before', opportunity: 10 });
    const params: ListParams = { filter: { '%title': 'Before' } };
    const [record] = await Promise.all([
      observe(recordQueryOptions(source, 'deals', created.id)),
      observe(recordListQueryOptions(source, 'deals', params)),
      observe(fieldsQueryOptions(source, 'deals')),
    ]);
    await sandbox.clearLog();

    const mutation = new MutationObserver(queryClient, updateOptions());
    const answer = await mutation.mutate({
      id: created.id,
      patch: { title: 'Before and after' },
      previous: record.data!,
    });

    expect(answer).toMatchObject({ id: created.id, title: 'Before and after' });
    expect(queryClient.getQueryData<RecordData>(recordKeys.one('deals', created.id))).toEqual(answer);
    const list = queryClient.getQueryData<ListResult>(recordKeys.list('deals', params))!;
    expect(list.data).toEqual([answer]);
    // The update itself, then the active list refetched by the invalidation; not the record the
    // portal just answered with, not the field metadata.
    expect(requests(await sandbox.log())).toEqual(['crm.item.update', 'crm.item.list']);
    expect(queryClient.getQueryState(recordKeys.fields('deals'))?.isInvalidated).toBe(false);
  });

  it('shows the change at once and rolls it back when the portal refuses', async () => {
    const created = await source.provider('deals').create({ title: 'Rollback me', opportunity: 500 });
    const params: ListParams = { filter: { '%title': 'Rollback me' } };
    const [record] = await Promise.all([
      observe(recordQueryOptions(source, 'deals', created.id)),
      observe(recordListQueryOptions(source, 'deals', params)),
    ]);
    const seen: unknown[] = [];
    unsubscribe.push(
      queryClient.getQueryCache().subscribe((e) => {
        if (e.type === 'updated' && e.query.queryHash === JSON.stringify(recordKeys.one('deals', created.id)))
          seen.push((e.query.state.data as RecordData | undefined)?.opportunity);
      }),
    );

    const mutation = new MutationObserver(queryClient, updateOptions());
    // The portal refuses the amount (CRM_FIELD_ERROR_VALUE_NOT_VALID) after the optimistic patch.
    const error = await mutation
      .mutate({ id: created.id, patch: { opportunity: 'a lot' }, previous: record.data! })
      .catch((e: unknown) => e);

    expect(errorMessageKey(error)).toBe('errors:validation');
    expect(seen.slice(0, 2)).toEqual(['a lot', 500]);
    expect(queryClient.getQueryData<RecordData>(recordKeys.one('deals', created.id))?.opportunity).toBe(500);
    expect(queryClient.getQueryData<ListResult>(recordKeys.list('deals', params))?.data[0]?.opportunity).toBe(500);
    expect(reported).toEqual([{ error, source: 'mutation' }]);
  });

  it('rolls back on a forced portal error too, and reports it as access denied', async () => {
    const record = await observe(recordQueryOptions(source, 'deals', '2'));
    await sandbox.force(400, { error: 'ACCESS_DENIED', error_description: 'Access denied!' }, 'crm.item.update');
    const mutation = new MutationObserver(queryClient, updateOptions());
    const error = await mutation
      .mutate({ id: '2', patch: { title: 'Not allowed' }, previous: record.data! })
      .catch((e: unknown) => e);
    expect(errorMessageKey(error)).toBe('errors:accessDenied');
    expect(queryClient.getQueryData<RecordData>(recordKeys.one('deals', '2'))?.title).toBe(record.data!.title);
  });

  it('reports a failed refresh of data on screen through the global hook, but not a failed first load', async () => {
    const missing = await observe(recordQueryOptions(source, 'deals', '999999'));
    expect(errorMessageKey(missing.error)).toBe('errors:notFound');
    expect(reported).toEqual([]);

    await observe(recordQueryOptions(source, 'deals', '5'));
    await sandbox.force(400, { error: 'ACCESS_DENIED', error_description: 'Access denied!' }, 'crm.item.get');
    await queryClient.refetchQueries({ queryKey: recordKeys.one('deals', '5') });
    // The record stays on screen; the hook hears about the failed refresh.
    expect(queryClient.getQueryData<RecordData>(recordKeys.one('deals', '5'))?.id).toBe('5');
    expect(reported.map((r) => [errorMessageKey(r.error), r.source])).toEqual([['errors:accessDenied', 'query']]);
  });
});

describe('stages and users', () => {
  it('cold-opens a card — record, fields, resource catalogue and stages — with ONE HTTP request', async () => {
    const [record, , , stages] = await Promise.all([
      observe(recordQueryOptions(source, 'deals', '3')),
      observe(fieldsQueryOptions(source, 'deals')),
      observe(resourcesQueryOptions(source)),
      observe(stagesQueryOptions(source, 'deals')),
    ]);
    expect(requests(await sandbox.log())).toEqual(['batch:crm.item.fields,crm.item.get,crm.status.list,crm.type.list']);
    const stage = stageOf(stages.data, record.data?.stageId);
    expect(stage).toMatchObject({ id: record.data?.stageId, name: expect.any(String) });
    expect(stage?.name).not.toBe(stage?.id);
  });

  it('reads the stages of every deal pipeline in one call, without the record’s categoryId', async () => {
    const stages = (await observe(stagesQueryOptions(source, 'deals'))).data!;
    const dictionaries = new Set(stages.map((s) => s.entityId));
    expect(dictionaries.has('DEAL_STAGE')).toBe(true);
    expect([...dictionaries].some((d) => /^DEAL_STAGE_\d+$/.test(d))).toBe(true);
    expect(stages.find((s) => s.id === 'WON')).toMatchObject({ entityId: 'DEAL_STAGE', semantics: 'success' });
    expect(stages.find((s) => s.id === 'LOSE')?.semantics).toBe('failure');
    expect(stages.find((s) => s.id === 'NEW')).toMatchObject({
      semantics: 'process',
      color: expect.stringMatching(/^#/),
    });
    // A pipeline-1 deal resolves through the same dictionary read.
    const inPipeline = stages.find((s) => s.entityId === 'DEAL_STAGE_1');
    expect(inPipeline?.id).toMatch(/^C1:/);
    expect(requests(await sandbox.log())).toEqual(['crm.status.list']);
  });

  it('reads smart-process and lead stages; types without stages cost nothing', async () => {
    const contacts = new QueryObserver(queryClient, stagesQueryOptions(source, 'contacts'));
    unsubscribe.push(contacts.subscribe(() => undefined));
    const [projects, leads] = await Promise.all([
      observe(stagesQueryOptions(source, 'sp-1030')),
      observe(stagesQueryOptions(source, 'leads')),
    ]);
    expect(projects.data!.length).toBeGreaterThan(0);
    expect(projects.data!.every((s) => /^DYNAMIC_1030_STAGE_\d+$/.test(s.entityId) && /^DT1030_\d+:/.test(s.id))).toBe(
      true,
    );
    expect(leads.data!.map((s) => s.entityId)).toEqual(leads.data!.map(() => 'STATUS'));
    expect(leads.data!.find((s) => s.id === 'CONVERTED')?.semantics).toBe('success');
    expect(contacts.getCurrentResult()).toMatchObject({ status: 'pending', fetchStatus: 'idle' });
    expect(requests(await sandbox.log())).toEqual(['batch:crm.status.list,crm.status.list']);
  });

  it('keeps stages fresh for half an hour', async () => {
    await observe(stagesQueryOptions(source, 'deals'));
    await sandbox.clearLog();
    await observe(stagesQueryOptions(source, 'deals'));
    expect(await sandbox.log()).toEqual([]);
  });

  it('reads the responsible users of a whole list page with ONE user.get, then from the cache', async () => {
    const list = await observe(recordListQueryOptions(source, 'deals', { pagination: { page: 1, perPage: 50 } }));
    const ids = [...new Set(list.data!.data.map((d) => String(d.assignedById)))];
    expect(ids.length).toBeGreaterThan(1);
    await sandbox.clearLog();

    // One observer per id, mounted in the same tick — what useUserNames does for the rows of a page.
    const users = await Promise.all(ids.map((id) => observe(userQueryOptions(source, id))));
    expect(requests(await sandbox.log())).toEqual(['user.get']);
    for (const [i, u] of users.entries()) {
      expect(u.data).toMatchObject({ id: ids[i], fullName: expect.stringMatching(/\S/) });
    }
    const admin = (await t.hook('user.get', { ID: ids[0] })).body.result as { NAME: string; LAST_NAME: string }[];
    expect(users[0]!.data?.fullName).toBe(`${admin[0]!.NAME} ${admin[0]!.LAST_NAME}`.trim());

    await sandbox.clearLog();
    await Promise.all(ids.map((id) => observe(userQueryOptions(source, id))));
    expect(await sandbox.log()).toEqual([]);
  });

  it('answers null for a user the portal does not know, in the same call as the known ones', async () => {
    const [known, unknown] = await Promise.all([
      observe(userQueryOptions(source, '1')),
      observe(userQueryOptions(source, '999999')),
    ]);
    expect(known.data?.id).toBe('1');
    expect(unknown.data).toBeNull();
    expect(requests(await sandbox.log())).toEqual(['user.get']);
  });
});
