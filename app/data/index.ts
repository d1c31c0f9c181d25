// The public surface of the data layer: features import from here only.
export type {
  AnyProvider,
  CrmItemProvider,
  FieldKind,
  FieldMeta,
  FieldOption,
  ListParams,
  ListResult,
  LocalizedText,
  ProviderKind,
  RecordData,
  RecordProvider,
  Resource,
  ResourceName,
  SortOrder,
  Stage,
  StageSemantics,
  TaskProvider,
  UserBrief,
} from './types.ts';
export { DataProvider, type DataProviderProps } from './data-provider.tsx';
export {
  createQueryClient,
  RECORD_STALE_MS,
  META_STALE_MS,
  type ErrorSource,
  type CreateQueryClientOptions,
} from './query/query-client.ts';
export { recordKeys, resourceKeys, stageKeys, userKeys } from './query/keys.ts';
export { createDataSource, type DataSource } from './providers/data-source.ts';
export { createCrmItemProvider } from './providers/crm-item-provider.ts';
export { createTaskProvider } from './providers/task-provider.ts';
export { STATIC_RESOURCES, entityTypeIdOf, isResourceName } from './resources/static-resources.ts';
export { discoverSmartProcesses, smartProcessResource } from './resources/smart-processes.ts';
export { resourceForPlacement, detailTabPlacement } from './resources/resource-for-placement.ts';
export { errorMessageKey, errorDetail, type ErrorMessageKey } from './errors/error-message-key.ts';
export { useResources, resourcesQueryOptions } from './query/get-resources.ts';
export { useFields, fieldsQueryOptions } from './query/get-fields.ts';
export { useRecord, recordQueryOptions } from './query/get-record.ts';
export { useRecordList, recordListQueryOptions } from './query/get-record-list.ts';
export { useStages, useStage, stagesQueryOptions, stageOf } from './query/get-stages.ts';
export { useUserNames, userQueryOptions, userIdOf } from './query/get-users.ts';
export { useUpdateRecord, type UpdateRecordVariables } from './query/update-record.ts';
export { useCreateRecord } from './query/create-record.ts';
export { useDeleteRecord } from './query/delete-record.ts';
export { useMoveStage, type MoveStageVariables } from './query/move-stage.ts';
export { useCompleteTask } from './query/complete-task.ts';
export { useDataSource } from './query/data-context.ts';
export * from './platform/index.ts';
