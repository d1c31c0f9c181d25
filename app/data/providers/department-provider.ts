import { BitrixError, type B24Client } from '../../b24/index.ts';
import type { UserBrief } from '../types.ts';
import { assertId, PORTAL_PAGE } from './shared.ts';
import { userBriefOf } from './user-provider.ts';

/** One department of the company structure (`department.get` row), in the app's shape. */
export interface Department {
  id: string;
  /** Portal text. */
  name: string;
  sort: number;
  /** The parent's id; `''` for the root (the company). */
  parentId: string;
  /** The head's user id; `''` when the department has none. */
  headId: string;
}

/** A department with its sub-departments, ordered the way the portal orders them (SORT, then id). */
export interface DepartmentNode extends Department {
  children: DepartmentNode[];
  /** 0 for a root. */
  depth: number;
}

/** What the people section shows of an employee: the brief plus contacts and departments. */
export interface UserCard extends UserBrief {
  active: boolean;
  /** Empty when the app's scope does not let it read e-mail (`user_brief`: ask for `user_basic`). */
  email: string;
  /** Work, mobile and home phones and the internal extension, those the portal sends. */
  phones: { kind: 'work' | 'mobile' | 'personal' | 'inner'; number: string }[];
  departmentIds: string[];
  isOnline: boolean;
}

interface DepartmentRow {
  ID: string | number;
  NAME?: string | null;
  SORT?: string | number | null;
  PARENT?: string | number | null;
  UF_HEAD?: string | number | null;
}

type UserRow = Record<string, unknown> & { ID: string | number };

const idOf = (v: unknown): string => {
  const s = typeof v === 'number' || typeof v === 'string' ? String(v) : '';
  return /^[1-9]\d*$/.test(s) ? s : '';
};
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function departmentOf(row: DepartmentRow): Department {
  return {
    id: String(row.ID),
    name: text(row.NAME),
    sort: Number(row.SORT ?? 500) || 0,
    parentId: idOf(row.PARENT),
    headId: idOf(row.UF_HEAD),
  };
}

const PHONES = [
  ['work', 'WORK_PHONE'],
  ['mobile', 'PERSONAL_MOBILE'],
  ['personal', 'PERSONAL_PHONE'],
  ['inner', 'UF_PHONE_INNER'],
] as const;

export function userCardOf(row: UserRow): UserCard {
  const departments = Array.isArray(row.UF_DEPARTMENT) ? row.UF_DEPARTMENT : [];
  return {
    ...userBriefOf(row),
    active: row.ACTIVE !== false && row.ACTIVE !== 'N',
    email: text(row.EMAIL),
    phones: PHONES.flatMap(([kind, key]) => {
      const number = text(row[key]).trim();
      return number ? [{ kind, number }] : [];
    }),
    departmentIds: departments.map(idOf).filter(Boolean),
    isOnline: row.IS_ONLINE === 'Y',
  };
}

/**
 * Every department of the portal. `department.get` pages by `start` (its filter takes only ID, NAME, SORT,
 * PARENT and UF_HEAD, so the `>ID` cursor is not available): one call for up to 50 departments, one more
 * per further 50.
 * @example (await readDepartments(client)).find((d) => d.parentId === '')?.name // 'Nordlys ApS'
 */
export async function readDepartments(client: B24Client): Promise<Department[]> {
  const out: Department[] = [];
  for (let start = 0; ; start += PORTAL_PAGE) {
    const { result, total } = await client.call<DepartmentRow[]>('department.get', {
      sort: 'ID',
      order: 'ASC',
      START: start,
    });
    out.push(...result.map(departmentOf));
    const more = typeof total === 'number' ? start + PORTAL_PAGE < total : result.length === PORTAL_PAGE;
    if (!more) return out;
  }
}

/**
 * The departments as a forest: roots (no parent, or a parent the app cannot see) with their children,
 * each level ordered by SORT then id. A department is never its own ancestor (a broken parent chain
 * makes it a root).
 * @example departmentTree(departments)[0].children.map((d) => d.name) // ['Sales', 'Marketing', …]
 */
export function departmentTree(departments: readonly Department[]): DepartmentNode[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const children = new Map<string, Department[]>();
  const roots: Department[] = [];
  for (const d of departments) {
    if (d.parentId && d.parentId !== d.id && byId.has(d.parentId)) {
      children.set(d.parentId, [...(children.get(d.parentId) ?? []), d]);
    } else roots.push(d);
  }
  const order = (a: Department, b: Department) => a.sort - b.sort || Number(a.id) - Number(b.id);
  const seen = new Set<string>();
  const build = (d: Department, depth: number): DepartmentNode => {
    seen.add(d.id);
    const kids = (children.get(d.id) ?? []).filter((c) => !seen.has(c.id)).sort(order);
    return { ...d, depth, children: kids.map((c) => build(c, depth + 1)) };
  };
  const forest = roots.sort(order).map((r) => build(r, 0));
  // A cycle (A's parent B, B's parent A) reaches no root: show its members as roots rather than lose them.
  for (const d of [...departments].sort(order)) if (!seen.has(d.id)) forest.push(build(d, 0));
  return forest;
}

/**
 * One page (50) of a department's active employees by last name; `hasMore` when the page was full.
 * Only direct members: `UF_DEPARTMENT` lists the departments a user belongs to, not their parents.
 * @example const { users } = await readDepartmentUsers(client, '2', 0);
 */
export async function readDepartmentUsers(
  client: B24Client,
  departmentId: string,
  start: number,
): Promise<{ users: UserCard[]; next: number | null }> {
  assertId(departmentId, 'user.get');
  const { result, total } = await client.call<UserRow[]>('user.get', {
    FILTER: { UF_DEPARTMENT: Number(departmentId), ACTIVE: true },
    sort: 'LAST_NAME',
    order: 'ASC',
    start,
  });
  const more = typeof total === 'number' ? start + PORTAL_PAGE < total : result.length === PORTAL_PAGE;
  return { users: result.map(userCardOf), next: more ? start + PORTAL_PAGE : null };
}

/**
 * A user's card: name, position, photo, contacts, departments (what the app's user scope shows).
 * @example (await readUserCard(client, '3')).email // 'sofie.lindqvist@example.com'
 */
export async function readUserCard(client: B24Client, id: string): Promise<UserCard> {
  assertId(id, 'user.get');
  const { result } = await client.call<UserRow[]>('user.get', { FILTER: { ID: Number(id) } });
  const row = result[0];
  if (!row) throw new BitrixError('NOT_FOUND', `User ${id} not found`, 0, 'user.get');
  return userCardOf(row);
}
