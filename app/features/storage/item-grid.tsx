import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import IconDownload from '@tabler/icons-react/icons/IconDownload';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconSearch from '@tabler/icons-react/icons/IconSearch';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import IconUpload from '@tabler/icons-react/icons/IconUpload';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useUserNames } from '../../data/query/get-users.ts';
import { useStorageItems } from '../../data/storage/get-storages.ts';
import { itemsToCsv } from '../../data/storage/storage-csv.ts';
import { useStorageContent } from '../../data/storage/storage-writes.ts';
import type { StorageDetail, StorageItem, StorageProperty } from '../../data/storage/types.ts';
import type { UserBrief } from '../../data/types.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { ConfirmModal } from './confirm-modal.tsx';
import { CsvImportModal } from './csv-import-modal.tsx';
import { useCrmTitles } from './crm-refs.ts';
import { downloadText } from './download.ts';
import { useErrorText } from './error-text.ts';
import { ItemFormModal } from './item-form-modal.tsx';
import './locales.ts';
import { sectionOptions } from './section-options.ts';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 40;
/** The grid's own scroll area, in px: the frame grows to fit its content, so a `vh` height would grow with it. */
const MAX_GRID_HEIGHT = 560;
const SCROLLBAR_ROOM = 16;
const ALL = '__all';
const NONE = '__none';

const cell: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  padding: '0 8px',
  minWidth: 0,
  overflow: 'hidden',
  fontSize: 'var(--mantine-font-size-sm)',
};
const headerCell: CSSProperties = { ...cell, fontWeight: 600 };
const ellipsis: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };

interface CellContext {
  users: Record<string, UserBrief | null>;
  crm: Record<string, string>;
}

/** A value as text for its type; a file link opens in a new tab when it is an http(s) URL. */
function ValueCell({ property, value, ctx }: { property: StorageProperty; value: string; ctx: CellContext }) {
  if (!value) return null;
  if (property.type === 'file' && /^https?:\/\//i.test(value))
    return (
      <Anchor href={value} target="_blank" rel="noopener noreferrer" size="sm" style={ellipsis}>
        {value}
      </Anchor>
    );
  const text =
    property.type === 'user'
      ? (ctx.users[value]?.fullName ?? `#${value}`)
      : property.type === 'crm' && ctx.crm[value]
        ? `${ctx.crm[value]} (${value})`
        : value;
  return (
    <span style={ellipsis} title={text}>
      {text}
    </span>
  );
}

interface RowProps {
  item: StorageItem;
  index: number;
  top: number;
  rowStyle: CSSProperties;
  properties: readonly StorageProperty[];
  sectionName: string | null;
  readOnly: boolean;
  ctx: CellContext;
  onEdit: (item: StorageItem) => void;
  onDelete: (item: StorageItem) => void;
}

/** One row; memoised, so typing in the search box re-renders only rows whose props changed. */
const ItemRow = memo(function ItemRow(props: RowProps) {
  const { item, index, top, rowStyle, properties, sectionName, readOnly, ctx, onEdit, onDelete } = props;
  const t = useT('storage');
  const name = item.name || `#${item.id}`;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      style={{
        ...rowStyle,
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
        borderBottom: '1px solid var(--mantine-color-gray-2)',
      }}
    >
      <div role="gridcell" style={{ ...cell, fontWeight: 500 }}>
        <span style={ellipsis} title={name}>
          {name}
        </span>
      </div>
      {properties.map((p) => (
        <div key={p.code} role="gridcell" style={cell}>
          <ValueCell property={p} value={item.values[p.code] ?? ''} ctx={ctx} />
        </div>
      ))}
      {sectionName !== null ? (
        <div role="gridcell" style={cell}>
          <span style={ellipsis}>{sectionName}</span>
        </div>
      ) : null}
      {readOnly ? null : (
        <div role="gridcell" style={{ ...cell, gap: 4 }}>
          <Tooltip label={t('items.edit', { name })} withinPortal>
            <ActionIcon variant="subtle" aria-label={t('items.edit', { name })} onClick={() => onEdit(item)}>
              <IconPencil size={16} stroke={1.5} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('items.delete', { name })} withinPortal>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('items.delete', { name })}
              onClick={() => onDelete(item)}
            >
              <IconTrash size={16} stroke={1.5} />
            </ActionIcon>
          </Tooltip>
        </div>
      )}
    </div>
  );
});

