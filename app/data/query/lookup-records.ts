import { queryOptions, skipToken, useQueries, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { searchUsers } from '../providers/user-search-provider.ts';
import { entityTypeIdOf } from '../resources/static-resources.ts';
import type { ListParams, RecordData, ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { lookupKeys, recordKeys, userKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/** How many matches a picker shows; typing more narrows them. */
export const SEARCH_LIMIT = 20;

/**
 * Whole records of a resource by id (`getMany`: one `crm.item.list` per 50 ids), in the order asked; each
 * also seeds the record's `one` cache, so opening one costs no request.
 */
export function manyRecordsQueryOptions(source: DataSource, resource: ResourceName, ids: readonly string[]) {
  const wanted = [...new Set(ids)].filter((id) => /^[1-9]\d*$/.test(id)).sort((a, b) => Number(a) - Number(b));
  return queryOptions({
    queryKey: lookupKeys.many(resource, wanted),
    queryFn: wanted.length
      ? async ({ client }) => {
          const records = await source.provider(resource).getMany(wanted);
          const updatedAt = Date.now();
          for (const r of records) client.setQueryData(recordKeys.one(resource, r.id), r, { updatedAt });
          return records;
        }
      : skipToken,
  });
}

export interface RecordRefs {
  resource: ResourceName;
  ids: readonly string[];
}

/**
 * Records of several resources by id, read in the same tick (so they share one batch request): a deal's
 * company and contacts, a picker's chosen values. The result maps each resource to its records; a
 * resource still loading maps to nothing, an unknown id is left out.
 * @example const { records } = useManyRecords([{ resource: 'companies', ids: ['3'] }, { resource: 'contacts', ids }]);
 */
export function useManyRecords(refs: readonly RecordRefs[]) {
  const source = useDataSource();
  return useQueries({
    queries: refs.map((r) => manyRecordsQueryOptions(source, r.resource, r.ids)),
    combine: (results) => {
      const records: Partial<Record<ResourceName, RecordData[]>> = {};
      results.forEach((q, i) => {
        if (q.data) records[refs[i]!.resource] = [...(records[refs[i]!.resource] ?? []), ...q.data];
      });
      return {
        records,
        isLoading: results.some((q) => q.isLoading),
        error: results.find((q) => q.error)?.error ?? null,
      };
    },
  });
}

/**
 * The filter of a title search: contacts by first or last name, everything else by title; a number also
 * matches the record with that id. crm.item takes OR sub-filters under numeric keys (rest.md §9).
 * @example searchFilter('contacts', 'ann') // { 0: { logic: 'OR', 0: { '%name': 'ann' }, 1: { '%lastName': 'ann' } } }
 */
export function searchFilter(resource: ResourceName, text: string): Record<string, unknown> {
  const t = text.trim();
  if (!t) return {};
  const parts: Record<string, unknown>[] =
    entityTypeIdOf(resource) === 3 ? [{ '%name': t }, { '%lastName': t }] : [{ '%title': t }];
  const id = /^#?([1-9]\d{0,9})$/.exec(t)?.[1];
  if (id) parts.push({ id: Number(id) });
  return { 0: { logic: 'OR', ...Object.fromEntries(parts.map((p, i) => [i, p])) } };
}

/** The fields a picker needs to name a record. */
function titleSelect(resource: ResourceName): string[] {
  return entityTypeIdOf(resource) === 3 ? ['name', 'secondName', 'lastName'] : ['title'];
}

/** Up to SEARCH_LIMIT records of a resource matching a text (newest first; an empty text gives the newest). */
export function recordSearchQueryOptions(source: DataSource, resource: ResourceName, text: string) {
  const params: ListParams = {
    filter: searchFilter(resource, text),
    select: titleSelect(resource),
    sort: { field: 'id', order: 'DESC' },
    pagination: { page: 1, perPage: SEARCH_LIMIT },
  };
  return queryOptions({
    queryKey: lookupKeys.search(resource, text.trim()),
    queryFn: async () => (await source.provider(resource).getList(params)).data,
  });
}

/**
 * Records of one or more resources whose title matches `text`, for a CRM-link picker; the searches of
 * one render go out in one batch. `enabled: false` (a closed picker) sends nothing.
 * @example const { results } = useRecordSearch(['companies'], 'nord'); results.companies?.map((r) => r.title)
 */
export function useRecordSearch(resources: readonly ResourceName[], text: string, enabled = true) {
  const source = useDataSource();
  return useQueries({
    queries: resources.map((resource) => ({ ...recordSearchQueryOptions(source, resource, text), enabled })),
    combine: (results) => {
      const found: Partial<Record<ResourceName, RecordData[]>> = {};
      results.forEach((q, i) => {
        if (q.data) found[resources[i]!] = q.data;
      });
      return { results: found, isFetching: results.some((q) => q.isFetching) };
    },
  });
}

/** Users whose names match `text`, cached half an hour; each also seeds the user's name cache. */
export function userSearchQueryOptions(source: DataSource, text: string) {
  return queryOptions({
    queryKey: lookupKeys.users(text.trim()),
    queryFn: async ({ client }) => {
      const users = await searchUsers(source.client, text);
      for (const u of users) client.setQueryData(userKeys.brief(u.id), u);
      return users;
    },
    staleTime: META_STALE_MS,
    gcTime: 2 * META_STALE_MS,
  });
}

/**
 * Employees for a user picker: matching `text`, or the first 50 when it is empty; `enabled: false` (a closed
 * picker) sends nothing.
 * @example const { data: users = [] } = useUserSearch(search, opened); users.map((u) => ({ value: u.id, label: u.fullName }));
 */
export function useUserSearch(text: string, enabled = true) {
  const source = useDataSource();
  return useQuery({ ...userSearchQueryOptions(source, text), enabled });
}
