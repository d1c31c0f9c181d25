import { infiniteQueryOptions, queryOptions, skipToken, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { readDepartmentUsers, readUserCard, type UserCard } from '../providers/department-provider.ts';
import { useDataSource } from './data-context.ts';
import { directoryKeys, userKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/** The brief part of a card, for `['users', 'brief', id]` (what lists and pickers name users by). */
function briefOfCard(card: UserCard) {
  const { id, name, lastName, fullName, workPosition, photo } = card;
  return { id, name, lastName, fullName, workPosition, photo };
}

/** A department's active employees, 50 a page; each row also seeds the user's card and name caches. */
export function departmentUsersQueryOptions(source: DataSource, departmentId: string) {
  return infiniteQueryOptions({
    queryKey: directoryKeys.departmentUsers(departmentId),
    queryFn: departmentId
      ? async ({ pageParam, client }) => {
          const page = await readDepartmentUsers(source.client, departmentId, pageParam);
          const updatedAt = Date.now();
          for (const u of page.users) {
            client.setQueryData(directoryKeys.userCard(u.id), u, { updatedAt });
            client.setQueryData(userKeys.brief(u.id), briefOfCard(u), { updatedAt });
          }
          return page;
        }
      : skipToken,
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
    staleTime: META_STALE_MS,
  });
}

/**
 * The employees of a department (direct members, by last name); `fetchNextPage` reads 50 more.
 * @example const people = useDepartmentUsers('2'); people.data?.pages.flatMap((p) => p.users)
 */
export function useDepartmentUsers(departmentId: string | null) {
  return useInfiniteQuery(departmentUsersQueryOptions(useDataSource(), departmentId ?? ''));
}

/** A user's card (contacts, departments); a department list that showed the user has seeded it. */
export function userCardQueryOptions(source: DataSource, id: string) {
  return queryOptions({
    queryKey: directoryKeys.userCard(id),
    queryFn: id
      ? async ({ client }) => {
          const card = await readUserCard(source.client, id);
          client.setQueryData(userKeys.brief(id), briefOfCard(card));
          return card;
        }
      : skipToken,
    staleTime: META_STALE_MS,
  });
}

/**
 * One user's card: name, position, photo, e-mail, phones, departments.
 * @example const { data: card } = useUserCard('3'); card?.phones.map((p) => p.number)
 */
export function useUserCard(id: string | null) {
  return useQuery(userCardQueryOptions(useDataSource(), id ?? ''));
}
