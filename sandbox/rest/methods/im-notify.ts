import type { Db } from '../../db/database.ts';
import type { CallContext } from '../engine/context.ts';
import { RestError } from '../engine/errors.ts';
import { isPlainObject, param, toInt, upperKeys, type Params } from '../engine/params.ts';
import type { MethodTable } from '../engine/registry.ts';
import { nowMs, toStoredDateTime } from '../engine/time.ts';
import { userExists } from './users-store.ts';

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

export const notifyMethods: MethodTable = {
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
