import type { B24Client } from '../../b24/index.ts';
import type { UserBrief } from '../types.ts';
import { userBriefOf } from './user-provider.ts';

interface UserRow {
  ID: string | number;
  ACTIVE?: boolean | string | null;
  NAME?: string | null;
  LAST_NAME?: string | null;
  WORK_POSITION?: string | null;
  PERSONAL_PHOTO?: string | null;
}

/**
 * Active employees whose name, last name, e-mail or position starts with the words of `text`
 * (`user.search` with `FIND`), one page of the portal (50); an empty text lists the first 50 by last
 * name (`user.get`) so a picker has something to offer before the user types.
 * @example (await searchUsers(client, 'ann')).map((u) => u.fullName) // ['Anna Berg', …]
 */
export async function searchUsers(client: B24Client, text: string): Promise<UserBrief[]> {
  const find = text.trim();
  const { result } = find
    ? // user.search answers active users unless ACTIVE is given; with FIND it takes no other filter key.
      await client.call<UserRow[]>('user.search', { FILTER: { FIND: find } })
    : await client.call<UserRow[]>('user.get', { FILTER: { ACTIVE: true }, sort: 'LAST_NAME', order: 'ASC' });
  // A former employee must not be offered, whatever the portal makes of ACTIVE next to FIND.
  return result.filter((row) => row.ACTIVE !== false && row.ACTIVE !== 'N').map(userBriefOf);
}
