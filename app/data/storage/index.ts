// Kontor's custom data (`entity.*`): the provider, the typed-property rules, the `kontor.storages`
// registry, CSV, and the query hooks (docs/storage.md). Screens import from here.
export * from './types.ts';
export * from './property-types.ts';
export * from './storage-registry.ts';
export * from './storage-csv.ts';
export * from './storage-provider.ts';
export * from './get-storages.ts';
export * from './storage-writes.ts';
