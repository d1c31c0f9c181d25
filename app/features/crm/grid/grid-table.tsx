import { Anchor, UnstyledButton } from '@mantine/core';
import IconArrowDown from '@tabler/icons-react/icons/IconArrowDown';
import IconArrowUp from '@tabler/icons-react/icons/IconArrowUp';
import IconSelector from '@tabler/icons-react/icons/IconSelector';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { RecordData, SortOrder } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { recordTitle } from '../../../ui/record-title.ts';
import { gridTemplate, type GridColumn } from './columns.ts';
import { ELLIPSIS, GridCell, type CellContext } from './grid-cell.tsx';
import './locales.ts';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 40;
const SELECT_WIDTH = 44;
/** The grid's own scroll area. A fixed height in px, not `vh`: the frame grows to fit its content, so a
 * height relative to the frame would grow with it. */
const MAX_GRID_HEIGHT = 640;
// Room for a horizontal scrollbar when a short list is wider than the frame.
const SCROLLBAR_ROOM = 16;

export interface GridSort {
  field: string;
  order: SortOrder;
}

export interface GridTableProps {
  label: string;
  rows: readonly RecordData[];
  columns: readonly GridColumn[];
  titleField: string;
  titleLabel: string;
  /** The field the title column sorts by (null: not sortable). */
  titleSort: string | null;
  columnLabel: (column: GridColumn) => string;
  sort: GridSort;
  onSort: (field: string) => void;
  selected: ReadonlySet<string>;
  /** How many loaded rows are selected (the "select all" box is checked, mixed or clear). */
  selectedCount: number;
  onSelect: (ids: readonly string[], on: boolean) => void;
  onOpen: (id: string) => void;
  ctx: CellContext;
  /** Changes when the rows are another list (search, filter, order): the grid scrolls back to the top. */
  listKey: string;
}

const cell: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  padding: '0 8px',
  minWidth: 0,
  overflow: 'hidden',
};
const headerCell: CSSProperties = { ...cell, fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' };
// A native checkbox in the brand colour: a row renders several hundred times as the user scrolls 10,000 rows.
const checkbox: CSSProperties = {
  width: 16,
  height: 16,
  margin: 0,
  accentColor: 'var(--mantine-primary-color-filled)',
};
const valueCell: CSSProperties = { ...cell, fontSize: 'var(--mantine-font-size-sm)' };

function ariaSort(sort: GridSort, field: string | null): 'ascending' | 'descending' | 'none' | undefined {
  if (!field) return undefined;
  if (sort.field !== field) return 'none';
  return sort.order === 'ASC' ? 'ascending' : 'descending';
}

function SortButton({
  label,
  field,
  sort,
  onSort,
}: {
  label: string;
  field: string;
  sort: GridSort;
  onSort: (f: string) => void;
}) {
  const t = useT('crmGrid');
  const Icon = sort.field !== field ? IconSelector : sort.order === 'ASC' ? IconArrowUp : IconArrowDown;
  return (
    <UnstyledButton
      onClick={() => onSort(field)}
      title={t('sortBy', { field: label })}
      style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0, font: 'inherit' }}
    >
      <span style={ELLIPSIS}>{label}</span>
      <Icon size={14} stroke={1.5} aria-hidden style={{ flexShrink: 0, opacity: sort.field === field ? 1 : 0.4 }} />
    </UnstyledButton>
  );
}

/**
 * The rows as an ARIA grid with a sticky header, virtualized (@tanstack/react-virtual): only the rows in
 * view (plus a few) are in the DOM, so 10,000 rows scroll like 50. Fixed row height; the header, the rows
 * and their columns share one CSS grid template so they line up.
 */
