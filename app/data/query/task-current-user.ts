import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { type UserRow, userBriefOf } from '../providers/user-provider.ts';
import { useDataSource } from './data-context.ts';
import { taskKeys } from './keys.ts';

/** The user the app runs as (`user.current`); kept for the page's life, since it cannot change within it. */
export function currentUserQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: taskKeys.me(),
    queryFn: async () => userBriefOf((await source.client.call<UserRow>('user.current')).result),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/**
 * The current user's name and id (a "mine" task list seeds it, so it usually costs nothing).
 * @example const { data: me } = useCurrentUser(); me?.id // '1'
 */
export function useCurrentUser() {
  return useQuery(currentUserQueryOptions(useDataSource()));
}
