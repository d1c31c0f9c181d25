import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DataSource } from '../providers/data-source.ts';
import { departmentTree, readDepartments, type Department } from '../providers/department-provider.ts';
import { useDataSource } from './data-context.ts';
import { directoryKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/** Every department (`department.get`), cached half an hour: the structure changes rarely. */
export function departmentsQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: directoryKeys.departments(),
    queryFn: () => readDepartments(source.client),
    staleTime: META_STALE_MS,
  });
}

// A stable function: the query keeps its result (the same tree object) until the departments change.
function structureOf(departments: Department[]) {
  return { departments, byId: new Map(departments.map((d) => [d.id, d])), tree: departmentTree(departments) };
}

/**
 * The company structure: the departments as a list, by id, and as a tree (roots first, children ordered
 * by SORT). One request for up to 50 departments.
 * @example const { data } = useDepartments(); data?.tree.map((root) => root.name)
 */
export function useDepartments() {
  return useQuery({
    ...departmentsQueryOptions(useDataSource()),
    select: structureOf,
  });
}