export function GridTable(props: GridTableProps) {
  const {
    label,
    rows,
    columns,
    titleField,
    titleLabel,
    titleSort,
    columnLabel,
    sort,
    onSort,
    selected,
    selectedCount,
    onSelect,
    onOpen,
    ctx,
    listKey,
  } = props;
  const t = useT('crmGrid');
  const scrollRef = useRef<HTMLDivElement>(null);
  const { template, minWidth } = gridTemplate(columns, SELECT_WIDTH);
  const body = rows.length * ROW_HEIGHT;
  const height = Math.min(MAX_GRID_HEIGHT, HEADER_HEIGHT + body + SCROLLBAR_ROOM);
  // Before layout (a frame not shown yet, a DOM without layout) the element measures 0 high; its height is
  // known, so a screenful of rows renders anyway.
  const observeRect = useCallback(
    (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height })),
    [height],
  );
  // Stable while the rows are: a new key function makes the virtualizer re-measure all 10,000 rows.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [listKey]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    getItemKey,
    observeElementRect: observeRect,
    initialRect: { width: minWidth, height },
  });
  const rowStyle = useMemo<CSSProperties>(
    () => ({ display: 'grid', gridTemplateColumns: template, minWidth }),
    [template, minWidth],
  );

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 2}
      aria-multiselectable
      style={{
        height,
        overflow: 'auto',
        position: 'relative',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-md)',
      }}
    >
      <div
        role="rowgroup"
        style={{ position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-gray-0)', minWidth }}
      >
        <div
          role="row"
          aria-rowindex={1}
          style={{ ...rowStyle, height: HEADER_HEIGHT, borderBottom: '1px solid var(--mantine-color-default-border)' }}
        >
          <div role="columnheader" style={headerCell}>
            <input
              type="checkbox"
              style={checkbox}
              aria-label={t('selectAll')}
              checked={rows.length > 0 && selectedCount === rows.length}
              ref={(el) => {
                if (el) el.indeterminate = selectedCount > 0 && selectedCount < rows.length;
              }}
              onChange={(e) =>
                onSelect(
                  rows.map((r) => r.id),
                  e.currentTarget.checked,
                )
              }
            />
          </div>
          <div role="columnheader" aria-sort={ariaSort(sort, titleSort)} style={headerCell}>
            {titleSort ? <SortButton label={titleLabel} field={titleSort} sort={sort} onSort={onSort} /> : titleLabel}
          </div>
          {columns.map((c) => {
            const text = columnLabel(c);
            return (
              <div
                key={c.name}
                role="columnheader"
                aria-sort={ariaSort(sort, c.sortable ? c.name : null)}
                style={headerCell}
              >
                {c.sortable ? (
                  <SortButton label={text} field={c.name} sort={sort} onSort={onSort} />
                ) : (
                  <span style={ELLIPSIS}>{text}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" style={{ position: 'relative', height: virtualizer.getTotalSize(), minWidth }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <GridRow
              key={item.key}
              row={row}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              rowStyle={rowStyle}
              columns={columns}
              titleField={titleField}
              isSelected={selected.has(row.id)}
              onSelect={onSelect}
              onOpen={onOpen}
              ctx={ctx}
            />
          );
        })}
      </div>
    </div>
  );
}

interface GridRowProps {
  row: RecordData;
  index: number;
  top: number;
  rowStyle: CSSProperties;
  columns: readonly GridColumn[];
  titleField: string;
  isSelected: boolean;
  onSelect: (ids: readonly string[], on: boolean) => void;
  onOpen: (id: string) => void;
  ctx: CellContext;
}

/** One row; memoised, so typing in the toolbar or scrolling re-renders only rows whose props changed. */
const GridRow = memo(function GridRow({
  row,
  index,
  top,
  rowStyle,
  columns,
  titleField,
  isSelected,
  onSelect,
  onOpen,
  ctx,
}: GridRowProps) {
  const t = useT('crmGrid');
  const title = recordTitle(row, titleField);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      style={{
        ...rowStyle,
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
        // Fixed size: the browser lays out and paints each row on its own as rows come and go.
        contain: 'strict',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: isSelected ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <div role="gridcell" style={cell}>
        <input
          type="checkbox"
          style={checkbox}
          aria-label={t('selectRow', { title })}
          checked={isSelected}
          onChange={(e) => onSelect([row.id], e.currentTarget.checked)}
        />
      </div>
      <div role="gridcell" style={cell}>
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          fw={500}
          aria-label={t('openRecord', { title })}
          onClick={() => onOpen(row.id)}
          style={ELLIPSIS}
        >
          {title}
        </Anchor>
      </div>
      {columns.map((c) => (
        <div key={c.name} role="gridcell" style={valueCell}>
          <GridCell row={row} column={c} ctx={ctx} />
        </div>
      ))}
    </div>
  );
});
