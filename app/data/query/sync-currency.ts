import { mutationOptions, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import type { FeedFile } from '../sync/load-feed.ts';
import { syncNotifier } from '../sync/notify.ts';
import { readCurrencyMeta, runCurrencySync, type CurrencySyncResult } from '../sync/run-sync.ts';
import { RATE_PLANS } from '../sync/sync-client.ts';
import type { SyncProfile } from '../sync/sync-store.ts';
import { useDataSource } from './data-context.ts';
import { dictionaryKeys, syncKeys } from './keys.ts';
import { syncStoreOf } from './sync-profiles.ts';

/** The portal's base currency and currencies (one `batch`), as the currency sync converts to them. */
export function currencyMetaQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: syncKeys.currencies(),
    queryFn: ({ signal }) => readCurrencyMeta(source.client, signal),
  });
}

/**
 * The portal's base currency and its currencies with their rates.
 * @example const { data } = useCurrencyMeta(); data?.base // 'DKK'
 */
export function useCurrencyMeta() {
  return useQuery(currencyMetaQueryOptions(useDataSource()));
}

export interface CurrencyRunVariables {
  profile: SyncProfile;
  feed: FeedFile;
}

export function currencyDryRunOptions(source: DataSource) {
  return mutationOptions<CurrencySyncResult, Error, CurrencyRunVariables>({
    mutationKey: [...syncKeys.currencies(), 'dry-run'],
    // A dry run is not logged: it writes nothing, and the screen shows all of it.
    mutationFn: ({ profile, feed }) => runCurrencySync({ client: source.client, profile, feed, dryRun: true }),
    meta: { silent: true },
  });
}

/**
 * The dry run of a currency feed: parsed, converted to the portal's base currency and compared with
 * the portal's rates (`result.plan.rows`), or refused with the line and value at fault (`result.errors`).
 * @example const result = await dryRun.mutateAsync({ profile, feed }); result.plan?.rows
 */
export function useCurrencyDryRun() {
  return useMutation(currencyDryRunOptions(useDataSource()));
}

export interface CurrencyApplyVariables extends CurrencyRunVariables {
  /** New currencies to add with the update. */
  add: string[];
}

export function currencyApplyOptions(source: DataSource) {
  return mutationOptions<CurrencySyncResult, Error, CurrencyApplyVariables>({
    mutationKey: [...syncKeys.currencies(), 'apply'],
    mutationFn: ({ profile, feed, add }) =>
      runCurrencySync({
        client: source.client,
        store: syncStoreOf(source),
        profile,
        feed,
        addCurrencies: add,
        rateLimit: RATE_PLANS.standard,
        notify:
          profile.responsibleId || profile.postToStream
            ? syncNotifier(source.client, {
                userId: profile.responsibleId,
                kind: 'system',
                postToStream: profile.postToStream,
              })
            : null,
      }),
    meta: {
      silent: true,
      invalidates: [syncKeys.currencies(), syncKeys.catalog(), syncKeys.runs('currency'), dictionaryKeys.currencies()],
    },
  });
}

/**
 * Writes a currency feed: every changed rate and every chosen new currency in one batch, the run logged
 * in Kontor's storage and its summary sent to the profile's responsible person.
 * @example const result = await apply.mutateAsync({ profile, feed, add: ['JPY'] }); result.apply?.updated
 */
export function useCurrencyApply() {
  return useMutation(currencyApplyOptions(useDataSource()));
}
