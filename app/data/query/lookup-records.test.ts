import {
  QueryObserver,
  type QueryClient,
  type QueryKey,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import type { RecordData } from '../types.ts';
import { currenciesQueryOptions, statusesQueryOptions } from './get-dictionaries.ts';
import { recordKeys, userKeys } from './keys.ts';
import {
  manyRecordsQueryOptions,
  recordSearchQueryOptions,
  searchFilter,
  SEARCH_LIMIT,
  userSearchQueryOptions,
} from './lookup-records.ts';
import { createQueryClient } from './query-client.ts';

// The record form's lookups against a real sandbox (demo seed): requests counted in the portal's log.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;
let queryClient: QueryClient;
let unsubscribe: (() => void)[];

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  queryClient = createQueryClient({ retry: false });
  unsubscribe = [];
  await sandbox.clearLog();
});
afterEach(() => unsubscribe.forEach((u) => u()));

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

async function portalList(entityTypeId: number, filter: Record<string, unknown>, select: string[]) {
  const res = await t.hook('crm.item.list', { entityTypeId, filter, select, order: { id: 'DESC' } });
  return (res.body.result as { items: Record<string, unknown>[] }).items;
}

describe('records by id', () => {
  it('reads a deal’s company and contacts in one batch and seeds each record’s cache', async () => {
    const contacts = (await portalList(3, { '>companyId': 0 }, ['id'])).slice(0, 3).map((c) => String(c.id));
    await sandbox.clearLog();
    const [company, many] = await Promise.all([
      observe(manyRecordsQueryOptions(source, 'companies', ['4'])),
      observe(manyRecordsQueryOptions(source, 'contacts', [...contacts].reverse())),
    ]);
    expect(company.data?.map((r) => r.id)).toEqual(['4']);
    expect(many.data?.map((r) => r.id).sort()).toEqual([...contacts].sort());
    expect(requests(await sandbox.log())).toEqual(['batch:crm.item.list,crm.item.list']);
    expect(queryClient.getQueryData<RecordData>(recordKeys.one('companies', '4'))?.id).toBe('4');
  });

  it('asks nothing for no ids', async () => {
    const observer = new QueryObserver(queryClient, manyRecordsQueryOptions(source, 'contacts', []));
    unsubscribe.push(observer.subscribe(() => undefined));
    expect(observer.getCurrentResult().fetchStatus).toBe('idle');
    expect(await sandbox.log()).toEqual([]);
  });
});

describe('record search', () => {
  it('finds contacts by first or last name, and a record by its number', async () => {
    const [contact] = await portalList(3, { '>id': 0 }, ['id', 'name', 'lastName']);
    const byLast = await observe(recordSearchQueryOptions(source, 'contacts', String(contact!.lastName)));
    expect(byLast.data?.map((r) => r.id)).toContain(String(contact!.id));
    expect(
      byLast.data!.every(
        (r) =>
          String(r.lastName).includes(String(contact!.lastName)) || String(r.name).includes(String(contact!.lastName)),
      ),
    ).toBe(true);
    const byFirst = await observe(recordSearchQueryOptions(source, 'contacts', String(contact!.name)));
    expect(byFirst.data?.map((r) => r.id)).toContain(String(contact!.id));
    const byId = await observe(recordSearchQueryOptions(source, 'deals', '#7'));
    expect(byId.data?.map((r) => r.id)).toContain('7');
  });

  it('finds companies by a part of the title, newest first, at most a page', async () => {
    const all = await observe(recordSearchQueryOptions(source, 'companies', ''));
    expect(all.data).toHaveLength(SEARCH_LIMIT);
    const title = String(all.data![0]!.title);
    const part = title.slice(1, 5);
    const found = await observe(recordSearchQueryOptions(source, 'companies', part));
    expect(found.data!.length).toBeGreaterThan(0);
    expect(found.data!.every((r) => String(r.title).toLowerCase().includes(part.toLowerCase()))).toBe(true);
  });

  it('builds OR sub-filters crm.item understands', () => {
    expect(searchFilter('contacts', ' ann ')).toEqual({
      0: { logic: 'OR', 0: { '%name': 'ann' }, 1: { '%lastName': 'ann' } },
    });
    expect(searchFilter('deals', '12')).toEqual({ 0: { logic: 'OR', 0: { '%title': '12' }, 1: { id: 12 } } });
    expect(searchFilter('sp-1030', '')).toEqual({});
  });
});

describe('users and dictionaries', () => {
  it('finds users by name with one user.search and seeds their names', async () => {
    const [user] = (await t.hook('user.get', { ID: 2 })).body.result as { NAME: string; LAST_NAME: string }[];
    await sandbox.clearLog();
    const found = await observe(userSearchQueryOptions(source, user!.LAST_NAME.slice(0, 3)));
    expect(found.data?.map((u) => u.id)).toContain('2');
    expect(requests(await sandbox.log())).toEqual(['user.search']);
    expect(queryClient.getQueryData(userKeys.brief('2'))).toMatchObject({
      fullName: `${user!.NAME} ${user!.LAST_NAME}`,
    });
    const first = await observe(userSearchQueryOptions(source, ''));
    expect(first.data!.length).toBeGreaterThan(1);
  });

  it('reads currencies and a status dictionary', async () => {
    const [currencies, sources] = await Promise.all([
      observe(currenciesQueryOptions(source)),
      observe(statusesQueryOptions(source, 'SOURCE')),
    ]);
    expect(currencies.data?.find((c) => c.base)).toEqual({ id: 'DKK', name: 'Danish krone', base: true });
    expect(currencies.data?.map((c) => c.id)).toContain('EUR');
    expect(sources.data).toContainEqual({ id: 'CALL', value: 'Call' });
    expect(requests(await sandbox.log())).toEqual(['batch:crm.currency.list,crm.status.list']);
  });
});
