import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type { Db };

/** Opens (or creates) the sandbox database in `dataDir` (`:memory:` for an in-memory portal). */
export function openDatabase(dataDir: string | ':memory:'): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'portal.sqlite');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  createCoreSchema(db);
  createBindingSchema(db);
  return db;
}

/** Tables every part of the sandbox relies on: apps, tokens, webhooks, options, users. */
export function createCoreSchema(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS apps (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      client_id TEXT NOT NULL UNIQUE,
      client_secret TEXT NOT NULL,
      url TEXT NOT NULL,
      install_url TEXT,
      scopes TEXT NOT NULL,
      installed INTEGER NOT NULL DEFAULT 0,
      application_token TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      status TEXT NOT NULL DEFAULT 'L'
    );
    CREATE TABLE IF NOT EXISTS tokens (
      access_token TEXT PRIMARY KEY,
      refresh_token TEXT NOT NULL UNIQUE,
      app_id INTEGER NOT NULL,
      user_id INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      refresh_expires_at INTEGER NOT NULL,
      refresh_used INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS webhooks (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL,
      code TEXT NOT NULL,
      scopes TEXT NOT NULL,
      title TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE IF NOT EXISTS app_options (app_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (app_id, name));
    CREATE TABLE IF NOT EXISTS user_options (app_id INTEGER NOT NULL, user_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (app_id, user_id, name));
    CREATE TABLE IF NOT EXISTS app_first_run (app_id INTEGER NOT NULL, user_id INTEGER NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (app_id, user_id, version));
    CREATE TABLE IF NOT EXISTS auth_codes (code TEXT PRIMARY KEY, app_id INTEGER NOT NULL, user_id INTEGER NOT NULL, expires_at INTEGER NOT NULL);
  `);
}

export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/**
 * Placement bindings and event bindings are read by the REST methods (`placement.*`, `event.*`)
 * and by the portal page (tabs, left menu, event delivery), so their tables live here.
 */
export function createBindingSchema(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS placements (
      id INTEGER PRIMARY KEY,
      app_id INTEGER NOT NULL,
      placement TEXT NOT NULL,
      handler TEXT NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      group_name TEXT NOT NULL DEFAULT '',
      lang_all TEXT NOT NULL DEFAULT '{}',
      options TEXT NOT NULL DEFAULT '{}',
      user_id INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS event_bindings (
      id INTEGER PRIMARY KEY,
      app_id INTEGER NOT NULL,
      event TEXT NOT NULL,
      handler TEXT NOT NULL,
      auth_type INTEGER NOT NULL DEFAULT 0,
      offline INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS offline_events (
      id INTEGER PRIMARY KEY,
      app_id INTEGER NOT NULL,
      event TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      process_id TEXT
    );
  `);
}
