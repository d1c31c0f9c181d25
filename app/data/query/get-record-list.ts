import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import type { ListParams, ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { recordKeys } from './keys.ts';

/**
 * A page of records. Rows of whole-record lists (no `select`) seed each record's `one` cache with
 * the list's timestamp — react-admin's useGetList — so opening one of them costs no request.
 */
export function recordListQueryOptions(source: DataSource, resource: ResourceName, params: ListParams = {}) {
  return queryOptions({
    queryKey: recordKeys.list(resource, params),
    queryFn: async ({ client }) => {
      const result = await source.provider(resource).getList(params);
      if (!params.select) {
        const updatedAt = Date.now();
        for (const row of result.data) client.setQueryData(recordKeys.one(resource, row.id), row, { updatedAt });
      }
      return result;
    },
    placeholderData: keepPreviousData,
  });
}

/**
 * A page of a resource's records with the portal's total.
 * @example const { data } = useRecordList('deals', { filter: { companyId: 3 }, sort: { field: 'id', order: 'DESC' } });
 */
export function useRecordList(resource: ResourceName, params: ListParams = {}) {
  return useQuery(recordListQueryOptions(useDataSource(), resource, params));
}
