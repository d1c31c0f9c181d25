import type { B24Client } from '../../b24/index.ts';
import type { UserBrief } from '../types.ts';
import { chunks, PORTAL_PAGE } from './shared.ts';

/** A `user.get` / `user.search` / `user.current` row, as far as a brief needs it. */
export interface UserRow {
  ID: string | number;
  NAME?: unknown;
  LAST_NAME?: unknown;
  WORK_POSITION?: unknown;
  PERSONAL_PHOTO?: unknown;
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The one mapping of a portal user row to what lists and cards show. */
export function userBriefOf(row: UserRow): UserBrief {
  const name = text(row.NAME);
  const lastName = text(row.LAST_NAME);
  return {
    id: String(row.ID),
    name,
    lastName,
    fullName: `${name} ${lastName}`.trim(),
    workPosition: text(row.WORK_POSITION),
    photo: text(row.PERSONAL_PHOTO),
  };
}

/** Reads users by id, each id once per tick. */
export interface UserReader {
  /** The user, or null when the portal does not know (or does not show) the id. */
  brief(id: string): Promise<UserBrief | null>;
}

/**
 * Users by id, batched: every id asked for in the same tick goes into one `user.get` with
 * `FILTER: { ID: [...] }` (50 ids a call), so a list of 50 rows costs one call, not one per row.
 * The loader lives in the DataSource (one per client), not in module state.
 * @example const reader = createUserReader(client); const [a, b] = await Promise.all([reader.brief('1'), reader.brief('7')]);
 */
export function createUserReader(client: B24Client): UserReader {
  let pending = new Map<string, ((user: UserBrief | null) => void)[]>();
  let failures: ((e: unknown) => void)[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const waiting = pending;
    const fail = failures;
    pending = new Map();
    failures = [];
    const ids = [...waiting.keys()];
    // `user.get` has no SELECT: the portal sends the fields the scope allows; we keep five of them.
    Promise.all(
      chunks(ids, PORTAL_PAGE).map((part) =>
        client.call<UserRow[]>('user.get', { FILTER: { ID: part } }).then((a) => a.result),
      ),
    ).then(
      (pages) => {
        const byId = new Map(pages.flat().map((row) => [String(row.ID), userBriefOf(row)]));
        for (const [id, resolvers] of waiting) resolvers.forEach((r) => r(byId.get(id) ?? null));
      },
      (e: unknown) => fail.forEach((reject) => reject(e)),
    );
  };

  return {
    brief(id) {
      if (!/^[1-9]\d*$/.test(id)) return Promise.resolve(null);
      return new Promise((resolve, reject) => {
        pending.set(id, [...(pending.get(id) ?? []), resolve]);
        failures.push(reject);
        if (!scheduled) {
          scheduled = true;
          queueMicrotask(flush);
        }
      });
    },
  };
}
