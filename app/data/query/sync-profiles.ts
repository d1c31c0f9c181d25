import { mutationOptions, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { EntitySyncStore } from '../sync/entity-store.ts';
import type { RunRecord, SyncKind, SyncProfile } from '../sync/sync-store.ts';
import { useDataSource } from './data-context.ts';
import { syncKeys } from './keys.ts';

// One store per DataSource (keyed by it, so two portals in one test run never share one): the store
// remembers that Kontor's storages exist, which saves a request on every later read.
const stores = new WeakMap<DataSource, EntitySyncStore>();

/**
 * The sync engine's SyncStore in app context: profiles, runs and change history in Kontor's own
 * `entity.*` storages (created on first use).
 * @example const runs = await syncStoreOf(source).listRuns({ profile: 'erp', limit: 10 });
 */
export function syncStoreOf(source: DataSource): EntitySyncStore {
  let store = stores.get(source);
  if (!store) {
    store = new EntitySyncStore(source.client);
    stores.set(source, store);
  }
  return store;
}

/** Every saved sync profile, by name. */
export function syncProfilesQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: syncKeys.profiles(),
    queryFn: async () => (await syncStoreOf(source).listProfiles()).sort((a, b) => a.name.localeCompare(b.name)),
  });
}

/**
 * The saved profiles of one kind (currency or catalog).
 * @example const { data: profiles = [] } = useSyncProfiles('catalog');
 */
export function useSyncProfiles(kind: SyncKind) {
  return useQuery({
    ...syncProfilesQueryOptions(useDataSource()),
    select: (profiles: SyncProfile[]) => profiles.filter((p) => p.kind === kind),
  });
}

/** How many runs the screens list (newest first). */
export const RECENT_RUNS = 20;

/** The latest runs of one kind, newest first (the store lists all kinds together; 50 are read). */
export function syncRunsQueryOptions(source: DataSource, kind: SyncKind) {
  return queryOptions({
    queryKey: syncKeys.runs(kind),
    queryFn: async (): Promise<RunRecord[]> =>
      (await syncStoreOf(source).listRuns({ limit: 50 })).filter((r) => r.kind === kind).slice(0, RECENT_RUNS),
    // A run in another tab or in the CLI changes them: never served from cache for long.
    staleTime: 0,
  });
}

/**
 * The latest runs of currency or catalog syncs, for the run log and the offer to resume a run left unfinished.
 * @example const runs = useSyncRuns('catalog'); runs.data?.[0]?.status
 */
export function useSyncRuns(kind: SyncKind) {
  return useQuery(syncRunsQueryOptions(useDataSource(), kind));
}

export interface SaveProfileVariables {
  profile: SyncProfile;
  /** The name it was saved under before (a rename removes the old one after the new one is saved). */
  previousName?: string;
}

export function saveSyncProfileOptions(source: DataSource) {
  return mutationOptions({
    mutationKey: [...syncKeys.profiles(), 'save'],
    mutationFn: async ({ profile, previousName }: SaveProfileVariables) => {
      const store = syncStoreOf(source);
      await store.saveProfile(profile);
      if (previousName && previousName !== profile.name) await store.deleteProfile(previousName);
      return profile;
    },
    meta: { invalidates: [syncKeys.profiles()], silent: true },
  });
}

/**
 * Saves a profile in Kontor's storage (the CLI with app credentials reads the same one by name).
 * @example await save.mutateAsync({ profile: { name: 'erp', kind: 'catalog', mapping } });
 */
export function useSaveSyncProfile() {
  return useMutation(saveSyncProfileOptions(useDataSource()));
}

export function deleteSyncProfileOptions(source: DataSource) {
  return mutationOptions({
    mutationKey: [...syncKeys.profiles(), 'delete'],
    mutationFn: (name: string) => syncStoreOf(source).deleteProfile(name),
    meta: { invalidates: [syncKeys.profiles()], silent: true },
  });
}

/** Deletes a profile by name; its runs stay in the log. */
export function useDeleteSyncProfile() {
  return useMutation(deleteSyncProfileOptions(useDataSource()));
}
