import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import IconFilter from '@tabler/icons-react/icons/IconFilter';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconSearch from '@tabler/icons-react/icons/IconSearch';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorDetail, errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useCategories } from '../../../data/query/get-categories.ts';
import { useFields } from '../../../data/query/get-fields.ts';
import {
  DEFAULT_GRID_SORT,
  GRID_DATA_MARK,
  GRID_PAINT_MEASURE,
  useRecordGrid,
} from '../../../data/query/get-record-grid.ts';
import { useStages } from '../../../data/query/get-stages.ts';
import { userIdOf, useUserNames } from '../../../data/query/get-users.ts';
import { useGridColumns } from '../../../data/query/grid-columns.ts';
import type { GridParams, RecordData, Resource } from '../../../data/types.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states.tsx';
import { BulkActions } from '../bulk/bulk-actions.tsx';
import { ColumnChooser } from './column-chooser.tsx';
import { choosableColumns, gridColumns, isSortable, type GridColumn } from './columns.ts';
import { FilterPanel } from './filter-panel.tsx';
import { activeFilterCount, EMPTY_FILTER, filterConditions, type FilterState } from './filter-state.ts';
import type { CellContext } from './grid-cell.tsx';
import { GridTable, type GridSort } from './grid-table.tsx';
import './locales.ts';

export interface RecordGridProps {
  resource: Resource;
  onOpen: (id: string) => void;
  onCreate: () => void;
}

const NO_ROWS: readonly RecordData[] = [];
/** Typing settles before the portal is asked again. */
const INPUT_DELAY_MS = 350;

/** Header clicks go ascending → descending → back to the default order (newest first). */
function nextSort(current: GridSort, field: string): GridSort {
  if (current.field !== field) return { field, order: 'ASC' };
  if (current.order === 'ASC') return { field, order: 'DESC' };
  return field === DEFAULT_GRID_SORT.field ? { field, order: 'ASC' } : DEFAULT_GRID_SORT;
}

/**
 * Measures from the moment the last rows reached the cache (GRID_DATA_MARK, set by the data layer) to the
 * paint that shows them: called in a task queued from the next animation frame, i.e. after that frame.
 */
function measureGridPaint(): void {
  if (performance.getEntriesByName(GRID_DATA_MARK, 'mark').length === 0) return;
  performance.measure(GRID_PAINT_MEASURE, GRID_DATA_MARK);
  performance.clearMarks(GRID_DATA_MARK);
}

/**
 * The workspace list of a CRM resource: quick search, filters, a column chooser remembered per user, the
 * "New" button, and every matching record (up to 10,000, streamed in as they arrive) in a virtualized grid
 * the portal sorts. Selected rows get the bulk actions.
 */
