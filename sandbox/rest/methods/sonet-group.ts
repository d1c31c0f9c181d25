import { getMeta, type Db } from '../../db/database.ts';
import type { CallContext } from '../engine/context.ts';
import { errors } from '../engine/errors.ts';
import { isPlainObject, param, toInt, type Params } from '../engine/params.ts';
import {
  compileFilter,
  compileOrder,
  condition,
  DocTable,
  docResolver,
  jsonField,
  prepare,
  type ColumnResolver,
} from '../engine/query.ts';
import { ListResult } from '../engine/registry.ts';
import { formatIso, nowMs, parseDateInput, toStoredDateTime } from '../engine/time.ts';
import type { Family } from './family.ts';

/** Stored workgroup (UPPER_CASE keys, datetimes as UTC ISO). */
export interface GroupDoc extends Record<string, unknown> {
  NAME: string;
  DESCRIPTION: string | null;
  DATE_CREATE: string;
  DATE_UPDATE: string;
  DATE_ACTIVITY: string;
  ACTIVE: string;
  VISIBLE: string;
  OPENED: string;
  CLOSED: string;
  SUBJECT_ID: number;
  OWNER_ID: number;
  KEYWORDS: string | null;
  PROJECT: string;
  IS_EXTRANET: string;
  INITIATE_PERMS: string;
  PROJECT_DATE_START: string | null;
  PROJECT_DATE_FINISH: string | null;
}

export type GroupRole = 'A' | 'E' | 'K';

export function sonetSchema(db: Db): void {
  new DocTable(db, 'sonet_group');
  db.exec(`CREATE TABLE IF NOT EXISTS sonet_group_member (
    group_id INTEGER NOT NULL, user_id INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY (group_id, user_id));
    CREATE INDEX IF NOT EXISTS sonet_group_member_user ON sonet_group_member (user_id);`);
}

export const groups = (db: Db) => new DocTable<GroupDoc>(db, 'sonet_group');

export function memberRole(db: Db, groupId: number, userId: number): GroupRole | null {
  const row = prepare(db, 'SELECT role FROM sonet_group_member WHERE group_id = ? AND user_id = ?').get(
    groupId,
    userId,
  ) as { role: GroupRole } | undefined;
  return row?.role ?? null;
}

export function groupMembers(db: Db, groupId: number): { user_id: number; role: GroupRole }[] {
  return prepare(db, 'SELECT user_id, role FROM sonet_group_member WHERE group_id = ? ORDER BY user_id').all(
    groupId,
  ) as { user_id: number; role: GroupRole }[];
}

export function setMember(db: Db, groupId: number, userId: number, role: GroupRole): void {
  prepare(
    db,
    'INSERT INTO sonet_group_member (group_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT(group_id, user_id) DO UPDATE SET role = excluded.role',
  ).run(groupId, userId, role);
}

export function userExists(db: Db, userId: number): boolean {
  return !!prepare(db, 'SELECT 1 FROM users WHERE id = ?').get(userId);
}

/** Creates a group with its owner as member `A`; used by `sonet_group.create` and the seed. */
export function insertGroup(db: Db, doc: GroupDoc): number {
  const id = groups(db).insert(doc);
  setMember(db, id, doc.OWNER_ID, 'A');
  return id;
}

const bad = (text: string) => errors.legacy(text);
const yn = (v: unknown, fallback: string): string => {
  if (v === undefined || v === null || v === '') return fallback;
  return v === true || String(v).toUpperCase() === 'Y' || v === 1 || v === '1' ? 'Y' : 'N';
};

function memberCount(db: Db, groupId: number): number {
  return (prepare(db, 'SELECT COUNT(*) AS n FROM sonet_group_member WHERE group_id = ?').get(groupId) as { n: number })
    .n;
}

function outputGroup(db: Db, g: GroupDoc & { id: number }): Record<string, unknown> {
  const iso = (v: string | null) => (v ? formatIso(Date.parse(v)) : null);
  return {
    ID: String(g.id),
    SITE_ID: 's1',
    NAME: g.NAME,
    DESCRIPTION: g.DESCRIPTION,
    DATE_CREATE: iso(g.DATE_CREATE),
    DATE_UPDATE: iso(g.DATE_UPDATE),
    ACTIVE: g.ACTIVE,
    VISIBLE: g.VISIBLE,
    OPENED: g.OPENED,
    CLOSED: g.CLOSED,
    SUBJECT_ID: String(g.SUBJECT_ID),
    OWNER_ID: String(g.OWNER_ID),
    KEYWORDS: g.KEYWORDS,
    NUMBER_OF_MEMBERS: String(memberCount(db, g.id)),
    DATE_ACTIVITY: iso(g.DATE_ACTIVITY),
    SUBJECT_NAME: 'Workgroups',
    PROJECT: g.PROJECT,
    IS_EXTRANET: g.IS_EXTRANET,
    ...(g.PROJECT === 'Y'
      ? { PROJECT_DATE_START: iso(g.PROJECT_DATE_START), PROJECT_DATE_FINISH: iso(g.PROJECT_DATE_FINISH) }
      : {}),
  };
}

