import { BATCH_MAX, BitrixError, type BatchCommand } from '../../b24/index.ts';
import type { SyncClient } from './sync-client.ts';
import {
  emptyCounts,
  MAX_RUN_ERRORS,
  type ChangeRecord,
  type RunRecord,
  type SyncProfile,
  type SyncStore,
} from './sync-store.ts';

/**
 * Kontor's own `entity.*` storages (app context only; ≤ 13-character codes). Item properties are
 * strings: structured values are JSON. Shown by the storage browser like any other storage.
 */
export const SYNC_STORAGES = {
  /** One item per profile: NAME = profile name, KIND, DATA (the profile as JSON). */
  profiles: {
    entity: 'kontor_prof',
    name: 'Kontor sync profiles',
    properties: { KIND: 'Kind', DATA: 'Profile (JSON)' },
  },
  /** One item per run: NAME = "<kind> <profile> <start>", the run's fields as properties. */
  runs: {
    entity: 'kontor_run',
    name: 'Kontor sync runs',
    properties: {
      PROFILE: 'Profile',
      KIND: 'Kind',
      STATUS: 'Status',
      DRY_RUN: 'Dry run',
      STARTED: 'Started',
      UPDATED: 'Last checkpoint',
      FINISHED: 'Finished',
      FEED_HASH: 'Feed',
      SOURCE: 'Source',
      COUNTS: 'Counts (JSON)',
      ERRORS: 'Errors (JSON)',
      SUMMARY: 'Summary',
      RESUMED: 'Resumed run',
    },
  },
  /**
   * Item-level change history, up to CHANGES_PER_ITEM products per item (one item per product would
   * double the requests of a sync): RUN = run id, XML_IDS = " id1 id2 … " (find a product's history
   * with `FILTER: {'%PROPERTY_XML_IDS': ' SKU-1 '}`), DATA = the ChangeRecords as JSON.
   */
  changes: {
    entity: 'kontor_chg',
    name: 'Kontor sync change history',
    properties: { RUN: 'Run', XML_IDS: 'External IDs', DATA: 'Changes (JSON)' },
  },
} as const;

export const CHANGES_PER_ITEM = 50;

type StorageKey = keyof typeof SYNC_STORAGES;

