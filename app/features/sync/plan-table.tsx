import { Badge, Box, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import IconSearch from '@tabler/icons-react/icons/IconSearch';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState } from 'react';
import type { ProductField } from '../../data/sync/mapping.ts';
import type { CatalogPlan, PlanAction, PlanItem } from '../../data/sync/plan-catalog.ts';
import { useLanguage, useT, type Language } from '../../i18n/index.ts';
import { formatNumber, valueText } from './format.ts';
import './locales.ts';

export type PlanFilter = 'all' | PlanAction;

const ACTIONS: PlanAction[] = ['create', 'update', 'deactivate', 'unchanged', 'conflict'];
export const ACTION_COLOR: Record<PlanAction, string> = {
  create: 'green',
  update: 'blue',
  deactivate: 'orange',
  unchanged: 'gray',
  conflict: 'red',
};

const ESTIMATED_ROW = 44;
const VIEWPORT = 480;
const COLUMNS = '120px minmax(120px, 1fr) minmax(140px, 1.4fr) 64px minmax(200px, 2fr)';

/** `property:12` → the catalog's name for it, else "Property 12"; fixed fields by their label. */
export function useFieldLabel(propertyNames: ReadonlyMap<number, string> = new Map()) {
  const t = useT('sync');
  return (field: ProductField | 'ignore') => {
    const m = /^property:(\d+)$/.exec(field);
    if (!m) return t(`fields.${field}`);
    const id = Number(m[1]);
    return propertyNames.get(id) ?? t('fields.property', { id });
  };
}

export interface PlanTableProps {
  plan: CatalogPlan;
  propertyNames?: ReadonlyMap<number, string>;
}

/**
 * The dry run of a catalog feed: counts per action, and a filterable table of every product (created,
 * updated with each field old → new, deactivated, unchanged, in conflict). Virtualized: a feed may hold
 * tens of thousands of products.
 */
export function PlanTable({ plan, propertyNames }: PlanTableProps) {
  const t = useT('sync');
  const lang = useLanguage();
  const [filter, setFilter] = useState<PlanFilter>(() =>
    plan.counts.create + plan.counts.update + plan.counts.deactivate + plan.counts.conflict > 0 ? 'all' : 'unchanged',
  );
  const [search, setSearch] = useState('');
  const rows = useMemo(() => {
    const text = search.trim().toLowerCase();
    return plan.items.filter(
      (i) =>
        (filter === 'all' || i.action === filter) &&
        (!text || i.externalId.toLowerCase().includes(text) || i.name.toLowerCase().includes(text)),
    );
  }, [plan, filter, search]);
  const fieldLabel = useFieldLabel(propertyNames);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW,
    overscan: 10,
    initialRect: { width: 1000, height: VIEWPORT },
  });
  const count = (action: PlanAction) => formatNumber(plan.counts[action], lang, 0);

  return (
    <Stack gap="sm">
      <Group gap="lg" role="list" aria-label={t('plan.countsLabel')}>
        {ACTIONS.map((a) => (
          <Stack key={a} gap={0} role="listitem" data-action={a}>
            <Text size="xl" fw={700} c={plan.counts[a] ? ACTION_COLOR[a] : 'dimmed'}>
              {count(a)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`plan.action.${a}`)}
            </Text>
          </Stack>
        ))}
        {plan.sectionsToCreate.length > 0 ? (
          <Stack gap={0} role="listitem">
            <Text size="xl" fw={700}>
              {formatNumber(plan.sectionsToCreate.length, lang, 0)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('plan.newSections')}
            </Text>
          </Stack>
        ) : null}
      </Group>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          aria-label={t('plan.filter')}
          value={filter}
          onChange={(v) => setFilter(v as PlanFilter)}
          data={[
            { value: 'all', label: `${t('plan.all')} (${formatNumber(plan.items.length, lang, 0)})` },
            ...ACTIONS.filter((a) => a !== 'conflict' || plan.counts.conflict > 0).map((a) => ({
              value: a,
              label: `${t(`plan.action.${a}`)} (${count(a)})`,
            })),
          ]}
        />
        <TextInput
          aria-label={t('plan.search')}
          placeholder={t('plan.search')}
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={240}
        />
      </Group>
      <Box role="table" aria-label={t('plan.tableLabel')} aria-rowcount={rows.length + 1}>
        <Box
          role="row"
          aria-rowindex={1}
          py={6}
          style={{
            display: 'grid',
            gridTemplateColumns: COLUMNS,
            borderBottom: '1px solid var(--mantine-color-gray-3)',
          }}
        >
          {(['action', 'externalId', 'name', 'line', 'changes'] as const).map((c) => (
            <Box key={c} role="columnheader" px="xs" fz="xs" fw={600} c="dimmed" tt="uppercase">
              {t(`plan.columns.${c}`)}
            </Box>
          ))}
        </Box>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('plan.noRows')}
          </Text>
        ) : (
          <Box ref={scroller} role="rowgroup" style={{ maxHeight: VIEWPORT, overflowY: 'auto', position: 'relative' }}>
            <Box style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => (
                <PlanRow
                  key={`${rows[v.index]!.action}:${rows[v.index]!.externalId}:${v.index}`}
                  item={rows[v.index]!}
                  index={v.index}
                  top={v.start}
                  measure={virtualizer.measureElement}
                  fieldLabel={fieldLabel}
                  lang={lang}
                />
              ))}
            </Box>
          </Box>
        )}
      </Box>
    </Stack>
  );
}

