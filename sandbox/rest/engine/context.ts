import type { Database } from 'better-sqlite3';
import type { SandboxState } from '../../state.ts';
import type { Registry } from './registry.ts';

/** Who is calling: an application token of a user, or an inbound webhook of a user. */
export interface AuthInfo {
  kind: 'app' | 'webhook';
  userId: number;
  isAdmin: boolean;
  /** Scopes granted to the app or webhook. */
  scopes: ReadonlySet<string>;
  /** App id (apps table) for app tokens; null for webhooks. */
  appId: number | null;
  webhookId: number | null;
  accessToken: string | null;
}

export interface CallContext {
  db: Database;
  state: SandboxState;
  auth: AuthInfo;
  /** True for sub-calls of `batch`. */
  inBatch: boolean;
  /** The method name as resolved (lower-case). */
  method: string;
  registry: Registry;
  /** Portal origin the request came in on, e.g. `http://127.0.0.1:4000`. */
  origin: string;
}
