import { mutationOptions, useMutation, type QueryClient } from '@tanstack/react-query';
import type { BitrixError } from '../../b24/errors.ts';
import type { DataSource } from '../providers/data-source.ts';
import { useDataSource } from '../query/data-context.ts';
import { storageKeys } from '../query/keys.ts';
import type { CsvRow } from './storage-csv.ts';
import {
  addItem,
  addItems,
  addProperty,
  addSection,
  createStorage,
  deleteItem,
  deleteProperty,
  deleteSection,
  deleteStorage,
  renameProperty,
  renameSection,
  renameStorage,
  updateItem,
  type WriteProgress,
} from './storage-provider.ts';
import type { ItemInput, NewProperty, NewStorage, StorageDetail, StorageItem } from './types.ts';

// Every write shows its own error in its form or dialog (`silent`); settled writes refresh what they changed.
const everything = { invalidates: [storageKeys.all()], silent: true };
const storage = (entity: string) => ({ invalidates: [storageKeys.one(entity), storageKeys.list()], silent: true });

/** Puts an item the portal answered into the storage's cached item list (replacing one with its id). */
function putItem(queryClient: QueryClient, entity: string, item: StorageItem): void {
  queryClient.setQueryData<StorageItem[]>(storageKeys.items(entity), (old) => {
    if (!old) return old;
    const at = old.findIndex((i) => i.id === item.id);
    return at < 0 ? [...old, item] : old.map((i) => (i.id === item.id ? item : i));
  });
}

/** The properties of a cached storage (a form is only open on a storage that is on screen). */
function propertiesOf(queryClient: QueryClient, entity: string) {
  return queryClient.getQueryData<StorageDetail>(storageKeys.one(entity))?.properties ?? [];
}

/** Mutation options of the storage browser's writes on the storages themselves. */
export function storageWriteOptions(source: DataSource) {
  const { client } = source;
  return {
    create: mutationOptions({
      mutationFn: (input: NewStorage) => createStorage(client, input),
      meta: everything,
    }),
    rename: mutationOptions({
      mutationFn: ({ entity, name }: { entity: string; name: string }) => renameStorage(client, entity, name),
      meta: everything,
    }),
    remove: mutationOptions({
      mutationFn: (entity: string) => deleteStorage(client, entity),
      onSuccess: (_outcome, entity, _r, { client: queryClient }) =>
        queryClient.removeQueries({ queryKey: storageKeys.one(entity) }),
      meta: { invalidates: [storageKeys.list()], silent: true },
    }),
  };
}

/**
 * Creating, renaming and deleting storages. `create` resolves with a report: the storage exists, but a
 * property or the `kontor.storages` registration may have been refused (say so).
 * @example const { create } = useStorageWrites(); const report = await create.mutateAsync({ entity: 'visits', name: 'Visits', properties });
 */
export function useStorageWrites() {
  const options = storageWriteOptions(useDataSource());
  return {
    create: useMutation(options.create),
    rename: useMutation(options.rename),
    remove: useMutation(options.remove),
  };
}

