import { Stack, Text } from '@mantine/core';
import type { CardStorageItems } from '../../../data/providers/card-provider.ts';
import { useT } from '../../../i18n/index.ts';
import { CardSection } from './card-section.tsx';
import './locales.ts';
import { ShowMore } from './show-more.tsx';

/** Items of one of Kontor's storages that reference the record (docs/data-layer.md), as text. */
export function CustomDataSection({ data }: { data: CardStorageItems }) {
  const t = useT('crmTab');
  return (
    <CardSection title={data.storage.title} part={data.items} empty={t('noItems')}>
      {(rows) => (
        <Stack gap={8}>
          <ShowMore rows={rows}>
            {(shown) =>
              shown.map((item) => {
                const values = Object.entries(item.values).filter(([, v]) => v !== '');
                return (
                  <Stack key={item.id} gap={0}>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {item.name || `#${item.id}`}
                    </Text>
                    {values.length > 0 ? (
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {values.map(([k, v]) => `${k}: ${v}`).join(' · ')}
                      </Text>
                    ) : null}
                  </Stack>
                );
              })
            }
          </ShowMore>
        </Stack>
      )}
    </CardSection>
  );
}
