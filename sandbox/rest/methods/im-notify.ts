import type { Db } from '../../db/database.ts';
import type { CallContext } from '../engine/context.ts';
import { RestError } from '../engine/errors.ts';
import { isPlainObject, param, toInt, upperKeys, type Params } from '../engine/params.ts';
import type { MethodTable } from '../engine/registry.ts';
import { formatIso, nowMs, parseDateInput, toStoredDateTime } from '../engine/time.ts';
import { loadUserDoc, userExists } from './users-store.ts';

/**
 * `notifications`: one row per notification shown in the portal's bell.
 * `type` is `system` (from the app) or `personal` (from the calling user); `tag` is unique per
 * app (`app_id` 0 for webhooks): a new notification with the same tag replaces the older ones.
 * `attach` is JSON text or NULL; `read` 0/1. The portal page counts unread rows per user.
 */
export function notifySchema(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    from_user_id INTEGER NOT NULL DEFAULT 0,
    app_id INTEGER NOT NULL DEFAULT 0,
    type TEXT NOT NULL,
    message TEXT NOT NULL,
    message_out TEXT NOT NULL DEFAULT '',
    tag TEXT,
    sub_tag TEXT,
    attach TEXT,
    created_at TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0
  )`);
}

const ATTACH_MAX_CHARS = 60_000;

function addNotification(ctx: CallContext, p: Params, type: 'system' | 'personal'): number | false {
  const userId = toInt(p.USER_ID, 0);
  if (userId <= 0) throw new RestError('USER_ID_EMPTY', "User ID can't be empty", 400);
  const message = typeof p.MESSAGE === 'string' || typeof p.MESSAGE === 'number' ? String(p.MESSAGE).trim() : '';
  if (!message) throw new RestError('MESSAGE_EMPTY', "Message can't be empty", 400);
  let attach: string | null = null;
  if (p.ATTACH !== undefined && p.ATTACH !== null && p.ATTACH !== '') {
    let value: unknown = p.ATTACH;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        throw new RestError('ATTACH_ERROR', 'Incorrect attach params', 400);
      }
    }
    if (!isPlainObject(value) && !Array.isArray(value))
      throw new RestError('ATTACH_ERROR', 'Incorrect attach params', 400);
    attach = JSON.stringify(value);
    if (attach.length > ATTACH_MAX_CHARS)
      throw new RestError('ATTACH_OVERSIZE', 'You have exceeded the maximum allowable size of attach', 400);
  }
  // The portal answers `false` (not an error) when the notification cannot be delivered.
  if (!userExists(ctx.db, userId)) return false;
  const appId = ctx.auth.appId ?? 0;
  const tag = typeof p.TAG === 'string' && p.TAG !== '' ? p.TAG : null;
  if (tag !== null) ctx.db.prepare('DELETE FROM notifications WHERE app_id = ? AND tag = ?').run(appId, tag);
  const info = ctx.db
    .prepare(
      `INSERT INTO notifications (user_id, from_user_id, app_id, type, message, message_out, tag, sub_tag, attach, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      userId,
      type === 'personal' ? ctx.auth.userId : 0,
      appId,
      type,
      message,
      typeof p.MESSAGE_OUT === 'string' ? p.MESSAGE_OUT : '',
      tag,
      typeof p.SUB_TAG === 'string' && p.SUB_TAG !== '' ? p.SUB_TAG : null,
      attach,
      toStoredDateTime(nowMs()),
    );
  return Number(info.lastInsertRowid);
}

interface NotificationRow {
  id: number;
  from_user_id: number;
  type: 'system' | 'personal';
  message: string;
  tag: string | null;
  sub_tag: string | null;
  attach: string | null;
  created_at: string;
  read: number;
}

// IM_NOTIFY_FROM (a user's) and IM_NOTIFY_SYSTEM (an app's) in the im module.
const NOTIFY_TYPE = { personal: 2, system: 4 } as const;

/**
 * `im.notify.get`: the caller's notifications, newest first, `LIMIT` (≤ 50) a page; the next page starts
 * below `LAST_ID` (with `LAST_TYPE` 3, the regular-notification stage; confirmations are not stored here).
 */