const baseResolver = docResolver(
  {
    NAME: 'string',
    DESCRIPTION: 'string',
    OWNER_ID: 'int',
    ACTIVE: 'bool',
    VISIBLE: 'bool',
    OPENED: 'bool',
    CLOSED: 'bool',
    SUBJECT_ID: 'int',
    KEYWORDS: 'string',
    PROJECT: 'bool',
    IS_EXTRANET: 'bool',
    DATE_CREATE: 'datetime',
    DATE_UPDATE: 'datetime',
    DATE_ACTIVITY: 'datetime',
    INITIATE_PERMS: 'string',
  },
  { caseInsensitive: true },
);

const groupResolver: ColumnResolver = (field) => {
  const col = baseResolver(field);
  if (!col) return null;
  if (field.toUpperCase() === 'NAME') {
    // `?NAME` is a search expression on a real portal; the sandbox treats it as a substring match.
    return {
      ...col,
      custom: (op, value) => condition({ sql: col.sql, type: col.type }, op === 'null?' ? 'like' : op, value),
    };
  }
  return col;
};

function requireGroup(
  db: Db,
  raw: unknown,
  missingText: string,
  notFoundText = 'Socialnetwork group not found',
): GroupDoc & { id: number } {
  const id = toInt(raw, 0);
  if (id <= 0) throw bad(missingText);
  const g = groups(db).get(id);
  if (!g) throw bad(notFoundText);
  return g;
}

function userIds(raw: unknown): number[] {
  const list = Array.isArray(raw)
    ? raw
    : isPlainObject(raw)
      ? Object.values(raw)
      : raw === undefined || raw === null || raw === ''
        ? []
        : [raw];
  const out: number[] = [];
  for (const v of list) {
    const n = toInt(v, 0);
    if (n > 0 && !out.includes(n)) out.push(n);
  }
  return out;
}

/** Whether the caller may create groups: admins always; others unless the portal restricts it. */
function canCreate(ctx: CallContext): boolean {
  if (ctx.auth.isAdmin) return true;
  if (getMeta(ctx.db, 'sonet_group_create') === 'admin') return false;
  const row = prepare(ctx.db, 'SELECT data FROM users WHERE id = ?').get(ctx.auth.userId) as
    { data: string } | undefined;
  const user = row ? (JSON.parse(row.data) as Record<string, unknown>) : {};
  return user._CAN_CREATE_GROUP !== false;
}

function canInvite(g: GroupDoc, role: GroupRole | null, ctx: CallContext): boolean {
  if (ctx.auth.isAdmin || role === 'A') return true;
  if (role === 'E') return g.INITIATE_PERMS !== 'A';
  if (role === 'K') return g.INITIATE_PERMS === 'K';
  return false;
}

function readGroupFields(p: Params, current: GroupDoc | null): Partial<GroupDoc> {
  const out: Partial<GroupDoc> = {};
  const get = (k: string) => param(p, k);
  const name = get('NAME');
  if (name !== undefined) out.NAME = String(name).trim();
  const description = get('DESCRIPTION');
  if (description !== undefined) out.DESCRIPTION = description === null ? null : String(description);
  const keywords = get('KEYWORDS');
  if (keywords !== undefined) out.KEYWORDS = keywords === null ? null : String(keywords);
  for (const key of ['VISIBLE', 'OPENED', 'CLOSED', 'PROJECT'] as const) {
    const v = get(key);
    if (v !== undefined) out[key] = yn(v, current?.[key] ?? 'N');
  }
  const perms = get('INITIATE_PERMS');
  if (perms !== undefined && ['A', 'E', 'K'].includes(String(perms).toUpperCase()))
    out.INITIATE_PERMS = String(perms).toUpperCase();
  const subject = get('SUBJECT_ID');
  if (subject !== undefined && toInt(subject, 0) > 0) out.SUBJECT_ID = toInt(subject, 1);
  for (const key of ['PROJECT_DATE_START', 'PROJECT_DATE_FINISH'] as const) {
    const v = get(key);
    if (v !== undefined) {
      const ms = parseDateInput(v);
      out[key] = ms === null ? null : toStoredDateTime(ms);
    }
  }
  return out;
}