interface PlanRowProps {
  item: PlanItem;
  index: number;
  top: number;
  measure: (node: Element | null) => void;
  fieldLabel: (field: ProductField) => string;
  lang: Language;
}

const PlanRow = memo(function PlanRow({ item, index, top, measure, fieldLabel, lang }: PlanRowProps) {
  const t = useT('sync');
  return (
    <Box
      ref={measure}
      role="row"
      data-index={index}
      aria-rowindex={index + 2}
      data-external-id={item.externalId}
      data-action={item.action}
      py={6}
      style={{
        display: 'grid',
        gridTemplateColumns: COLUMNS,
        alignItems: 'start',
        position: 'absolute',
        top,
        left: 0,
        right: 0,
        borderBottom: '1px solid var(--mantine-color-gray-2)',
      }}
    >
      <Box role="cell" px="xs">
        <Badge color={ACTION_COLOR[item.action]} variant="light" radius="sm" size="sm">
          {t(`plan.action.${item.action}`)}
        </Badge>
      </Box>
      <Text role="cell" px="xs" size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
        {item.externalId}
      </Text>
      <Text role="cell" px="xs" size="sm" style={{ wordBreak: 'break-word' }}>
        {item.name || '—'}
      </Text>
      <Text role="cell" px="xs" size="sm" c="dimmed">
        {item.line ?? '—'}
      </Text>
      <Box role="cell" px="xs" style={{ minWidth: 0 }}>
        {item.action === 'conflict' ? (
          <Text size="sm" c="red">
            {item.reason}
          </Text>
        ) : item.action === 'unchanged' ? (
          <Text size="sm" c="dimmed">
            {t('plan.noChanges')}
          </Text>
        ) : (
          item.changes.map((c) => (
            <Text key={c.field} size="sm" style={{ wordBreak: 'break-word' }}>
              <Text span size="sm" c="dimmed">
                {`${fieldLabel(c.field)}: `}
              </Text>
              {item.action === 'create' ? (
                valueText(c.to, lang)
              ) : (
                <>
                  <Text span size="sm" td="line-through" c="dimmed">
                    {valueText(c.from, lang)}
                  </Text>
                  {' → '}
                  {valueText(c.to, lang)}
                </>
              )}
            </Text>
          ))
        )}
      </Box>
    </Box>
  );
});
