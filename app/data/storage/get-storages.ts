import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { useDataSource } from '../query/data-context.ts';
import { storageKeys } from '../query/keys.ts';
import { itemOf, listStorages, readItemRows, readStorage } from './storage-provider.ts';

/** The app's storages (one batch request: `entity.get` + `kontor.storages`). */
export function storagesQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: storageKeys.list(),
    queryFn: () => listStorages(source.client),
  });
}

/**
 * The app's storages by name, each flagged `registered` (Kontor knows its types) and `readOnly`.
 * Refused with `ACCESS_DENIED` "Application context required" outside the app's frame (see
 * `isAppContextRequired`).
 * @example const { data: storages = [] } = useStorages(); storages.map((s) => s.name)
 */
export function useStorages() {
  return useQuery(storagesQueryOptions(useDataSource()));
}

/** One storage: typed properties, sections, CRM-item properties (one batch request). */
export function storageQueryOptions(source: DataSource, entity: string) {
  return queryOptions({
    queryKey: storageKeys.one(entity),
    queryFn: () => readStorage(source.client, entity),
  });
}

/**
 * One storage with its properties and sections.
 * @example const { data: visits } = useStorage('visits'); visits?.properties.map((p) => p.type)
 */
export function useStorage(entity: string) {
  return useQuery(storageQueryOptions(useDataSource(), entity));
}

/**
 * Every item of a storage (streamed: one request per 2,500 items), values typed by the storage's
 * properties — read in parallel with the storage itself on a cold open, from its cache while that is fresh.
 */
export function storageItemsQueryOptions(source: DataSource, entity: string) {
  return queryOptions({
    queryKey: storageKeys.items(entity),
    queryFn: async ({ client }) => {
      // Both requests are in flight together; the rows are typed once the properties are known.
      const [{ properties }, rows] = await Promise.all([
        client.fetchQuery(storageQueryOptions(source, entity)),
        readItemRows(source.client, entity),
      ]);
      return rows.map((row) => itemOf(row, properties));
    },
  });
}

/**
 * Every item of a storage, for the grid, the section filter and CSV export.
 * @example const { data: items = [] } = useStorageItems('visits');
 */
export function useStorageItems(entity: string) {
  return useQuery(storageItemsQueryOptions(useDataSource(), entity));
}
