import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { readCurrencies, readStatuses } from '../providers/dictionary-provider.ts';
import { useDataSource } from './data-context.ts';
import { dictionaryKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/** The portal's currencies, cached for half an hour (an admin adds one rarely). */
export function currenciesQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: dictionaryKeys.currencies(),
    queryFn: () => readCurrencies(source.client),
    staleTime: META_STALE_MS,
    gcTime: 2 * META_STALE_MS,
  });
}

/**
 * The currencies a money input offers, base currency included.
 * @example const { data: currencies = [] } = useCurrencies(); currencies.find((c) => c.base)?.id // 'DKK'
 */
export function useCurrencies(enabled = true) {
  const source = useDataSource();
  return useQuery({ ...currenciesQueryOptions(source), enabled });
}

/** One `crm.status` dictionary as options; an empty entity id waits (no request). */
export function statusesQueryOptions(source: DataSource, entityId: string) {
  return queryOptions({
    queryKey: dictionaryKeys.statuses(entityId),
    queryFn: entityId ? () => readStatuses(source.client, entityId) : skipToken,
    staleTime: META_STALE_MS,
    gcTime: 2 * META_STALE_MS,
  });
}

/**
 * The options of a `crm_status` field (its `statusType`: `SOURCE`, `DEAL_TYPE`, `INDUSTRY`, …).
 * @example const { data: sources = [] } = useStatuses(field.statusType ?? ''); sources[0] // { id: 'CALL', value: 'Call' }
 */
export function useStatuses(entityId: string) {
  return useQuery(statusesQueryOptions(useDataSource(), entityId));
}
