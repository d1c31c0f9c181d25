// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { B24Client, type RawCaller, type RestAnswer } from '../b24/index.ts';
import { DataProvider } from './data-provider.tsx';
import { createQueryClient } from './query/query-client.ts';
import { useFields } from './query/get-fields.ts';
import { useRecord } from './query/get-record.ts';
import { useRecordList } from './query/get-record-list.ts';
import { useStage } from './query/get-stages.ts';
import { useUserNames } from './query/get-users.ts';
import { useUpdateRecord } from './query/update-record.ts';

// The hooks mounted through DataProvider. The portal is a stub here (a DOM environment cannot reach
// the sandbox: its XHR refuses the origin); query-layer.test.ts covers the same paths against a portal.
// The stub throws on any method it was not given, like react-admin's testDataProvider.
type Answers = Record<string, (params: Record<string, unknown>) => unknown>;

function stubPortal(answers: Answers) {
  const requests: string[][] = [];
  const answer = (method: string, params: Record<string, unknown>): RestAnswer => {
    const fn = answers[method];
    if (!fn) throw new Error(`unstubbed method ${method}`);
    return { result: fn(params) };
  };
  const raw: RawCaller = async (method, params) => {
    if (method !== 'batch') {
      requests.push([method]);
      return answer(method, params);
    }
    const cmd = params.cmd as Record<string, string>;
    requests.push(Object.values(cmd).map((c) => c.split('?')[0]!));
    const result: Record<string, unknown> = {};
    for (const [key, c] of Object.entries(cmd)) {
      const [method = ''] = c.split('?');
      const query = new URLSearchParams(c.slice(method.length + 1));
      result[key] = answer(method, Object.fromEntries(query));
    }
    return {
      result: {
        result: Object.fromEntries(Object.entries(result).map(([k, v]) => [k, (v as RestAnswer).result])),
        result_error: [],
      },
    };
  };
  return { client: new B24Client(raw), requests };
}

const deal = (id: number, title: string) => ({ id, title, opportunity: 100, entityTypeId: 2 });

function wrapper(client: B24Client) {
  const queryClient = createQueryClient({ retry: false });
  return {
    queryClient,
    Wrapper: ({ children }: { children: ReactNode }) => (
      <DataProvider client={client} queryClient={queryClient}>
        {children}
      </DataProvider>
    ),
  };
}

