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
export type { Category } from './types.ts';
export { moveStageOptions, type MoveStageOptions } from './query/move-stage.ts';
export { categoryKeys, pipelineKeys } from './query/keys.ts';
export { readCategories, stageEntityIdOf } from './providers/category-provider.ts';
export { readPipelineRecords, cardFields } from './providers/pipeline-provider.ts';
export { useCategories, categoriesQueryOptions } from './query/get-categories.ts';
export { usePipelineRecords, pipelineRecordsQueryOptions } from './query/get-pipeline-records.ts';
export {
  useBulkWrite,
  runBulkWrite,
  bulkWriteOptions,
  applyBulkOutcomes,
  type BulkWrite,
  type BulkOutcome,
  type BulkProgress,
  type BulkResult,
  type BulkRunOptions,
  type BulkRunVariables,
} from './query/bulk-write.ts';
export { useBulkSelection, bulkSelectionQueryOptions } from './query/get-bulk-selection.ts';
export { bulkCommand, readSelection, selectionFields } from './providers/bulk-provider.ts';
export { bulkKeys } from './query/keys.ts';
export { useUserSearch, type UserSearch } from './query/search-users.ts';
export { directoryKeys } from './query/keys.ts';
export {
  readDepartments,
  departmentTree,
  readDepartmentUsers,
  readUserCard,
  type Department,
  type DepartmentNode,
  type UserCard,
} from './providers/department-provider.ts';
export {
  searchGroups,
  readGroup,
  readGroupMembers,
  readGroupEvents,
  createGroup,
  type Workgroup,
  type GroupRole,
  type GroupMember,
  type GroupEvent,
  type NewWorkgroup,
} from './providers/group-provider.ts';
export { sendNotification, type NotificationInput, type NotificationKind } from './providers/notify-provider.ts';
export {
  addBlogPost,
  postRecipients,
  type BlogPostInput,
  type PostAudience,
  type PostRecipient,
} from './providers/blogpost-provider.ts';
export { useDepartments, departmentsQueryOptions } from './query/departments-tree.ts';
export {
  useDepartmentUsers,
  departmentUsersQueryOptions,
  useUserCard,
  userCardQueryOptions,
} from './query/departments-users.ts';
export { useGroupSearch, groupSearchQueryOptions } from './query/groups-list.ts';
export {
  useGroup,
  groupQueryOptions,
  useGroupMembers,
  groupMembersQueryOptions,
  useGroupEvents,
  groupEventsQueryOptions,
  useGroupTasks,
  groupTaskParams,
} from './query/groups-detail.ts';
export { useCreateGroup, createGroupOptions } from './query/groups-create.ts';
export { useSendNotification, sendNotificationOptions } from './query/notify.ts';
export { usePostToStream, postToStreamOptions } from './query/blogpost.ts';
export {
  useSaveRecord,
  saveRecord,
  saveMutationOptions,
  ConflictError,
  findConflicts,
  undoPatch,
  versionOf,
  sameValue,
  type FieldConflict,
  type SaveRecordVariables,
} from './query/save-record.ts';
// `useUserSearch(text, enabled)` of lookup-records.ts stays out of the barrel: query/search-users.ts exports
// another `useUserSearch()` (the shared UserPicker's); import either from its file.
export {
  useManyRecords,
  useRecordSearch,
  manyRecordsQueryOptions,
  recordSearchQueryOptions,
  userSearchQueryOptions,
  searchFilter,
  type RecordRefs,
} from './query/lookup-records.ts';
export { useCurrencies, useStatuses, currenciesQueryOptions, statusesQueryOptions } from './query/get-dictionaries.ts';
export { readCurrencies, readStatuses, type Currency } from './providers/dictionary-provider.ts';
export { dictionaryKeys, lookupKeys } from './query/keys.ts';
export {
  multiFieldPatch,
  multiFieldsOf,
  sameMultiFields,
  MULTI_FIELD_TYPES,
  MULTI_VALUE_TYPES,
  type MultiFieldValue,
  type MultiFieldType,
} from './fields/multi-fields.ts';
export {
  MY_CALENDAR,
  readCalendarContext,
  readCalendarView,
  readCalendarEvent,
  createCalendarEvent,
  updateCalendarEvent,
  deleteCalendarEvent,
  type CalendarContext,
  type CalendarEvent,
  type CalendarGroup,
  type CalendarRef,
  type CalendarSection,
  type CalendarView,
  type EventInput,
} from './providers/calendar-provider.ts';
export {
  useCalendarContext,
  useCalendarView,
  calendarContextQueryOptions,
  calendarViewQueryOptions,
} from './query/calendar-view.ts';
export {
  useCreateCalendarEvent,
  useUpdateCalendarEvent,
  useDeleteCalendarEvent,
  useHiddenSections,
} from './query/calendar-write.ts';
export { calendarKeys } from './query/keys.ts';
export {
  readCard,
  cardRelations,
  COMMENT_AUTHORS,
  type CardBundle,
  type CardPart,
  type CardRelation,
  type LinkedRecord,
  type CardTask,
  type CardComment,
  type CardTodo,
  type CardEvent,
  type CardDataItem,
  type CardStorageItems,
  type ReadCardOptions,
} from './providers/card-provider.ts';
export { storagesFromOptions, STORAGES_OPTION, type CardStorage } from './providers/card-storages.ts';
export { crmBindingCode, timelineEntityType } from './providers/card-binding.ts';
export { useCard, cardQueryOptions } from './query/get-card.ts';
export { useCardActions, cardActionOptions } from './query/card-actions.ts';
export { cardKeys } from './query/keys.ts';
export type { GridCondition, GridParams, GridResult } from './types.ts';
export { gridKeys } from './query/keys.ts';
export {
  useRecordGrid,
  recordGridQueryOptions,
  GRID_CAP,
  DEFAULT_GRID_SORT,
  GRID_DATA_MARK,
  GRID_PAINT_MEASURE,
} from './query/get-record-grid.ts';
export { useGridColumns, gridColumnsOption, parseGridColumns } from './query/grid-columns.ts';
export { streamRecords, type RecordChunk, type RecordStreamQuery } from './providers/record-stream.ts';
export { compileGridFilter, searchCondition } from './providers/grid-filter.ts';
export type { TaskAction } from './types.ts';
export { taskKeys } from './query/keys.ts';
export { compileTaskFilter, needsCurrentUser, type TaskFilter, type TaskRole } from './providers/task-filter.ts';
export { streamTasks, TASK_ROW_SELECT, type TaskChunk, type TaskStreamQuery } from './providers/task-stream.ts';
export {
  readTask,
  readChecklist,
  readComments,
  addComment,
  createTask,
  updateTask,
  taskFields,
  TASK_DETAIL_SELECT,
  type ChecklistItem,
  type ChecklistDraft,
  type TaskComment,
  type TaskInput,
  type CreatedTask,
} from './providers/task-items.ts';
export { readRelatedData, type RelatedData, type RelatedDataItem } from './providers/task-related-data.ts';
export { useTaskList, taskListQueryOptions, TASK_CAP, TASK_LIST_MARK, type TaskListResult } from './query/task-list.ts';
export { useCurrentUser, currentUserQueryOptions } from './query/task-current-user.ts';
export {
  useTask,
  useTaskChecklist,
  useTaskComments,
  useTaskRelatedData,
  taskQueryOptions,
  taskChecklistQueryOptions,
  taskCommentsQueryOptions,
  taskRelatedDataQueryOptions,
} from './query/task-detail.ts';
export {
  useTaskTransition,
  useSaveTask,
  useBindTaskCrm,
  useAddTaskComment,
  useToggleChecklistItem,
  taskTransitionOptions,
  saveTaskOptions,
  bindTaskCrmOptions,
  addTaskCommentOptions,
  toggleChecklistItemOptions,
  type TaskTransitionVariables,
  type SaveTaskVariables,
  type TaskWriteOptions,
} from './query/task-write.ts';
