// The sync engine (docs/sync.md): currency rates and the product catalog from feeds, the webshop
// export, run logs. No React, no DOM-only APIs: the workspace and the CLI use the same code.
// Node-only pieces stay out of this file: FileSyncStore is in ./file-store.ts.

export { FeedError, FeedRefused, describeFeedError, MAX_LISTED_ERRORS } from './feed-error.ts';
export type { FeedErrorCode, FeedErrorInit } from './feed-error.ts';
export { MAX_FEED_BYTES, decodeFeed, assertFeedSize, type FeedEncoding } from './decode.ts';
export { detectDecimalMark, parseDecimal, type DecimalMark } from './numbers.ts';
export { fetchFeed, feedHash, type FeedFile } from './load-feed.ts';

export {
  parseCurrencyFeed,
  type CurrencyFeed,
  type CurrencyFeedOptions,
  type CurrencyFormat,
  type FeedRate,
  type RateQuote,
} from './currency-feed.ts';
export {
  planCurrencies,
  applyCurrencyPlan,
  unitValues,
  amountCntFor,
  readCurrencies,
  type CurrencyPlan,
  type CurrencyPlanRow,
  type CurrencyRowStatus,
  type CurrencyApplyOptions,
  type CurrencyApplyResult,
} from './currency-sync.ts';

export {
  parseCatalogFeed,
  sniffFormat,
  type CatalogFeed,
  type CatalogFeedOptions,
  type CatalogFormat,
  type FeedRow,
} from './catalog-feed.ts';
export {
  PRODUCT_FIELDS,
  PORTAL_FIELD,
  autoMapping,
  fieldForHeader,
  isColumnTarget,
  mappedFields,
  propertyIdOf,
  type CatalogMapping,
  type ColumnTarget,
  type ProductField,
} from './mapping.ts';
export {
  validateCatalog,
  splitSectionPath,
  type CatalogRow,
  type CatalogValidation,
  type CatalogValidationContext,
} from './validate-catalog.ts';
export {
  readPortalMeta,
  readPortalProducts,
  readPortalSections,
  productSelect,
  SectionIndex,
  type PortalMeta,
  type PortalCurrency,
  type PortalProduct,
  type PortalPrice,
  type PortalSection,
} from './portal-catalog.ts';
export {
  planCatalog,
  diffProduct,
  type CatalogPlan,
  type PlanItem,
  type PlanAction,
  type PlanCounts,
  type FieldChange,
} from './plan-catalog.ts';
export {
  applyCatalogPlan,
  type ApplyOptions,
  type ApplyProgress,
  type ApplyResult,
  type ApplyCounts,
  type ApplyStatus,
  type ItemResult,
} from './apply-catalog.ts';

export {
  exportCatalog,
  renderExport,
  convertPrice,
  type CatalogExport,
  type ExportFormat,
  type ExportOptions,
  type ExportRow,
} from './export-catalog.ts';

export {
  RATE_PLANS,
  RequestPacer,
  pacedClient,
  failureKind,
  readWithRetry,
  sleep,
  type SyncClient,
  type RatePlan,
  type RatePlanName,
  type FailureKind,
} from './sync-client.ts';

export {
  runCatalogSync,
  runCurrencySync,
  readCurrencyMeta,
  type SyncRunOptions,
  type SyncProgress,
  type SyncPhase,
  type CatalogSyncResult,
  type CurrencySyncResult,
} from './run-sync.ts';
export { runSummary, syncNotifier, type SyncNotifier, type NotifyTarget } from './notify.ts';
export {
  emptyCounts,
  MAX_RUN_ERRORS,
  PROFILE_NAME,
  type SyncStore,
  type SyncProfile,
  type SyncKind,
  type FeedSourceSpec,
  type RunRecord,
  type RunStatus,
  type RunCounts,
  type RunError,
  type ChangeRecord,
} from './sync-store.ts';
export { EntitySyncStore, SYNC_STORAGES, CHANGES_PER_ITEM } from './entity-store.ts';