function matches(item: StorageItem, text: string): boolean {
  if (!text) return true;
  const needle = text.toLowerCase();
  return (
    item.name.toLowerCase().includes(needle) || Object.values(item.values).some((v) => v.toLowerCase().includes(needle))
  );
}

export interface ItemGridProps {
  storage: StorageDetail;
}

/**
 * A storage's items: a section filter and a search, "New item", CSV export of what is shown and CSV
 * import, and the items as an ARIA grid — virtualized (@tanstack/react-virtual), so thousands of items
 * scroll like fifty. User names and CRM titles are read for the values (one request for all of them).
 */
export function ItemGrid({ storage }: ItemGridProps) {
  const t = useT('storage');
  const errorText = useErrorText();
  const items = useStorageItems(storage.entity);
  const writes = useStorageContent(storage.entity);
  const [section, setSection] = useState<string>(ALL);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 150);
  const [editing, setEditing] = useState<StorageItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<StorageItem | null>(null);
  const [importing, setImporting] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  const { properties, readOnly } = storage;
  const all = items.data;
  const shown = useMemo(
    () =>
      (all ?? []).filter(
        (i) =>
          (section === ALL || (section === NONE ? i.sectionId === null : i.sectionId === section)) &&
          matches(i, debounced),
      ),
    [all, section, debounced],
  );
  const userIds = useMemo(
    () => properties.filter((p) => p.type === 'user').flatMap((p) => (all ?? []).map((i) => i.values[p.code] ?? '')),
    [all, properties],
  );
  const crmCodes = useMemo(
    () => properties.filter((p) => p.type === 'crm').flatMap((p) => (all ?? []).map((i) => i.values[p.code] ?? '')),
    [all, properties],
  );
  const users = useUserNames(userIds);
  const crm = useCrmTitles(crmCodes);
  const ctx = useMemo<CellContext>(() => ({ users, crm }), [users, crm]);
  const sections = useMemo(() => sectionOptions(storage.sections), [storage.sections]);
  const sectionNames = useMemo(() => new Map(sections.map((s) => [s.value, s.label])), [sections]);
  const hasSections = storage.sections.length > 0;

  const minWidth = 160 + properties.length * 120 + (hasSections ? 120 : 0) + (readOnly ? 0 : 84);
  const rowStyle = useMemo<CSSProperties>(() => {
    const columns = [
      'minmax(160px, 2fr)',
      ...properties.map(() => 'minmax(120px, 1fr)'),
      ...(hasSections ? ['minmax(120px, 1fr)'] : []),
      ...(readOnly ? [] : ['84px']),
    ];
    return { display: 'grid', gridTemplateColumns: columns.join(' '), minWidth };
  }, [properties, hasSections, readOnly, minWidth]);
  const body = shown.length * ROW_HEIGHT;
  const height = HEADER_HEIGHT + body > MAX_GRID_HEIGHT ? MAX_GRID_HEIGHT : HEADER_HEIGHT + body + SCROLLBAR_ROOM;
  // Before layout (a frame not shown yet, a DOM without layout) the element measures 0 high; its height is
  // known, so a screenful of rows renders anyway.
  const observeRect = useCallback(
    (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height })),
    [height],
  );
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => shown[index]?.id ?? index,
    observeElementRect: observeRect,
    initialRect: { width: minWidth, height },
  });
  const onEdit = useCallback((item: StorageItem) => setEditing(item), []);
  const onDelete = useCallback((item: StorageItem) => setDeleting(item), []);

  const exportCsv = () => downloadText(`${storage.entity}.csv`, itemsToCsv(properties, shown), 'text/csv');
  const importSection = section === ALL || section === NONE ? null : section;

  if (items.error) return <ErrorState message={errorText(items.error)} onRetry={() => void items.refetch()} />;

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('items.search')}
          placeholder={t('items.searchPlaceholder')}
          leftSection={<IconSearch size={16} stroke={1.5} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
        />
        {hasSections ? (
          <Select
            label={t('items.sectionFilter')}
            data={[
              { value: ALL, label: t('items.allSections') },
              { value: NONE, label: t('items.noSection') },
              ...sections,
            ]}
            value={section}
            onChange={(v) => setSection(v ?? ALL)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            w={220}
          />
        ) : null}
        <Group gap="xs" ml="auto">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} stroke={1.5} />}
            onClick={exportCsv}
            disabled={!all || shown.length === 0}
          >
            {t('csv.export')}
          </Button>
          {readOnly ? null : (
            <>
              <Button
                variant="default"
                leftSection={<IconUpload size={16} stroke={1.5} />}
                onClick={() => setImporting(true)}
                disabled={!all}
              >
                {t('csv.import')}
              </Button>
              <Button leftSection={<IconPlus size={16} stroke={1.5} />} onClick={() => setEditing('new')}>
                {t('items.new')}
              </Button>
            </>
          )}
        </Group>
      </Group>

      {items.isPending ? (
        <LoadingState label={t('items.loading')} />
      ) : all && all.length === 0 ? (
        <EmptyState title={t('items.emptyTitle')} hint={readOnly ? t('items.emptyReadOnly') : t('items.emptyHint')} />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {shown.length === all?.length
              ? t('items.count', { count: shown.length })
              : t('items.countFiltered', { count: shown.length, total: all?.length ?? 0 })}
          </Text>
          <div
            ref={scrollRef}
            role="grid"
            aria-label={t('items.gridLabel', { name: storage.name })}
            aria-rowcount={shown.length + 1}
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
                style={{
                  ...rowStyle,
                  height: HEADER_HEIGHT,
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                }}
              >
                <div role="columnheader" style={headerCell}>
                  {t('items.name')}
                </div>
                {properties.map((p) => (
                  <div key={p.code} role="columnheader" style={headerCell} title={`${p.name} (${p.code})`}>
                    <span style={ellipsis}>{p.name}</span>
                  </div>
                ))}
                {hasSections ? (
                  <div role="columnheader" style={headerCell}>
                    {t('items.section')}
                  </div>
                ) : null}
                {readOnly ? null : (
                  <div role="columnheader" style={headerCell}>
                    <VisuallyHidden>{t('items.actions')}</VisuallyHidden>
                  </div>
                )}
              </div>
            </div>
            <div role="rowgroup" style={{ position: 'relative', height: virtualizer.getTotalSize(), minWidth }}>
              {virtualizer.getVirtualItems().map((v) => {
                const item = shown[v.index]!;
                return (
                  <ItemRow
                    key={v.key}
                    item={item}
                    index={v.index}
                    top={v.start - HEADER_HEIGHT}
                    rowStyle={rowStyle}
                    properties={properties}
                    sectionName={hasSections ? (item.sectionId ? (sectionNames.get(item.sectionId) ?? '') : '') : null}
                    readOnly={readOnly}
                    ctx={ctx}
                    onEdit={onEdit}
                    onDelete={onDelete}
                  />
                );
              })}
            </div>
          </div>
        </>
      )}

      {editing ? (
        <ItemFormModal
          storage={storage}
          item={editing === 'new' ? null : editing}
          defaultSectionId={importSection}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmModal
          title={t('items.deleteTitle')}
          message={t('items.deleteMessage', { name: deleting.name || `#${deleting.id}` })}
          confirmLabel={t('delete')}
          busy={writes.deleteItem.isPending}
          error={writes.deleteItem.error ? errorText(writes.deleteItem.error) : null}
          onClose={() => {
            writes.deleteItem.reset();
            setDeleting(null);
          }}
          onConfirm={() => writes.deleteItem.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        />
      ) : null}
      {importing ? (
        <CsvImportModal
          storage={storage}
          sectionId={importSection}
          sectionName={importSection ? (sectionNames.get(importSection) ?? null) : null}
          onClose={() => setImporting(false)}
        />
      ) : null}
    </Stack>
  );
}
