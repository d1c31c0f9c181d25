import type { FeedEncoding } from './decode.ts';
import type { FeedErrorInit } from './feed-error.ts';
import type { CatalogMapping } from './mapping.ts';
import type { DecimalMark } from './numbers.ts';

export type SyncKind = 'currency' | 'catalog';

/** Where a profile's feed comes from and how to read it (every part detected unless set). */
export interface FeedSourceSpec {
  /** `https://…` (fetched) or, in the CLI, a file path. */
  location?: string;
  format?: 'auto' | 'csv' | 'json' | 'xml' | 'ecb';
  encoding?: FeedEncoding;
  delimiter?: string;
  decimal?: DecimalMark | 'auto';
}

/** A saved sync: what to read, how to map it, who hears about it. */
export interface SyncProfile {
  /** Unique per store; the CLI's `--profile NAME`. */
  name: string;
  kind: SyncKind;
  source?: FeedSourceSpec;
  /** Catalog: column → field. Absent: columns are mapped by their header names. */
  mapping?: CatalogMapping;
  /** Catalog: the feed is the whole catalog — active products missing from it are deactivated. */
  fullFeed?: boolean;
  /** Catalog: currency of prices when the feed has no currency column (default: the portal's base). */
  defaultCurrency?: string;
  /** Catalog: the catalog info block (default: the CRM catalog). */
  iblockId?: number;
  /** Currency: feed currencies the portal lacks that a run adds (`all`, or codes); default none. */
  addCurrencies?: string[] | 'all';
  /** When it runs, as written by the person (cron text for the CLI; shown, not interpreted). */
  schedule?: string;
  /** User id notified with each run's summary. */
  responsibleId?: string;
  /** Also post each summary to the activity stream. */
  postToStream?: boolean;
}

export type RunStatus =
  /** A dry run: planned, nothing written. */
  | 'planned'
  /** The feed was refused (bad input): nothing written. */
  | 'refused'
  | 'running'
  | 'done'
  /** Stopped by an error; what was written is in the counts and the change history. */
  | 'failed'
  | 'aborted'
  /** Left running (closed tab, killed process) and superseded by a run with another feed. */
  | 'interrupted';

export interface RunCounts {
  /** Catalog: items to write; currency: currencies to write. */
  total: number;
  done: number;
  created: number;
  updated: number;
  deactivated: number;
  unchanged: number;
  failed: number;
  /** Catalog sections created. */
  sections: number;
}

/** A fault listed on a run: a feed error, or a product the portal refused. */
export interface RunError extends Partial<FeedErrorInit> {
  message: string;
  externalId?: string;
}

export interface RunRecord {
  /** Store-assigned (entity item ID, or a local id). */
  id: string;
  profile: string;
  kind: SyncKind;
  status: RunStatus;
  dryRun: boolean;
  startedAt: string;
  /** Last checkpoint (a running run not updated for minutes was left behind). */
  updatedAt: string;
  finishedAt: string | null;
  /** Identity of the feed (a resume continues only the same feed). */
  feedHash: string | null;
  source: string | null;
  counts: RunCounts;
  /** At most MAX_RUN_ERRORS. */
  errors: RunError[];
  /** The text sent to the responsible person. */
  summary: string | null;
  /** The run this one continued. */
  resumedFrom?: string | null;
}

/** One product (or currency) changed by a run — the item-level change history. */
export interface ChangeRecord {
  runId: string;
  externalId: string;
  productId: number | null;
  action: 'create' | 'update' | 'deactivate' | 'add';
  ok: boolean;
  /** Field (or, for currencies, `AMOUNT`/`AMOUNT_CNT`) old → new. */
  changes: { field: string; from: string | number | null; to: string | number | null }[];
  error?: string;
  at: string;
}

export const MAX_RUN_ERRORS = 100;

export const emptyCounts = (): RunCounts => ({
  total: 0,
  done: 0,
  created: 0,
  updated: 0,
  deactivated: 0,
  unchanged: 0,
  failed: 0,
  sections: 0,
});

/**
 * Where profiles, runs and change history live. Two implementations: `entity.*` storages in the
 * portal (app context: the workspace, the CLI with OAuth credentials — EntitySyncStore) and local
 * files (the CLI over a webhook, which Bitrix24 refuses `entity.*` — FileSyncStore in
 * app/data/sync/file-store.ts, Node only).
 */
export interface SyncStore {
  readonly kind: 'entity' | 'files';
  /** How often a run should checkpoint (ms): a request each time for entity storage, a file append for files. */
  readonly checkpointEveryMs: number;
  listProfiles(): Promise<SyncProfile[]>;
  getProfile(name: string): Promise<SyncProfile | null>;
  saveProfile(profile: SyncProfile): Promise<void>;
  deleteProfile(name: string): Promise<void>;
  /** Records a new run; returns it with its id. */
  createRun(run: Omit<RunRecord, 'id'>): Promise<RunRecord>;
  /** Saves the run's state and the changes made since the last checkpoint. */
  checkpoint(run: RunRecord, changes: readonly ChangeRecord[]): Promise<void>;
  /** Newest first. */
  listRuns(filter?: { profile?: string; limit?: number }): Promise<RunRecord[]>;
  /** Newest first. */
  listChanges(filter: { runId?: string; externalId?: string; limit?: number }): Promise<ChangeRecord[]>;
}

/** Profile names: what a person types after `--profile`. */
export const PROFILE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;