/** Mutation options of the writes inside one storage: properties, sections, items. */
export function storageContentOptions(source: DataSource, entity: string) {
  const { client } = source;
  return {
    addProperty: mutationOptions({
      mutationFn: (p: NewProperty) => addProperty(client, entity, p),
      meta: storage(entity),
    }),
    renameProperty: mutationOptions({
      mutationFn: ({ code, name }: { code: string; name: string }) => renameProperty(client, entity, code, name),
      meta: storage(entity),
    }),
    deleteProperty: mutationOptions({
      mutationFn: (code: string) => deleteProperty(client, entity, code),
      meta: storage(entity),
    }),
    addSection: mutationOptions({
      mutationFn: (input: { name: string; parentId: string | null }) => addSection(client, entity, input),
      meta: storage(entity),
    }),
    renameSection: mutationOptions({
      mutationFn: ({ id, name }: { id: string; name: string }) => renameSection(client, entity, id, name),
      meta: storage(entity),
    }),
    deleteSection: mutationOptions({
      mutationFn: (id: string) => deleteSection(client, entity, id),
      meta: storage(entity),
    }),
    // An item write answers with the item read back in the same request: the list is patched, not re-read.
    addItem: mutationOptions({
      mutationFn: (input: ItemInput, { client: queryClient }) =>
        addItem(client, entity, propertiesOf(queryClient, entity), input),
      onSuccess: (item, _v, _r, { client: queryClient }) => putItem(queryClient, entity, item),
      meta: { silent: true },
    }),
    updateItem: mutationOptions({
      mutationFn: ({ id, input }: { id: string; input: ItemInput }, { client: queryClient }) =>
        updateItem(client, entity, propertiesOf(queryClient, entity), id, input),
      onSuccess: (item, _v, _r, { client: queryClient }) => putItem(queryClient, entity, item),
      meta: { silent: true },
    }),
    deleteItem: mutationOptions({
      mutationFn: (id: string) => deleteItem(client, entity, id),
      onSuccess: (_void, id, _r, { client: queryClient }) =>
        queryClient.setQueryData<StorageItem[]>(storageKeys.items(entity), (old) => old?.filter((i) => i.id !== id)),
      meta: { silent: true },
    }),
  };
}

/**
 * The writes inside one storage. Property and section writes refresh the storage (and its items); item
 * writes patch the cached items with the portal's answer.
 * @example const { addItem } = useStorageContent('visits'); addItem.mutate({ name: 'Visit', sectionId: null, values: { deal: 'D_12' } });
 */
export function useStorageContent(entity: string) {
  const options = storageContentOptions(useDataSource(), entity);
  return {
    addProperty: useMutation(options.addProperty),
    renameProperty: useMutation(options.renameProperty),
    deleteProperty: useMutation(options.deleteProperty),
    addSection: useMutation(options.addSection),
    renameSection: useMutation(options.renameSection),
    deleteSection: useMutation(options.deleteSection),
    addItem: useMutation(options.addItem),
    updateItem: useMutation(options.updateItem),
    deleteItem: useMutation(options.deleteItem),
  };
}

/** What an import wrote, by file line. */
export interface ImportResult {
  added: number;
  /** Lines the portal refused, with its reason. */
  failed: { line: number; error: BitrixError }[];
  /** Lines never sent (a request failed as a whole, or the import was cancelled). */
  notAttempted: number[];
  /** The error of a request that failed as a whole: its lines may or may not have been written. */
  stoppedBy: BitrixError | null;
}

export interface ImportVariables {
  rows: readonly CsvRow[];
  onProgress?: (progress: WriteProgress) => void;
  signal?: AbortSignal;
}

/** Writes checked CSV rows 50 a request; the items are re-read once it settles, whatever happened. */
export function importItemsOptions(source: DataSource, entity: string) {
  return mutationOptions({
    mutationFn: async ({ rows, onProgress, signal }: ImportVariables): Promise<ImportResult> => {
      const result = await addItems(
        source.client,
        entity,
        rows.map((r) => r.input),
        { onProgress, signal },
      );
      return {
        added: result.ids.filter(Boolean).length,
        failed: result.failures.map((f) => ({ line: rows[f.index]!.line, error: f.error })),
        notAttempted: result.notAttempted.map((i) => rows[i]!.line),
        stoppedBy: result.stoppedBy,
      };
    },
    meta: { invalidates: [storageKeys.items(entity)], silent: true },
  });
}

/**
 * Imports rows `parseItemsCsv` accepted (check first: it refuses a file with any bad row, so nothing of a
 * bad file is written). Progress after each request of 50; `signal` cancels between requests.
 * @example const run = useImportItems('visits'); await run.mutateAsync({ rows: parsed.rows, onProgress: setProgress });
 */
export function useImportItems(entity: string) {
  return useMutation(importItemsOptions(useDataSource(), entity));
}
