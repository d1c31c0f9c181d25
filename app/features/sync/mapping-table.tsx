import { Alert, Badge, Select, Table, Text } from '@mantine/core';
import type { CatalogFeed } from '../../data/sync/catalog-feed.ts';
import { PRODUCT_FIELDS, type ColumnTarget } from '../../data/sync/mapping.ts';
import { useT } from '../../i18n/index.ts';
import type { MappingOrigin } from './catalog-feed-setup.ts';
import './locales.ts';
import { useFieldLabel } from './plan-table.tsx';

export interface MappingTableProps {
  feed: CatalogFeed;
  columns: Record<string, ColumnTarget>;
  origin: Record<string, MappingOrigin>;
  /** Columns the profile's saved mapping names that this feed lacks. */
  missing: string[];
  /** The catalog's custom properties. */
  properties: readonly { id: number; name: string }[];
  onChange: (column: string, target: ColumnTarget) => void;
  disabled?: boolean;
}

/** The first few non-empty values of a column, as the user recognises it by. */
function samples(feed: CatalogFeed, column: string, n = 3): string[] {
  const out: string[] = [];
  for (const row of feed.rows) {
    const v = row.values[column];
    if (v !== undefined && v.trim() !== '') out.push(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    if (out.length >= n) break;
  }
  return out;
}

/**
 * The mapping step: each feed column with sample values and the product field it fills (external ID,
 * name, price, currency, section path, description, active, quantity, a custom property) or "ignore".
 * Master-of-record rule: only mapped fields are ever written.
 */
export function MappingTable({ feed, columns, origin, missing, properties, onChange, disabled }: MappingTableProps) {
  const t = useT('sync');
  const names = new Map(properties.map((p) => [p.id, p.name]));
  const fieldLabel = useFieldLabel(names);
  const targets = Object.values(columns);
  const extraProperties = targets.filter(
    (v) => /^property:\d+$/.test(v) && !properties.some((p) => `property:${p.id}` === v),
  );
  const options = [
    { value: 'ignore', label: t('mapping.ignore') },
    { group: t('mapping.productFields'), items: PRODUCT_FIELDS.map((f) => ({ value: f, label: fieldLabel(f) })) },
    ...(properties.length || extraProperties.length
      ? [
          {
            group: t('mapping.properties'),
            items: [
              ...properties.map((p) => ({ value: `property:${p.id}`, label: fieldLabel(`property:${p.id}`) })),
              ...[...new Set(extraProperties)].map((v) => ({ value: v, label: fieldLabel(v) })),
            ],
          },
        ]
      : []),
  ];
  const taken = (target: ColumnTarget) => target !== 'ignore' && targets.filter((v) => v === target).length > 1;
  const hasId = targets.includes('externalId');

  return (
    <>
      {!hasId ? (
        <Alert color="orange" variant="light" role="status">
          {t('mapping.needsId')}
        </Alert>
      ) : null}
      {missing.length > 0 ? (
        <Alert color="yellow" variant="light" role="status">
          {t('mapping.missingColumns', { columns: missing.join(', ') })}
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={600}>
        <Table fz="sm" verticalSpacing="xs" aria-label={t('mapping.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mapping.column')}</Table.Th>
              <Table.Th>{t('mapping.samples')}</Table.Th>
              <Table.Th w={300}>{t('mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {feed.columns.map((column) => {
              const target = columns[column] ?? 'ignore';
              return (
                <Table.Tr key={column} data-column={column}>
                  <Table.Td>
                    <Text size="sm" fw={600} ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {column}
                    </Text>
                    {origin[column] === 'auto' ? (
                      <Badge size="xs" variant="light" color="teal" radius="sm">
                        {t('mapping.byHeader')}
                      </Badge>
                    ) : origin[column] === 'saved' ? (
                      <Badge size="xs" variant="light" color="blue" radius="sm">
                        {t('mapping.fromProfile')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                      {samples(feed, column).join(' · ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('mapping.fieldFor', { column })}
                      data={options}
                      value={target}
                      onChange={(v) => onChange(column, (v ?? 'ignore') as ColumnTarget)}
                      allowDeselect={false}
                      searchable
                      disabled={disabled}
                      error={taken(target) ? t('mapping.twice') : undefined}
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
