import type { GridParams, ListParams, ResourceName } from '../types.ts';

/**
 * The only place query keys are built. General → specific, so invalidating a prefix hits a whole
 * family: `[resource]` ⊃ `[resource, 'list']` ⊃ `[resource, 'list', params]`, `[resource, 'one', id]`,
 * `[resource, 'fields']`.
 * @example queryClient.invalidateQueries({ queryKey: recordKeys.lists('deals') });
 */
export const recordKeys = {
  all: (resource: ResourceName) => [resource] as const,
  lists: (resource: ResourceName) => [resource, 'list'] as const,
  list: (resource: ResourceName, params: ListParams) => [resource, 'list', params] as const,
  ones: (resource: ResourceName) => [resource, 'one'] as const,
  one: (resource: ResourceName, id: string) => [resource, 'one', id] as const,
  fields: (resource: ResourceName) => [resource, 'fields'] as const,
};

/** The resource catalogue (static + discovered smart processes); no resource is named `resources`. */
export const resourceKeys = {
  all: () => ['resources'] as const,
};

/** Stage dictionaries per CRM entity type (`['stages', 2]`); no resource is named `stages`. */
export const stageKeys = {
  all: () => ['stages'] as const,
  of: (entityTypeId: number) => ['stages', entityTypeId] as const,
};

/** Users as lists and cards show them (`['users', 'brief', '7']`), one cache entry per user. */
export const userKeys = {
  all: () => ['users'] as const,
  brief: (id: string) => ['users', 'brief', id] as const,
};

/** Pipelines per CRM entity type (`['categories', 2]`); no resource is named `categories`. */
export const categoryKeys = {
  all: () => ['categories'] as const,
  of: (entityTypeId: number) => ['categories', entityTypeId] as const,
};

/**
 * A whole pipeline's records for the kanban (`['deals', 'list', { pipeline: '1' }]`). It sits among the
 * resource's lists, so a write patches it, rolls it back and refreshes it like any other list.
 */
export const pipelineKeys = {
  records: (resource: ResourceName, categoryId: string) => [resource, 'list', { pipeline: categoryId }] as const,
};

/** What record forms pick from: currencies and `crm.status` dictionaries (`SOURCE`, `DEAL_TYPE`, …). */
export const dictionaryKeys = {
  all: () => ['dictionaries'] as const,
  currencies: () => ['dictionaries', 'currencies'] as const,
  statuses: (entityId: string) => ['dictionaries', 'statuses', entityId] as const,
};

/**
 * Records by id and by title for the detail's related records and the form's pickers. They sit in the
 * resource's family (`[resource, 'many' | 'search', …]`), so a write to the resource refreshes them.
 */
export const lookupKeys = {
  many: (resource: ResourceName, ids: readonly string[]) => [resource, 'many', ids] as const,
  search: (resource: ResourceName, text: string) => [resource, 'search', text] as const,
  /** Users found by name for a picker (`['users', 'search', 'ann']`). */
  users: (text: string) => ['users', 'search', text] as const,
};

/**
 * What a bulk dialog reads of the selected records (`['deals', 'bulk', ids]`): names, stages, pipelines.
 * In the resource's family, so the run's own writes refresh it.
 */
export const bulkKeys = {
  selection: (resource: ResourceName, ids: readonly string[]) => [resource, 'bulk', ids] as const,
};

/**
 * The workspace grid's bulk read (`['deals', 'list', { grid: params }]`). It sits among the resource's
 * lists, so a write patches its rows, rolls them back and refreshes it like any other list.
 */
export const gridKeys = {
  rows: (resource: ResourceName, params: GridParams) => [resource, 'list', { grid: params }] as const,
};

/**
 * A CRM card tab's bundle (`['deals', 'card', '7', storages]`, docs/data-layer.md "The card tab"). In the
 * record's resource family, so an edit of the record refreshes the card; `card` is the prefix that the
 * card's own actions invalidate.
 */
