import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { readGroup, readGroupEvents, readGroupMembers } from '../providers/group-provider.ts';
import type { ListParams } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { useRecordList } from './get-record-list.ts';
import { directoryKeys } from './keys.ts';

/** A workgroup by id (a search that listed it has seeded it). */
export function groupQueryOptions(source: DataSource, id: string) {
  return queryOptions({
    queryKey: directoryKeys.group(id),
    queryFn: id ? () => readGroup(source.client, id) : skipToken,
  });
}

/**
 * One workgroup: name, description, owner, kind, flags.
 * @example const { data: group } = useGroup('3');
 */
export function useGroup(id: string | null) {
  return useQuery(groupQueryOptions(useDataSource(), id ?? ''));
}

/** The members of a workgroup with their roles (`sonet_group.user.get`). */
export function groupMembersQueryOptions(source: DataSource, id: string) {
  return queryOptions({
    queryKey: directoryKeys.groupMembers(id),
    queryFn: id ? () => readGroupMembers(source.client, id) : skipToken,
  });
}

/**
 * The members of a workgroup, owner first; name them with `useUserNames(members.map((m) => m.userId))`.
 * @example const { data: members = [] } = useGroupMembers('3');
 */
export function useGroupMembers(id: string | null) {
  return useQuery(groupMembersQueryOptions(useDataSource(), id ?? ''));
}

/** A group calendar's events in `[from, to]` (epoch ms). */
export function groupEventsQueryOptions(source: DataSource, id: string, from: number, to: number) {
  return queryOptions({
    queryKey: directoryKeys.groupEvents(id, from, to),
    queryFn: id ? () => readGroupEvents(source.client, id, from, to) : skipToken,
  });
}

/**
 * The upcoming events of a group calendar, by start.
 * @example const { data: events = [] } = useGroupEvents('3', today, today + 30 * DAY);
 */
export function useGroupEvents(id: string | null, from: number, to: number) {
  return useQuery(groupEventsQueryOptions(useDataSource(), id ?? '', from, to));
}

/** The params of a group's task list: open tasks first by deadline, the fields a read-only list shows. */
export function groupTaskParams(groupId: string, page = 1): ListParams {
  return {
    filter: { groupId: Number(groupId) },
    select: ['title', 'status', 'deadline', 'responsibleId'],
    sort: { field: 'deadline', order: 'ASC' },
    pagination: { page, perPage: 50 },
  };
}

/**
 * A page (50) of a workgroup's tasks through the tasks resource (`tasks.task.list` with `GROUP_ID`), so a
 * task write anywhere refreshes it.
 * @example const { data } = useGroupTasks('3'); data?.data.map((t) => t.title)
 */
export function useGroupTasks(groupId: string, page = 1) {
  return useRecordList('tasks', groupTaskParams(groupId, page));
}
