import type { Db } from '../../db/database.ts';
import type { CallContext } from '../engine/context.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isTruthy, param, toInt, upperKeys } from '../engine/params.ts';
import { listPage } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { formatIso, nowMs, parseDateInput, toStoredDateTime } from '../engine/time.ts';
import { userExists } from './users-store.ts';

/**
 * `blog_posts`: live-feed posts (`log.blogpost.*`). `dest` is a JSON list of destination codes
 * (`UA`, `U1`, `SG5`, `DR3`); dates are stored UTC ISO.
 */
export function feedSchema(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS blog_posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER NOT NULL,
    app_id INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL,
    dest TEXT NOT NULL,
    important INTEGER NOT NULL DEFAULT 0,
    important_end TEXT,
    created_at TEXT NOT NULL
  )`);
}

function tableExists(db: Db, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

function groupExists(db: Db, id: number): boolean {
  for (const t of ['sonet_groups', 'sonet_group']) {
    if (tableExists(db, t)) return !!db.prepare(`SELECT 1 FROM ${t} WHERE id = ?`).get(id);
  }
  return false;
}

function destinationValid(db: Db, code: string): boolean {
  if (code === 'UA') return true;
  let m = /^U(\d+)$/.exec(code);
  if (m) return userExists(db, Number(m[1]));
  m = /^SG(\d+)$/.exec(code);
  if (m) return groupExists(db, Number(m[1]));
  m = /^DR?(\d+)$/.exec(code);
  if (m)
    return tableExists(db, 'departments') && !!db.prepare('SELECT 1 FROM departments WHERE id = ?').get(Number(m[1]));
  return false;
}

function destinations(raw: unknown): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const list = Array.isArray(raw) ? raw : typeof raw === 'object' ? Object.values(raw as object) : [raw];
  return list
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .map((v) => String(v).trim().toUpperCase())
    .filter(Boolean);
}

interface PostRow {
  id: number;
  author_id: number;
  title: string;
  message: string;
  dest: string;
  important: number;
  created_at: string;
}

function postOut(r: PostRow) {
  const published = formatIso(parseDateInput(r.created_at) ?? nowMs());
  return {
    ID: String(r.id),
    BLOG_ID: '1',
    PUBLISH_STATUS: 'P',
    TITLE: r.title,
    AUTHOR_ID: String(r.author_id),
    ENABLE_COMMENTS: 'Y',
    NUM_COMMENTS: '0',
    VIEWS: '0',
    CODE: null,
    MICRO: r.title ? 'N' : 'Y',
    DETAIL_TEXT: r.message,
    DATE_PUBLISH: published,
    CATEGORY_ID: '',
    HAS_SOCNET_ALL: (JSON.parse(r.dest) as string[]).includes('UA') ? 'Y' : 'N',
    HAS_TAGS: 'N',
    HAS_IMAGES: 'N',
    HAS_PROPS: 'Y',
    HAS_COMMENT_IMAGES: 'N',
    IMPORTANT: r.important ? 'Y' : 'N',
    DEST: JSON.parse(r.dest) as string[],
  };
}

function addPost(ctx: CallContext, params: Record<string, unknown>): number {
  const p = upperKeys(params);
  const message =
    typeof p.POST_MESSAGE === 'string' || typeof p.POST_MESSAGE === 'number' ? String(p.POST_MESSAGE).trim() : '';
  if (!message) throw new RestError('ERROR_CORE', 'No message specified', 400);
  let author = ctx.auth.userId;
  if (p.USER_ID !== undefined && p.USER_ID !== '' && toInt(p.USER_ID, 0) !== author) {
    if (!ctx.auth.isAdmin) throw errors.accessDenied();
    author = toInt(p.USER_ID, 0);
    if (!userExists(ctx.db, author)) throw new RestError('ERROR_CORE', 'Wrong user ID', 400);
  }
  let dest = destinations(p.DEST);
  if (dest.length === 0) dest = destinations(p.SPERM);
  if (dest.length === 0) dest = ['UA'];
  for (const code of dest) {
    if (!destinationValid(ctx.db, code)) throw new RestError('ERROR_CORE', `Wrong destination: ${code}`, 400);
  }
  const importantEnd = parseDateInput(p.IMPORTANT_DATE_END);
  const info = ctx.db
    .prepare(
      'INSERT INTO blog_posts (author_id, app_id, title, message, dest, important, important_end, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      author,
      ctx.auth.appId ?? 0,
      typeof p.POST_TITLE === 'string' ? p.POST_TITLE : '',
      message,
      JSON.stringify([...new Set(dest)]),
      isTruthy(p.IMPORTANT) ? 1 : 0,
      importantEnd === null ? null : toStoredDateTime(importantEnd),
      toStoredDateTime(nowMs()),
    );
  return Number(info.lastInsertRowid);
}

export const feedMethods: MethodTable = {
  'log.blogpost.add': { scope: 'log', handler: (params, ctx) => addPost(ctx, params) },
  'log.blogpost.get': {
    scope: 'log',
    handler: (params, ctx) => {
      const postId = toInt(param(params, 'POST_ID'), 0);
      const where = postId > 0 ? { sql: 'id = ?', params: [postId] } : { sql: '1', params: [] };
      const page = listPage<PostRow>(ctx.db, {
        from: 'blog_posts',
        where,
        orderBy: 'id DESC',
        start: param(params, 'start'),
      });
      return new ListResult(page.rows.map(postOut), page.total, page.next);
    },
  },
};
