import { queryOptions, skipToken, useQueries } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import type { UserBrief } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { userKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/** One user's name, position and photo; reads of the same tick share one `user.get` (DataSource.user). */
export function userQueryOptions(source: DataSource, id: string) {
  return queryOptions({
    queryKey: userKeys.brief(id),
    queryFn: id ? () => source.user(id) : skipToken,
    staleTime: META_STALE_MS,
    gcTime: 2 * META_STALE_MS,
  });
}

/** A user field's value as an id (`7`, `'7'`), or '' for "nobody" (`0`, empty). */
export function userIdOf(value: unknown): string {
  const id = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  return /^[1-9]\d*$/.test(id) ? id : '';
}

/**
 * Users by id, cached per user. All ids asked for in one render go out as one `user.get`, so a list
 * page costs one call for all its responsible users, not one per row. A user not (yet) known is
 * missing from the map; one the portal does not know maps to null.
 * @example const users = useUserNames(rows.map((r) => r.assignedById)); users['7']?.fullName // 'Anna Berg'
 */
export function useUserNames(ids: readonly unknown[]): Record<string, UserBrief | null> {
  const source = useDataSource();
  const unique = [...new Set(ids.map(userIdOf).filter(Boolean))];
  return useQueries({
    queries: unique.map((id) => userQueryOptions(source, id)),
    combine: (results) => {
      const out: Record<string, UserBrief | null> = {};
      results.forEach((r, i) => {
        if (r.data !== undefined) out[unique[i]!] = r.data;
      });
      return out;
    },
  });
}
