import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { UserBrief } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { userQueryOptions } from './get-users.ts';
import { userSearchQueryOptions } from './lookup-records.ts';

export interface UserSearch {
  /** Active employees matching `query` (`user.search` with `FIND`; `''` → the first 50 by last name). */
  search(query: string): Promise<UserBrief[]>;
  /** Users by id in the order asked, unknown ids left out; ids of one tick share one `user.get`. */
  resolve(ids: string[]): Promise<UserBrief[]>;
}

/**
 * What the shared `UserPicker` (app/ui/user-picker.tsx) needs: a search and a lookup by id, both through
 * the query cache — a search is cached per text for half an hour and every user it finds seeds
 * `['users', 'brief', id]`, so naming a picked user (or the same user in a list) costs no request.
 * The functions are stable for the DataProvider's life (safe as effect dependencies).
 * @example
 * const users = useUserSearch();
 * <UserPicker label={t('responsible')} value={id} onChange={setId} search={users.search} resolve={users.resolve} />
 */
export function useUserSearch(): UserSearch {
  const source = useDataSource();
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      search: (query) => queryClient.fetchQuery(userSearchQueryOptions(source, query)),
      resolve: async (ids) => {
        const users = await Promise.all(
          [...new Set(ids)].map((id) => queryClient.fetchQuery(userQueryOptions(source, id))),
        );
        return users.filter((u): u is UserBrief => u !== null);
      },
    }),
    [queryClient, source],
  );
}
