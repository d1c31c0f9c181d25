import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { searchGroups } from '../providers/group-provider.ts';
import { useDataSource } from './data-context.ts';
import { directoryKeys } from './keys.ts';

/** Workgroups whose name contains `text`, 50 a page; each row seeds the group's own cache. */
export function groupSearchQueryOptions(source: DataSource, text: string) {
  return infiniteQueryOptions({
    queryKey: directoryKeys.groupSearch(text.trim()),
    queryFn: async ({ pageParam, client }) => {
      const page = await searchGroups(source.client, text, pageParam);
      const updatedAt = Date.now();
      for (const g of page.groups) client.setQueryData(directoryKeys.group(g.id), g, { updatedAt });
      return page;
    },
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * The workgroups the user can see, filtered by name (`sonet_group.get` with `%NAME`); the previous
 * result stays on screen while a new search runs.
 * @example const groups = useGroupSearch(debounced); groups.data?.pages.flatMap((p) => p.groups)
 */
export function useGroupSearch(text: string) {
  return useInfiniteQuery(groupSearchQueryOptions(useDataSource(), text));
}
