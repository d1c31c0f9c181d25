import { BitrixError, type B24Client } from '../../b24/index.ts';
import { assertId, PORTAL_PAGE } from './shared.ts';

/** A workgroup or project (`sonet_group.get` row), in the app's shape. Texts are portal text. */
export interface Workgroup {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  memberCount: number;
  /** A project (with dates) rather than a plain workgroup. */
  project: boolean;
  /** Listed for everyone (`VISIBLE`); otherwise only members see it. */
  visible: boolean;
  /** Anyone may join without an invitation (`OPENED`). */
  opened: boolean;
  /** Archived (`CLOSED`). */
  closed: boolean;
  /** ISO datetime of the last activity, or `''`. */
  activityAt: string;
}

/** A member's role: owner (`A`), moderator (`E`) or member (`K`). */
export type GroupRole = 'owner' | 'moderator' | 'member';

export interface GroupMember {
  userId: string;
  role: GroupRole;
}

/** One event of a group calendar (`calendar.event.get` with `type: 'group'`). */
export interface GroupEvent {
  id: string;
  name: string;
  /** Start and end as epoch ms (the portal's UTC timestamps). */
  from: number;
  to: number;
  /** All-day (`DT_SKIP_TIME`): `from`/`to` are UTC midnights of the days. */
  allDay: boolean;
  location: string;
}

export interface NewWorkgroup {
  name: string;
  description?: string;
  /** Listed for everyone (default true). */
  visible?: boolean;
  /** Anyone may join (default false). */
  opened?: boolean;
  project?: boolean;
}

type GroupRow = Record<string, unknown> & { ID: string | number };

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const yes = (v: unknown) => v === 'Y' || v === true;

function groupOf(row: GroupRow): Workgroup {
  return {
    id: String(row.ID),
    name: text(row.NAME),
    description: text(row.DESCRIPTION),
    ownerId: text(row.OWNER_ID),
    memberCount: Number(row.NUMBER_OF_MEMBERS ?? 0) || 0,
    project: yes(row.PROJECT),
    visible: yes(row.VISIBLE),
    opened: yes(row.OPENED),
    closed: yes(row.CLOSED),
    activityAt: text(row.DATE_ACTIVITY),
  };
}

const ROLES: Record<string, GroupRole> = { A: 'owner', E: 'moderator', K: 'member' };

/**
 * One page (50) of the workgroups the user can see whose name contains `search` (all when empty), active
 * ones first by name. `next` is the `start` of the following page, or null.
 * @example const { groups } = await searchGroups(client, 'launch', 0);
 */
export async function searchGroups(
  client: B24Client,
  search: string,
  start: number,
): Promise<{ groups: Workgroup[]; next: number | null }> {
  const find = search.trim();
  const { result, total } = await client.call<GroupRow[]>('sonet_group.get', {
    ORDER: { NAME: 'ASC' },
    FILTER: find ? { '%NAME': find } : {},
    start,
  });
  const more = typeof total === 'number' ? start + PORTAL_PAGE < total : result.length === PORTAL_PAGE;
  const groups = result.map(groupOf).sort((a, b) => Number(a.closed) - Number(b.closed));
  return { groups, next: more ? start + PORTAL_PAGE : null };
}

/**
 * A workgroup by id; `NOT_FOUND` when it does not exist or the user may not see it.
 * @example (await readGroup(client, '3')).name
 */
export async function readGroup(client: B24Client, id: string): Promise<Workgroup> {
  assertId(id, 'sonet_group.get');
  const { result } = await client.call<GroupRow[]>('sonet_group.get', { FILTER: { ID: Number(id) } });
  const row = result[0];
  if (!row) throw new BitrixError('NOT_FOUND', `Workgroup ${id} not found`, 0, 'sonet_group.get');
  return groupOf(row);
}

/**
 * The members of a workgroup with their roles, owner first, then moderators, then members.
 * @example (await readGroupMembers(client, '3')).filter((m) => m.role === 'moderator')
 */
export async function readGroupMembers(client: B24Client, groupId: string): Promise<GroupMember[]> {
  assertId(groupId, 'sonet_group.user.get');
  const { result } = await client.call<{ USER_ID: string | number; ROLE: string }[]>('sonet_group.user.get', {
    ID: Number(groupId),
  });
  const rank: Record<GroupRole, number> = { owner: 0, moderator: 1, member: 2 };
  return (Array.isArray(result) ? result : [])
    .flatMap((m) => {
      const role = ROLES[String(m.ROLE).toUpperCase()];
      // Requests and invitations (`Z`) are not members yet.
      return role ? [{ userId: String(m.USER_ID), role }] : [];
    })
    .sort((a, b) => rank[a.role] - rank[b.role] || Number(a.userId) - Number(b.userId));
}

/**
 * A group calendar's events between two instants, by start. The portal expands nothing: a recurring
 * event comes once per occurrence it stores.
 * @example await readGroupEvents(client, '3', Date.now(), Date.now() + 30 * 86_400_000)
 */
export async function readGroupEvents(client: B24Client, groupId: string, from: number, to: number) {
  assertId(groupId, 'calendar.event.get');
  const { result } = await client.call<Record<string, unknown>[]>('calendar.event.get', {
    type: 'group',
    ownerId: Number(groupId),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  });
  const events: GroupEvent[] = (Array.isArray(result) ? result : []).map((e) => ({
    id: text(e.ID),
    name: text(e.NAME),
    from: Number(e.DATE_FROM_TS_UTC) * 1000,
    to: Number(e.DATE_TO_TS_UTC) * 1000,
    allDay: e.DT_SKIP_TIME === 'Y',
    location: text(e.LOCATION),
  }));
  return events.filter((e) => Number.isFinite(e.from)).sort((a, b) => a.from - b.from || Number(a.id) - Number(b.id));
}

/**
 * Creates a workgroup with the current user as owner; resolves with its id. The portal refuses users
 * who may not create groups ("You have no permissions to create a group").
 * @example await createGroup(client, { name: 'Launch team', description: 'Spring launch' })
 */
export async function createGroup(client: B24Client, input: NewWorkgroup): Promise<string> {
  const { result } = await client.call('sonet_group.create', {
    NAME: input.name.trim(),
    DESCRIPTION: input.description ?? '',
    VISIBLE: input.visible === false ? 'N' : 'Y',
    OPENED: input.opened ? 'Y' : 'N',
    PROJECT: input.project ? 'Y' : 'N',
    // Members invite others (the portal's default for groups made in its own form).
    INITIATE_PERMS: 'K',
  });
  return String(result);
}
