import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { readSelection, selectionFields } from '../providers/bulk-provider.ts';
import type { DataSource } from '../providers/data-source.ts';
import { entityTypeIdOf } from '../resources/static-resources.ts';
import type { Resource } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { fieldsQueryOptions } from './get-fields.ts';
import { bulkKeys } from './keys.ts';

/**
 * The selected records with only what a bulk dialog needs — name, stage, pipeline — not whole records:
 * a selection may hold thousands. The field metadata (cached long, the grid has it already) decides
 * which of those fields the type has. One request per 2,500 records.
 */
export function bulkSelectionQueryOptions(source: DataSource, resource: Resource, ids: readonly string[]) {
  const entityTypeId = entityTypeIdOf(resource.name);
  return queryOptions({
    queryKey: bulkKeys.selection(resource.name, ids),
    queryFn:
      entityTypeId !== null && ids.length > 0
        ? async ({ client }) => {
            const fields = await client.ensureQueryData(fieldsQueryOptions(source, resource.name));
            return readSelection(source.client, entityTypeId, selectionFields(fields, resource.titleField), ids);
          }
        : skipToken,
    // A selection is read when a dialog opens and is of no use once it closes.
    gcTime: 0,
  });
}

/**
 * The selected records of a bulk dialog (id, name, `stageId`, `categoryId` where the type has them);
 * ids the portal no longer knows are missing. `enabled: false` (no dialog open) sends nothing.
 * @example const { data: rows = [] } = useBulkSelection(resource, ids, opened); rows.map((r) => r.categoryId);
 */
export function useBulkSelection(resource: Resource, ids: readonly string[], enabled = true) {
  return useQuery({ ...bulkSelectionQueryOptions(useDataSource(), resource, ids), enabled });
}