describe('data hooks', () => {
  it('a screen mounting a record, its fields and a list sends one batch request', async () => {
    const portal = stubPortal({
      'crm.item.get': () => ({ item: deal(7, 'Seven') }),
      'crm.item.fields': () => ({ fields: { title: { type: 'string', title: 'Name', upperName: 'TITLE' } } }),
      'crm.item.list': () => ({ items: [deal(7, 'Seven'), deal(8, 'Eight')] }),
    });
    const { Wrapper } = wrapper(portal.client);
    const { result } = renderHook(
      () => ({ record: useRecord('deals', '7'), fields: useFields('deals'), list: useRecordList('deals') }),
      { wrapper: Wrapper },
    );
    await waitFor(() =>
      expect(result.current.list.isSuccess && result.current.record.isSuccess && result.current.fields.isSuccess).toBe(
        true,
      ),
    );
    expect(result.current.record.data).toEqual({ id: '7', title: 'Seven', opportunity: 100, entityTypeId: 2 });
    expect(result.current.fields.data?.[0]).toMatchObject({ name: 'title', kind: 'string' });
    expect(portal.requests).toEqual([['crm.item.get', 'crm.item.fields', 'crm.item.list']]);
  });

  it('useUpdateRecord shows the change in the record and the list, and keeps the answer', async () => {
    let title = 'Seven';
    const portal = stubPortal({
      'crm.item.get': () => ({ item: deal(7, title) }),
      'crm.item.list': () => ({ items: [deal(7, title)] }),
      'crm.item.update': () => {
        title = 'Seven!';
        return { item: deal(7, title) };
      },
    });
    const { Wrapper } = wrapper(portal.client);
    const { result } = renderHook(
      () => ({ record: useRecord('deals', '7'), list: useRecordList('deals'), update: useUpdateRecord('deals') }),
      { wrapper: Wrapper },
    );
    await waitFor(() => expect(result.current.list.isSuccess && result.current.record.isSuccess).toBe(true));
    await act(() =>
      result.current.update.mutateAsync({ id: '7', patch: { title: 'Seven!' }, previous: result.current.record.data! }),
    );
    expect(result.current.record.data?.title).toBe('Seven!');
    expect(result.current.list.data?.data[0]?.title).toBe('Seven!');
    // The update, then the list refetched by the invalidation; the record itself is not read again.
    expect(portal.requests.slice(-2)).toEqual([['crm.item.update'], ['crm.item.list']]);
  });

  it('useStage joins the record’s batch and resolves its stage id to name, colour and semantics', async () => {
    const portal = stubPortal({
      'crm.item.get': () => ({ item: { ...deal(7, 'Seven'), stageId: 'C1:WON', assignedById: 3 } }),
      'crm.status.list': () => [
        { ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'WON', NAME: 'Won', SORT: '60', COLOR: '#7BD500', SEMANTICS: 'S' },
        { ENTITY_ID: 'DEAL_STAGE_1', STATUS_ID: 'C1:WON', NAME: 'Paid', SORT: '60', COLOR: '#7BD500', SEMANTICS: 'S' },
        { ENTITY_ID: 'DEAL_TYPE', STATUS_ID: 'SALE', NAME: 'Sale', SORT: '10', COLOR: null, SEMANTICS: null },
      ],
    });
    const { Wrapper } = wrapper(portal.client);
    const { result } = renderHook(
      () => {
        const record = useRecord('deals', '7');
        return { record, stage: useStage('deals', record.data?.stageId) };
      },
      { wrapper: Wrapper },
    );
    await waitFor(() => expect(result.current.stage.data).toBeDefined());
    expect(result.current.stage.data).toEqual({
      id: 'C1:WON',
      entityId: 'DEAL_STAGE_1',
      name: 'Paid',
      color: '#7BD500',
      sort: 60,
      semantics: 'success',
    });
    expect(portal.requests).toEqual([['crm.item.get', 'crm.status.list']]);
  });

  it('useUserNames reads every id of a render with one user.get, and each user from the cache after', async () => {
    const asked: unknown[] = [];
    const portal = stubPortal({
      'user.get': (params) => {
        asked.push(params);
        return [
          { ID: '3', NAME: 'Anna', LAST_NAME: 'Berg', WORK_POSITION: 'Sales', PERSONAL_PHOTO: '' },
          { ID: '5', NAME: '', LAST_NAME: 'Holm' },
        ];
      },
    });
    const { Wrapper } = wrapper(portal.client);
    const { result, rerender } = renderHook(({ ids }: { ids: unknown[] }) => useUserNames(ids), {
      wrapper: Wrapper,
      initialProps: { ids: [3, '5', 3, 0, '', 9] },
    });
    await waitFor(() => expect(Object.keys(result.current).sort()).toEqual(['3', '5', '9']));
    expect(result.current['3']).toMatchObject({ fullName: 'Anna Berg', workPosition: 'Sales' });
    expect(result.current['5']?.fullName).toBe('Holm');
    expect(result.current['9']).toBeNull();
    expect(portal.requests).toEqual([['user.get']]);
    expect(asked).toEqual([{ FILTER: { ID: ['3', '5', '9'] } }]);
    rerender({ ids: ['5', 3] });
    expect(Object.keys(result.current).sort()).toEqual(['3', '5']);
    expect(portal.requests).toHaveLength(1);
  });

  it('needs a DataProvider', () => {
    expect(() => renderHook(() => useRecord('deals', '1'))).toThrow(/DataProvider/);
  });
});