export function RecordGrid({ resource, onOpen, onCreate }: RecordGridProps) {
  const t = useT('crmGrid');
  const lang = useLanguage();
  const name = resource.name;
  const heading = resource.titles[lang];

  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<FilterState>(EMPTY_FILTER);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [sort, setSort] = useState<GridSort>(DEFAULT_GRID_SORT);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  // undefined: nothing chosen here yet (the stored choice applies); null: back to the defaults.
  const [chosen, setChosen] = useState<string[] | null | undefined>(undefined);
  // Inputs answer at once; the portal is asked once typing settles.
  const input = useMemo(() => ({ search, filter }), [search, filter]);
  const [typed] = useDebouncedValue(input, INPUT_DELAY_MS);

  // Mounted in one render, these reads (the rows' first page included) go out as one batch.
  const fields = useFields(name);
  const stages = useStages(name);
  const pipelines = useCategories(name);
  const stored = useGridColumns(name);
  const fieldList = useMemo(() => fields.data ?? [], [fields.data]);
  const params = useMemo<GridParams>(() => {
    const conditions = filterConditions(typed.filter, fieldList);
    const text = typed.search.trim();
    return {
      ...(text ? { search: text } : {}),
      ...(conditions.length > 0 ? { conditions } : {}),
      ...(sort.field === DEFAULT_GRID_SORT.field && sort.order === DEFAULT_GRID_SORT.order ? {} : { sort }),
    };
  }, [typed, fieldList, sort]);
  const grid = useRecordGrid(name, params);
  const listKey = JSON.stringify(params);
  const rows = grid.data?.data ?? NO_ROWS;

  const columns = useMemo(
    () => gridColumns(resource, fieldList, chosen === undefined ? stored.columns : chosen),
    [resource, fieldList, chosen, stored.columns],
  );
  const options = useMemo(() => choosableColumns(resource, fieldList), [resource, fieldList]);
  const userColumns = columns.filter((c) => c.field?.kind === 'user').map((c) => c.name);
  const userKey = userColumns.join(',');
  // The responsible users of every loaded row, each once: one user.get per 50 people, not one per row.
  const userIds = useMemo(() => {
    const ids = new Set<string>();
    const names = userKey ? userKey.split(',') : [];
    for (const row of rows)
      for (const c of names) {
        const value = row[c];
        for (const v of Array.isArray(value) ? value : [value]) {
          const id = userIdOf(v);
          if (id) ids.add(id);
        }
      }
    return [...ids];
  }, [rows, userKey]);
  const named = useUserNames(userIds);
  // useUserNames answers a new object on every render; keyed by the names themselves, the rows re-render
  // only when a name arrives.
  const namesKey = Object.entries(named)
    .map(([id, user]) => `${id}:${user?.fullName ?? ''}`)
    .join('|');
  const users = useMemo(() => named, [namesKey]);
  const ctx = useMemo<CellContext>(
    () => ({
      lang,
      stages: stages.data,
      pipelines: pipelines.data,
      users,
      userName: (id) => users[id]?.fullName || t('userId', { id }),
    }),
    [lang, stages.data, pipelines.data, users, t],
  );
  const selectedIds = useMemo(() => rows.filter((r) => selected.has(r.id)).map((r) => r.id), [rows, selected]);

  const complete = !!grid.data?.complete && !grid.isPlaceholderData;
  useEffect(() => {
    if (!complete) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(measureGridPaint, 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [grid.data, complete]);

  const number = (n: number) => new Intl.NumberFormat(lang).format(n);
  const errorText = (error: unknown) => {
    const detail = errorDetail(error);
    const message = t(errorMessageKey(error));
    return detail ? `${message} (${detail})` : message;
  };
  const columnLabel = useCallback((c: GridColumn) => c.field?.title ?? t(c.name === 'email' ? 'email' : 'phone'), [t]);
  const columnNames = useMemo(() => columns.map((c) => c.name), [columns]);
  const titleMeta = fieldList.find((f) => f.name === resource.titleField);
  const titleLabel = resource.titleField === 'lastName' ? t('name') : (titleMeta?.title ?? t('name'));
  const save = stored.save;
  const choose = useCallback(
    (names: string[] | null) => {
      setChosen(names);
      // A failed save is shown in the chooser (saveError); the choice still applies on this screen.
      void save(names).catch(() => undefined);
    },
    [save],
  );
  const resetColumns = useCallback(() => choose(null), [choose]);
  const resetPanel = useCallback(() => setFilter(EMPTY_FILTER), []);
  const onSelect = useCallback(
    (ids: readonly string[], on: boolean) =>
      setSelected((prev) => {
        const next = new Set(prev);
        for (const id of ids)
          if (on) next.add(id);
          else next.delete(id);
        return next;
      }),
    [],
  );
  const filterCount = activeFilterCount(filter);
  const filtered = !!params.search || !!params.conditions;
  const resetFilters = () => {
    setFilter(EMPTY_FILTER);
    setSearch('');
  };

  if (fields.error)
    return (
      <ErrorState message={`${errorText(fields.error)} ${t('fieldsFailed')}`} onRetry={() => void fields.refetch()} />
    );
  if (grid.error && !grid.data)
    return <ErrorState message={errorText(grid.error)} onRetry={() => void grid.refetch()} />;

  const loading = grid.isPending || fields.isPending || stored.isPending;
  let body;
  if (loading) body = <LoadingState label={t('loading')} />;
  else if (rows.length === 0 && grid.data.complete)
    body = filtered ? (
      <EmptyState
        title={t('noMatchTitle')}
        hint={t('noMatchHint')}
        action={<Button onClick={resetFilters}>{t('resetFilters')}</Button>}
      />
    ) : (
      <EmptyState
        title={t('emptyTitle')}
        hint={t('emptyHint')}
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            {t('new')}
          </Button>
        }
      />
    );
  else
    body = (
      <GridTable
        label={heading}
        rows={rows}
        columns={columns}
        titleField={resource.titleField}
        titleLabel={titleLabel}
        titleSort={isSortable(titleMeta) ? resource.titleField : null}
        columnLabel={columnLabel}
        sort={sort}
        onSort={(field) => setSort((s) => nextSort(s, field))}
        selected={selected}
        selectedCount={selectedIds.length}
        onSelect={onSelect}
        onOpen={onOpen}
        ctx={ctx}
        listKey={listKey}
      />
    );

  const total = grid.data?.total;
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          <TextInput
            aria-label={t('search')}
            placeholder={t('searchPlaceholder')}
            leftSection={<IconSearch size={16} stroke={1.5} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={240}
          />
          <Button
            variant={filterCount > 0 ? 'light' : 'default'}
            leftSection={<IconFilter size={16} stroke={1.5} />}
            aria-expanded={filtersOpen}
            onClick={() => setFiltersOpen((o) => !o)}
          >
            {filterCount > 0 ? t('filtersCount', { count: filterCount }) : t('filters')}
          </Button>
          <ColumnChooser
            options={options}
            value={columnNames}
            label={columnLabel}
            onChange={choose}
            onReset={resetColumns}
            error={stored.saveError ? t('columnsSaveFailed', { message: errorText(stored.saveError) }) : undefined}
          />
        </Group>
        <Group gap="sm">
          {loading ? null : (
            <Text size="sm" c="dimmed" role="status">
              {(grid.data.complete && !grid.isFetching) || grid.error
                ? t('count', { count: number(grid.data.complete ? (total ?? rows.length) : rows.length) })
                : t('loadingMore', { count: number(rows.length) })}
            </Text>
          )}
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            {t('new')}
          </Button>
        </Group>
      </Group>
      {filtersOpen ? (
        <FilterPanel resource={resource} fields={fieldList} value={filter} onChange={setFilter} onReset={resetPanel} />
      ) : null}
      {selected.size > 0 ? (
        <BulkActions resource={resource} ids={selectedIds} onClear={() => setSelected(new Set())} />
      ) : null}
      {grid.data?.hasNextPage && total !== undefined ? (
        <Alert color="yellow" variant="light" p="xs">
          {t('capped', { shown: number(rows.length), total: number(total) })}
        </Alert>
      ) : null}
      {grid.error && grid.data ? (
        <Alert color="red" variant="light" p="xs" title={t('loadFailed')}>
          <Group justify="space-between">
            <Text size="sm">{errorText(grid.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void grid.refetch()}>
              {t('retry')}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {body}
    </Stack>
  );
}
