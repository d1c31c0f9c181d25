import type { ListParams, ResourceName } from '../types.ts';

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