const parse = <T>(text: unknown, fallback: T): T => {
  if (typeof text !== 'string' || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

function unwrap(outcome: { ok: true; value: { result: unknown } } | { ok: false; error: BitrixError }): unknown {
  if (!outcome.ok) throw outcome.error;
  return outcome.value.result;
}

interface EntityItem {
  ID: string;
  NAME: string;
  PROPERTY_VALUES?: Record<string, string | null>;
}

function runProperties(run: Omit<RunRecord, 'id'>): Record<string, string> {
  return {
    PROFILE: run.profile,
    KIND: run.kind,
    STATUS: run.status,
    DRY_RUN: run.dryRun ? 'Y' : 'N',
    STARTED: run.startedAt,
    UPDATED: run.updatedAt,
    FINISHED: run.finishedAt ?? '',
    FEED_HASH: run.feedHash ?? '',
    SOURCE: run.source ?? '',
    COUNTS: JSON.stringify(run.counts),
    ERRORS: JSON.stringify(run.errors.slice(0, MAX_RUN_ERRORS)),
    SUMMARY: run.summary ?? '',
    RESUMED: run.resumedFrom ?? '',
  };
}

function runOf(item: EntityItem): RunRecord {
  const v = item.PROPERTY_VALUES ?? {};
  return {
    id: String(item.ID),
    profile: v.PROFILE ?? '',
    kind: v.KIND === 'currency' ? 'currency' : 'catalog',
    status: (v.STATUS ?? 'failed') as RunRecord['status'],
    dryRun: v.DRY_RUN === 'Y',
    startedAt: v.STARTED ?? '',
    updatedAt: v.UPDATED || v.STARTED || '',
    finishedAt: v.FINISHED || null,
    feedHash: v.FEED_HASH || null,
    source: v.SOURCE || null,
    counts: { ...emptyCounts(), ...parse(v.COUNTS, {}) },
    errors: parse(v.ERRORS, []),
    summary: v.SUMMARY || null,
    resumedFrom: v.RESUMED || null,
  };
}

/**
 * SyncStore over `entity.*` (app context: an application token — the workspace, or the CLI with
 * OAuth credentials). The storages are created on first use. A checkpoint is one `batch`: the run's
 * `entity.item.update` plus the change-history items written since the last one.
 *
 * @example const store = new EntitySyncStore(client); await store.listRuns({ profile: 'erp', limit: 10 });
 */
export class EntitySyncStore implements SyncStore {
  readonly kind = 'entity' as const;
  readonly checkpointEveryMs = 15_000;
  private ready: Promise<void> | null = null;

  constructor(private readonly client: SyncClient) {}

  /** Creates the storages and their properties that are missing (2 requests the first time, 1 after). */
  ensureStorages(): Promise<void> {
    this.ready ??= this.setUp().catch((e: unknown) => {
      this.ready = null;
      throw e;
    });
    return this.ready;
  }

  private async setUp(): Promise<void> {
    const keys = Object.keys(SYNC_STORAGES) as StorageKey[];
    const probe = await this.client.batch([
      { method: 'entity.get' },
      ...keys.map((k) => ({ method: 'entity.item.property.get', params: { ENTITY: SYNC_STORAGES[k].entity } })),
    ]);
    const storages = new Set(((unwrap(probe[0]!) as { ENTITY: string }[]) ?? []).map((s) => s.ENTITY));
    const commands: BatchCommand[] = [];
    keys.forEach((k, i) => {
      const spec = SYNC_STORAGES[k];
      const outcome = probe[i + 1]!;
      const have = new Set(
        outcome.ok ? ((outcome.value.result as { PROPERTY: string }[]) ?? []).map((p) => p.PROPERTY.toUpperCase()) : [],
      );
      if (!storages.has(spec.entity))
        commands.push({ method: 'entity.add', params: { ENTITY: spec.entity, NAME: spec.name, ACCESS: { AU: 'R' } } });
      for (const [code, name] of Object.entries(spec.properties))
        if (!have.has(code))
          commands.push({
            method: 'entity.item.property.add',
            params: { ENTITY: spec.entity, PROPERTY: code, NAME: name, TYPE: code === 'RUN' ? 'N' : 'S' },
          });
    });
    for (let i = 0; i < commands.length; i += BATCH_MAX) {
      const outcomes = await this.client.batch(commands.slice(i, i + BATCH_MAX));
      for (const o of outcomes)
        if (!o.ok && !/ALREADY_EXISTS/.test(o.error.code))
          throw new BitrixError(
            o.error.code,
            `Kontor's storages could not be created: ${o.error.description}`,
            o.error.status,
            o.error.method,
          );
    }
  }

  private async items(key: StorageKey, filter: Record<string, unknown>, limit = 50): Promise<EntityItem[]> {
    await this.ensureStorages();
    const out: EntityItem[] = [];
    for (let start = 0; out.length < limit; start += 50) {
      const { result } = await this.client.call<EntityItem[]>('entity.item.get', {
        ENTITY: SYNC_STORAGES[key].entity,
        SORT: { ID: 'DESC' },
        FILTER: filter,
        start,
      });
      out.push(...(result ?? []));
      if (!result || result.length < 50) break;
    }
    return out.slice(0, limit);
  }

  async listProfiles(): Promise<SyncProfile[]> {
    const items = await this.items('profiles', {}, 500);
    return items
      .map((i) => parse<SyncProfile | null>(i.PROPERTY_VALUES?.DATA, null))
      .filter((p): p is SyncProfile => !!p);
  }

  async getProfile(name: string): Promise<SyncProfile | null> {
    const [item] = await this.items('profiles', { NAME: name }, 1);
    return item ? parse<SyncProfile | null>(item.PROPERTY_VALUES?.DATA, null) : null;
  }

  async saveProfile(profile: SyncProfile): Promise<void> {
    const [item] = await this.items('profiles', { NAME: profile.name }, 1);
    const fields = {
      ENTITY: SYNC_STORAGES.profiles.entity,
      NAME: profile.name,
      PROPERTY_VALUES: { KIND: profile.kind, DATA: JSON.stringify(profile) },
    };
    if (item) await this.client.call('entity.item.update', { ...fields, ID: item.ID });
    else await this.client.call('entity.item.add', fields);
  }

  async deleteProfile(name: string): Promise<void> {
    const [item] = await this.items('profiles', { NAME: name }, 1);
    if (item) await this.client.call('entity.item.delete', { ENTITY: SYNC_STORAGES.profiles.entity, ID: item.ID });
  }

  async createRun(run: Omit<RunRecord, 'id'>): Promise<RunRecord> {
    await this.ensureStorages();
    const { result } = await this.client.call('entity.item.add', {
      ENTITY: SYNC_STORAGES.runs.entity,
      NAME: `${run.kind} ${run.profile} ${run.startedAt}`,
      PROPERTY_VALUES: runProperties(run),
    });
    return { ...run, id: String(result) };
  }

  async checkpoint(run: RunRecord, changes: readonly ChangeRecord[]): Promise<void> {
    await this.ensureStorages();
    const commands: BatchCommand[] = [
      {
        method: 'entity.item.update',
        params: { ENTITY: SYNC_STORAGES.runs.entity, ID: run.id, PROPERTY_VALUES: runProperties(run) },
      },
    ];
    for (let i = 0; i < changes.length; i += CHANGES_PER_ITEM) {
      const part = changes.slice(i, i + CHANGES_PER_ITEM);
      commands.push({
        method: 'entity.item.add',
        params: {
          ENTITY: SYNC_STORAGES.changes.entity,
          NAME: `run ${run.id}: ${part[0]!.externalId}${part.length > 1 ? ` … ${part[part.length - 1]!.externalId}` : ''}`,
          PROPERTY_VALUES: {
            RUN: run.id,
            XML_IDS: ` ${part.map((c) => c.externalId).join(' ')} `,
            DATA: JSON.stringify(part),
          },
        },
      });
    }
    for (let i = 0; i < commands.length; i += BATCH_MAX) {
      const outcomes = await this.client.batch(commands.slice(i, i + BATCH_MAX));
      const failed = outcomes.find((o) => !o.ok);
      if (failed && !failed.ok) throw failed.error;
    }
  }

  async listRuns(filter: { profile?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const items = await this.items(
      'runs',
      filter.profile ? { PROPERTY_PROFILE: filter.profile } : {},
      filter.limit ?? 50,
    );
    return items.map(runOf);
  }

  async listChanges(filter: { runId?: string; externalId?: string; limit?: number }): Promise<ChangeRecord[]> {
    const f: Record<string, unknown> = {};
    if (filter.runId) f.PROPERTY_RUN = filter.runId;
    if (filter.externalId) f['%PROPERTY_XML_IDS'] = ` ${filter.externalId} `;
    const limit = filter.limit ?? 500;
    const items = await this.items('changes', f, Math.ceil(limit / CHANGES_PER_ITEM) + 1);
    const out: ChangeRecord[] = [];
    for (const item of items) {
      const list = parse<ChangeRecord[]>(item.PROPERTY_VALUES?.DATA, []);
      out.push(...list.reverse().filter((c) => !filter.externalId || c.externalId === filter.externalId));
    }
    return out.slice(0, limit);
  }
}