export const sonetGroupFamily: Family = {
  name: 'sonet-group',
  schema: sonetSchema,
  methods: {
    'sonet_group.get': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        const filter = param(params, 'FILTER');
        const where = compileFilter(isPlainObject(filter) ? filter : {}, groupResolver);
        const parts = [where];
        const groupId = param(params, 'GROUP_ID');
        if (groupId !== undefined && groupId !== '') parts.push({ sql: 'id = ?', params: [toInt(groupId, 0)] });
        const adminMode = ctx.auth.isAdmin && String(param(params, 'IS_ADMIN') ?? '').toUpperCase() === 'Y';
        if (!adminMode) {
          parts.push({
            sql: `(${jsonField('VISIBLE')} = 'Y' OR EXISTS (SELECT 1 FROM sonet_group_member m WHERE m.group_id = sonet_group.id AND m.user_id = ?))`,
            params: [ctx.auth.userId],
          });
        }
        const combined = { sql: parts.map((w) => `(${w.sql})`).join(' AND '), params: parts.flatMap((w) => w.params) };
        const orderBy = compileOrder(param(params, 'ORDER'), groupResolver);
        const page = groups(ctx.db).page(combined, orderBy, param(params, 'start'), 'page');
        return new ListResult(
          page.rows.map((g) => outputGroup(ctx.db, g)),
          page.total,
          page.next,
        );
      },
    },
    'sonet_group.create': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        if (!canCreate(ctx)) throw bad('You have no permissions to create a group');
        const fields = readGroupFields(params, null);
        if (!fields.NAME) throw bad('Cannot create group');
        let owner = ctx.auth.userId;
        const ownerParam = toInt(param(params, 'OWNER_ID'), 0);
        if (ctx.auth.isAdmin && ownerParam > 0) {
          if (!userExists(ctx.db, ownerParam)) throw bad('Cannot create group');
          owner = ownerParam;
        }
        const now = toStoredDateTime(nowMs());
        return insertGroup(ctx.db, {
          NAME: fields.NAME,
          DESCRIPTION: fields.DESCRIPTION ?? null,
          DATE_CREATE: now,
          DATE_UPDATE: now,
          DATE_ACTIVITY: now,
          ACTIVE: 'Y',
          VISIBLE: fields.VISIBLE ?? 'Y',
          OPENED: fields.OPENED ?? 'N',
          CLOSED: fields.CLOSED ?? 'N',
          SUBJECT_ID: fields.SUBJECT_ID ?? 1,
          OWNER_ID: owner,
          KEYWORDS: fields.KEYWORDS ?? null,
          PROJECT: fields.PROJECT ?? 'N',
          IS_EXTRANET: 'N',
          INITIATE_PERMS: fields.INITIATE_PERMS ?? 'K',
          PROJECT_DATE_START: fields.PROJECT_DATE_START ?? null,
          PROJECT_DATE_FINISH: fields.PROJECT_DATE_FINISH ?? null,
        });
      },
    },
    'sonet_group.update': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        const g = requireGroup(ctx.db, param(params, 'GROUP_ID'), 'Wrong group ID', 'Wrong group ID');
        if (!ctx.auth.isAdmin && memberRole(ctx.db, g.id, ctx.auth.userId) !== 'A')
          throw bad('User has no permissions to update group');
        const fields = readGroupFields(params, g);
        if (fields.NAME === '') throw bad('Cannot update group');
        groups(ctx.db).patch(g.id, { ...fields, DATE_UPDATE: toStoredDateTime(nowMs()) });
        return g.id;
      },
    },
    'sonet_group.delete': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        const g = requireGroup(ctx.db, param(params, 'GROUP_ID'), 'Wrong group ID');
        if (!ctx.auth.isAdmin && memberRole(ctx.db, g.id, ctx.auth.userId) !== 'A')
          throw bad('User has no permissions to delete group');
        groups(ctx.db).delete(g.id);
        prepare(ctx.db, 'DELETE FROM sonet_group_member WHERE group_id = ?').run(g.id);
        return true;
      },
    },
    'sonet_group.setowner': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        const g = requireGroup(
          ctx.db,
          param(params, 'GROUP_ID'),
          'Invalid workgroup/project ID',
          'Invalid workgroup/project ID',
        );
        const userId = toInt(param(params, 'USER_ID'), 0);
        if (userId <= 0 || !userExists(ctx.db, userId)) throw bad('Invalid user ID');
        if (!ctx.auth.isAdmin && memberRole(ctx.db, g.id, ctx.auth.userId) !== 'A')
          throw bad('Insufficient permissions to complete the operation.');
        if (userId !== g.OWNER_ID) {
          // The previous owner stays in the group as a moderator.
          setMember(ctx.db, g.id, g.OWNER_ID, 'E');
          setMember(ctx.db, g.id, userId, 'A');
          groups(ctx.db).patch(g.id, { OWNER_ID: userId, DATE_UPDATE: toStoredDateTime(nowMs()) });
        }
        return true;
      },
    },
    'sonet_group.user.get': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        const g = requireGroup(ctx.db, param(params, 'ID') ?? param(params, 'GROUP_ID'), 'Wrong group ID');
        if (!ctx.auth.isAdmin && g.VISIBLE !== 'Y' && !memberRole(ctx.db, g.id, ctx.auth.userId))
          throw bad('Socialnetwork group not found');
        return groupMembers(ctx.db, g.id).map((m) => ({ USER_ID: String(m.user_id), ROLE: m.role }));
      },
    },
    'sonet_group.user.add': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        const g = requireGroup(ctx.db, param(params, 'GROUP_ID'), 'Wrong group ID');
        const ids = userIds(param(params, 'USER_ID'));
        if (ids.length === 0) throw bad('Wrong user IDs');
        if (!canInvite(g, memberRole(ctx.db, g.id, ctx.auth.userId), ctx)) throw bad('No permissions to add users');
        const added: string[] = [];
        for (const id of ids) {
          if (!userExists(ctx.db, id) || memberRole(ctx.db, g.id, id)) continue;
          setMember(ctx.db, g.id, id, 'K');
          added.push(String(id));
        }
        return added;
      },
    },
    'sonet_group.user.delete': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        const g = requireGroup(ctx.db, param(params, 'GROUP_ID'), 'Wrong group ID');
        const ids = userIds(param(params, 'USER_ID'));
        if (ids.length === 0) throw bad('Wrong user IDs');
        const role = memberRole(ctx.db, g.id, ctx.auth.userId);
        if (!ctx.auth.isAdmin && role !== 'A' && role !== 'E') throw bad('No permissions to delete users');
        const removed: string[] = [];
        for (const id of ids) {
          const current = memberRole(ctx.db, g.id, id);
          if (!current || current === 'A') continue;
          prepare(ctx.db, 'DELETE FROM sonet_group_member WHERE group_id = ? AND user_id = ?').run(g.id, id);
          removed.push(String(id));
        }
        return removed;
      },
    },
    'sonet_group.user.update': {
      scope: 'sonet_group',
      handler: (params, ctx) => {
        const g = requireGroup(ctx.db, param(params, 'GROUP_ID'), 'Wrong group ID');
        const ids = userIds(param(params, 'USER_ID'));
        if (ids.length === 0) throw bad('Wrong user IDs');
        const newRole = String(param(params, 'ROLE') ?? '').toUpperCase();
        if (newRole !== 'E' && newRole !== 'K') throw bad('Incorrect role code');
        if (!ctx.auth.isAdmin && memberRole(ctx.db, g.id, ctx.auth.userId) !== 'A')
          throw bad('No permissions to update users role');
        const updated: string[] = [];
        for (const id of ids) {
          const current = memberRole(ctx.db, g.id, id);
          if (!current || current === 'A') continue;
          setMember(ctx.db, g.id, id, newRole);
          updated.push(String(id));
        }
        return updated;
      },
    },
    'sonet_group.user.groups': {
      scope: 'sonet_group',
      handler: (_params, ctx) => {
        const rows = prepare(
          ctx.db,
          `SELECT m.group_id, m.role, ${jsonField('NAME', 'g.data')} AS name FROM sonet_group_member m JOIN sonet_group g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY m.group_id`,
        ).all(ctx.auth.userId) as { group_id: number; role: GroupRole; name: string }[];
        return rows.map((r) => ({
          GROUP_ID: String(r.group_id),
          GROUP_NAME: r.name,
          ROLE: r.role,
          GROUP_IMAGE_ID: null,
          GROUP_IMAGE: '',
        }));
      },
    },
  },
};