function listNotifications(ctx: CallContext, p: Params): Record<string, unknown> {
  const hasId = p.LAST_ID !== undefined && p.LAST_ID !== '';
  const hasType = p.LAST_TYPE !== undefined && p.LAST_TYPE !== '';
  if (hasId !== hasType)
    throw new RestError('LAST_ID_AND_LAST_TYPE', 'Parameters LAST_ID and LAST_TYPE should be used together.', 400);
  if (hasId && !/^\d+$/.test(String(p.LAST_ID)))
    throw new RestError('LAST_ID_STRING', "Last notification ID can't be string", 400);
  const limit = Math.min(Math.max(toInt(p.LIMIT, 50), 1), 50);
  const me = ctx.auth.userId;
  const rows = ctx.db
    .prepare(
      `SELECT id, from_user_id, type, message, tag, sub_tag, attach, created_at, read FROM notifications
       WHERE user_id = ? AND id < ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .all(me, hasId ? toInt(p.LAST_ID, 0) : Number.MAX_SAFE_INTEGER, limit) as NotificationRow[];
  const authors = [...new Set(rows.map((r) => r.from_user_id).filter((id) => id > 0))];
  const users = authors.flatMap((id) => {
    const doc = loadUserDoc(ctx.db, id);
    if (!doc) return [];
    const first = String(doc.NAME ?? '');
    const last = String(doc.LAST_NAME ?? '');
    return [
      {
        id,
        active: doc.ACTIVE !== false,
        name: `${first} ${last}`.trim(),
        first_name: first,
        last_name: last,
        work_position: String(doc.WORK_POSITION ?? ''),
        avatar: String(doc.PERSONAL_PHOTO ?? ''),
        gender: String(doc.PERSONAL_GENDER ?? 'M') || 'M',
        type: 'user',
      },
    ];
  });
  const notifications = rows.map((r) => ({
    id: r.id,
    chat_id: 1000 + me,
    author_id: r.from_user_id,
    date: formatIso(parseDateInput(r.created_at) ?? nowMs()),
    notify_type: NOTIFY_TYPE[r.type],
    notify_module: 'rest',
    notify_event: 'rest_notify',
    notify_tag: r.tag ?? '',
    notify_sub_tag: r.sub_tag ?? '',
    notify_title: '',
    setting_name: 'rest|rest_notify',
    text: r.message,
    notify_read: r.read ? 'Y' : 'N',
    params: r.attach ? { ATTACH: JSON.parse(r.attach) as unknown } : null,
  }));
  const counts = ctx.db
    .prepare('SELECT COUNT(*) AS total, COALESCE(SUM(read = 0), 0) AS unread FROM notifications WHERE user_id = ?')
    .get(me) as { total: number; unread: number };
  // A user without any notification has no notification chat: only the two lists come back.
  if (counts.total === 0) return { notifications, users };
  return {
    total_count: counts.total,
    total_unread_count: counts.unread,
    chat_id: 1000 + me,
    notifications,
    users,
  };
}

export const notifyMethods: MethodTable = {
  'im.notify.get': { scope: 'im', handler: (params, ctx) => listNotifications(ctx, upperKeys(params)) },
  'im.notify.system.add': { scope: 'im', handler: (params, ctx) => addNotification(ctx, upperKeys(params), 'system') },
  'im.notify.personal.add': {
    scope: 'im',
    handler: (params, ctx) => addNotification(ctx, upperKeys(params), 'personal'),
  },
  'im.notify': {
    scope: 'im',
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const type = String(p.TYPE ?? 'USER').toUpperCase() === 'SYSTEM' ? 'system' : 'personal';
      return addNotification(ctx, { ...p, USER_ID: p.TO ?? p.USER_ID }, type);
    },
  },
  'im.notify.read': {
    scope: 'im',
    handler: (params, ctx) => {
      const id = toInt(param(params, 'ID'), 0);
      const only = String(param(params, 'ONLY_CURRENT') ?? 'N').toUpperCase() === 'Y';
      if (id <= 0) throw new RestError('PARAMS_ERROR', 'Incorrect params', 400);
      const sql = only
        ? 'UPDATE notifications SET read = 1 WHERE user_id = ? AND id = ?'
        : 'UPDATE notifications SET read = 1 WHERE user_id = ? AND id <= ?';
      ctx.db.prepare(sql).run(ctx.auth.userId, id);
      return true;
    },
  },
};