export const cardKeys = {
  card: (resource: ResourceName, id: string) => [resource, 'card', id] as const,
  bundle: (resource: ResourceName, id: string, storages: readonly { entity: string; crmProperty: string }[]) =>
    [resource, 'card', id, storages] as const,
};

/**
 * The task section (`app/data/query/task-*.ts`). All in the `tasks` family, so any task write refreshes them:
 * the streamed list (`['tasks', 'list', { tasks: filter }]`, among the lists, so writes patch and roll back
 * its rows), a task's detail with its CRM bindings, checklist, comments and related custom data.
 */
export const taskKeys = {
  rows: (filter: object) => ['tasks', 'list', { tasks: filter }] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
  checklist: (id: string) => ['tasks', 'checklist', id] as const,
  comments: (id: string) => ['tasks', 'comments', id] as const,
  relatedData: (codes: readonly string[], storages: readonly { entity: string; crmProperty: string }[]) =>
    ['tasks', 'related-data', codes, storages] as const,
  /** The current user (`user.current`); among the users, not the tasks. */
  me: () => ['users', 'me'] as const,
};

/**
 * The people and workgroups sections. Departments have their own family; a user's card sits among the
 * users (`['users', 'card', id]`, so a refresh of the users refreshes it); workgroups have their own family,
 * with members and calendar under the group (`['groups', 'one', id, 'members']`), so invalidating a group
 * refreshes all of it. No resource is named `departments` or `groups`.
 */
export const directoryKeys = {
  departments: () => ['departments'] as const,
  departmentUsers: (departmentId: string) => ['departments', 'users', departmentId] as const,
  userCard: (id: string) => ['users', 'card', id] as const,
  groups: () => ['groups'] as const,
  groupSearch: (text: string) => ['groups', 'list', text] as const,
  group: (id: string) => ['groups', 'one', id] as const,
  groupMembers: (id: string) => ['groups', 'one', id, 'members'] as const,
  groupEvents: (id: string, from: number, to: number) => ['groups', 'one', id, 'events', from, to] as const,
};

/**
 * The calendar section: what it needs first (`['calendar', 'context']`: user, hidden sections, groups) and
 * one calendar over a range of days (`['calendar', 'view', 'user', 'me', '2026-03-09', '2026-03-15']`), so a
 * write refreshes every range of its calendar through `calendar(type, ownerId)`. No resource is `calendar`.
 */
export const calendarKeys = {
  all: () => ['calendar'] as const,
  context: () => ['calendar', 'context'] as const,
  views: () => ['calendar', 'view'] as const,
  calendar: (type: string, ownerId: string) => ['calendar', 'view', type, ownerId] as const,
  view: (type: string, ownerId: string, from: string, to: string) =>
    ['calendar', 'view', type, ownerId, from, to] as const,
};

/**
 * Kontor's custom data (`entity.*`, app/data/storage/): the list of storages, one storage (properties,
 * sections, typed schema) and its items under it (`['storages', 'one', 'visits', 'items']`), so a write to
 * a storage refreshes its items too. No resource is named `storages`.
 */
export const storageKeys = {
  all: () => ['storages'] as const,
  list: () => ['storages', 'list'] as const,
  one: (entity: string) => ['storages', 'one', entity] as const,
  items: (entity: string) => ['storages', 'one', entity, 'items'] as const,
};

/**
 * The sync screens (app/data/query/sync-*.ts): profiles and runs in Kontor's own storages
 * (`['sync', 'runs', 'catalog']`), the portal's currencies as a sync sees them, the catalog's custom
 * properties. No resource is named `sync`.
 */
export const syncKeys = {
  all: () => ['sync'] as const,
  profiles: () => ['sync', 'profiles'] as const,
  runs: (kind: string) => ['sync', 'runs', kind] as const,
  currencies: () => ['sync', 'currencies'] as const,
  /** The product catalog, its price type and the currencies (one `batch`). */
  catalog: () => ['sync', 'catalog'] as const,
  properties: (iblockId: number) => ['sync', 'catalog', 'properties', iblockId] as const,
};
