import { useCallback } from 'react';
import { useSetUserOption, useUserOption, type OptionValue } from '../platform/options.ts';
import type { ResourceName } from '../types.ts';

/**
 * The user option that remembers a resource's grid columns (`kontor.grid.deals.columns`).
 * @example gridColumnsOption('sp-1030') // 'kontor.grid.sp-1030.columns'
 */
export function gridColumnsOption(resource: ResourceName): string {
  return `kontor.grid.${resource}.columns`;
}

/**
 * The stored columns: a JSON array of field names (a string, because option values are plain texts on
 * every portal); null when nothing usable is stored, so the screen falls back to its defaults.
 * @example parseGridColumns('["title","opportunity"]') // ['title', 'opportunity']
 */
export function parseGridColumns(value: OptionValue | undefined): string[] | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return null;
    return parsed.filter((c): c is string => typeof c === 'string' && c !== '');
  } catch {
    return null;
  }
}

/**
 * The current user's columns of a resource's grid (`user.option`), and a way to save a new choice. Mount it
 * in the same render as the grid's rows and field metadata: the option read joins their batch.
 * @example const { columns, save } = useGridColumns('deals'); await save(['stageId', 'opportunity']);
 */
export function useGridColumns(resource: ResourceName) {
  const name = gridColumnsOption(resource);
  const option = useUserOption(name);
  const write = useSetUserOption(name);
  const { mutateAsync } = write;
  const save = useCallback(
    (columns: readonly string[] | null) => mutateAsync(columns ? JSON.stringify(columns) : ''),
    [mutateAsync],
  );
  return {
    /** null: not chosen yet (or unreadable), use the defaults. */
    columns: parseGridColumns(option.data),
    /** Still reading the option (a failed read ends it: "not chosen"). */
    isPending: option.isPending,
    /** Saves a choice; null forgets it (back to the defaults). */
    save,
    saveError: write.error,
  };
}
