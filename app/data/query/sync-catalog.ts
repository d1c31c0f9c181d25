import { mutationOptions, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { META_STALE_MS } from './query-client.ts';
import type { DataSource } from '../providers/data-source.ts';
import { exportCatalog, type CatalogExport, type ExportOptions } from '../sync/export-catalog.ts';
import type { FeedFile } from '../sync/load-feed.ts';
import { syncNotifier } from '../sync/notify.ts';
import { readPortalMeta } from '../sync/portal-catalog.ts';
import { runCatalogSync, type CatalogSyncResult, type SyncProgress } from '../sync/run-sync.ts';
import { RATE_PLANS } from '../sync/sync-client.ts';
import type { SyncProfile } from '../sync/sync-store.ts';
import { useDataSource } from './data-context.ts';
import { syncKeys } from './keys.ts';
import { syncStoreOf } from './sync-profiles.ts';

/** The product catalog, its base price type and the currencies (one `batch`). */
export function catalogMetaQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: syncKeys.catalog(),
    queryFn: ({ signal }) => readPortalMeta(source.client, { signal }),
  });
}

/**
 * What the catalog screen needs of the portal first: the catalog's info block, the base currency and
 * the currencies (the profile's default currency, the webshop feed's price currency).
 * @example const { data } = useCatalogMeta(); data?.baseCurrency
 */
export function useCatalogMeta() {
  return useQuery(catalogMetaQueryOptions(useDataSource()));
}

/** A custom property of the catalog's products (`property<id>` on catalog.product.*). */
export interface CatalogProperty {
  id: number;
  name: string;
}

/**
 * The catalog's custom properties, from `catalog.product.getFieldsByFilter` (the `property<id>` fields).
 * @example await readCatalogProperties(source, 23) // [{ id: 102, name: 'Colour' }]
 */
export async function readCatalogProperties(source: DataSource, iblockId: number): Promise<CatalogProperty[]> {
  const { result } = await source.client.call<{ product?: Record<string, { name?: unknown; title?: unknown }> }>(
    'catalog.product.getFieldsByFilter',
    { filter: { iblockId } },
  );
  const out: CatalogProperty[] = [];
  for (const [key, field] of Object.entries(result?.product ?? {})) {
    const m = /^property(\d+)$/i.exec(key);
    if (!m) continue;
    const name = field?.name ?? field?.title;
    out.push({ id: Number(m[1]), name: typeof name === 'string' && name ? name : key });
  }
  return out.sort((a, b) => a.id - b.id);
}

export function catalogPropertiesQueryOptions(source: DataSource, iblockId: number) {
  return queryOptions({
    queryKey: syncKeys.properties(iblockId),
    queryFn: () => readCatalogProperties(source, iblockId),
    staleTime: META_STALE_MS,
  });
}

/**
 * The custom properties a feed column can be mapped to (none until the catalog is known).
 * @example const { data: properties = [] } = useCatalogProperties(meta.data?.iblockId);
 */
export function useCatalogProperties(iblockId: number | undefined) {
  const source = useDataSource();
  return useQuery({ ...catalogPropertiesQueryOptions(source, iblockId ?? 0), enabled: !!iblockId });
}

export interface CatalogRunVariables {
  /** The profile as the run should use it: its mapping and the feed's reading options filled in. */
  profile: SyncProfile;
  feed: FeedFile;
}

export function catalogDryRunOptions(source: DataSource) {
  return mutationOptions<CatalogSyncResult, Error, CatalogRunVariables>({
    mutationKey: [...syncKeys.catalog(), 'dry-run'],
    // Not logged: nothing is written, and the screen shows all of it.
    mutationFn: ({ profile, feed }) => runCatalogSync({ client: source.client, profile, feed, dryRun: true }),
    meta: { silent: true },
  });
}

/**
 * The dry run of a catalog feed: validated against the mapping and the portal, then planned against
 * the portal's products by external ID (`result.plan`), or refused with line/field/value (`result.errors`).
 * @example const result = await dryRun.mutateAsync({ profile, feed }); result.plan?.counts
 */
export function useCatalogDryRun() {
  return useMutation(catalogDryRunOptions(useDataSource()));
}

export interface CatalogSyncVariables extends CatalogRunVariables {
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Take over a run that looks alive (a closed tab's run checkpointed moments ago). */
  takeOver?: boolean;
}

export function catalogSyncOptions(source: DataSource) {
  return mutationOptions<CatalogSyncResult, Error, CatalogSyncVariables>({
    mutationKey: [...syncKeys.catalog(), 'apply'],
    mutationFn: ({ profile, feed, signal, onProgress, takeOver }) =>
      runCatalogSync({
        client: source.client,
        store: syncStoreOf(source),
        profile,
        feed,
        signal,
        onProgress,
        rateLimit: RATE_PLANS.standard,
        ...(takeOver ? { staleAfterMs: 0 } : {}),
        notify:
          profile.responsibleId || profile.postToStream
            ? syncNotifier(source.client, {
                userId: profile.responsibleId,
                kind: 'system',
                postToStream: profile.postToStream,
              })
            : null,
      }),
    meta: { silent: true, invalidates: [syncKeys.runs('catalog')] },
  });
}

/**
 * A catalog sync with its progress: `start` plans again against the portal (by external ID, so a run
 * repeated or resumed never duplicates a product) and writes; `cancel` stops before the next request;
 * `progress` follows every request; unmounting cancels. The run is logged and checkpointed in Kontor's storage, and its
 * summary goes to the profile's responsible person (and the activity stream if the profile says so).
 * @example
 * const sync = useCatalogSync();
 * const result = await sync.start({ profile, feed });
 * <Progress value={sync.progress ? (100 * sync.progress.done) / sync.progress.total : 0} />
 */
export function useCatalogSync() {
  const source = useDataSource();
  const mutation = useMutation(catalogSyncOptions(source));
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const { mutateAsync, reset: resetMutation } = mutation;

  const start = useCallback(
    (variables: CatalogRunVariables & { takeOver?: boolean }): Promise<CatalogSyncResult> => {
      controller.current = new AbortController();
      setProgress(null);
      return mutateAsync({ ...variables, signal: controller.current.signal, onProgress: setProgress });
    },
    [mutateAsync],
  );
  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => {
    setProgress(null);
    resetMutation();
  }, [resetMutation]);
  // Leaving the screen stops the run like closing the tab does: nothing goes on unseen, and the run is
  // logged as cancelled, so the screen offers to resume it when it opens again.
  useEffect(() => () => controller.current?.abort(), []);

  return {
    start,
    cancel,
    reset,
    progress,
    result: mutation.data,
    /** The run could not be carried out at all (the feed's faults and the portal's refusals are in `result`). */
    error: mutation.error,
    isRunning: mutation.isPending,
  };
}

export function catalogExportOptions(source: DataSource) {
  return mutationOptions<CatalogExport, Error, Omit<ExportOptions, 'signal'>>({
    mutationKey: [...syncKeys.catalog(), 'export'],
    mutationFn: (options) => exportCatalog(source.client, options),
    meta: { silent: true },
  });
}

/**
 * The webshop feed: active products with section path, stock and price in the chosen currency, as
 * JSON, CSV or XML text (`result.body`) for a download.
 * @example const file = await exportFeed.mutateAsync({ format: 'csv', currency: 'EUR' });
 */
export function useCatalogExport() {
  return useMutation(catalogExportOptions(useDataSource()));
}
