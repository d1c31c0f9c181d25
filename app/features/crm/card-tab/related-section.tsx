import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useFrame } from '../../../b24/react.tsx';
import type { CardPart, CardRelation, LinkedRecord } from '../../../data/providers/card-provider.ts';
import { stageOf, useStages } from '../../../data/query/get-stages.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { crmCardPath } from '../../../ui/crm-path.ts';
import { formatValue } from '../../../ui/format-value.ts';
import { StageBadge } from '../../../ui/stage-badge.tsx';
import { CardSection } from './card-section.tsx';
import './locales.ts';
import { ShowMore } from './show-more.tsx';

const EMPTY = { companies: 'noCompanies', contacts: 'noContacts', deals: 'noDeals' } as const;

/** The card's company, contacts or deals; each opens its own card in a portal slider. */
export function RelatedSection({ relation, part }: { relation: CardRelation; part: CardPart<LinkedRecord[]> }) {
  const t = useT('crmTab');
  return (
    <CardSection title={t(relation)} part={part} empty={t(EMPTY[relation])}>
      {(rows) => (
        <Stack gap={6}>
          <ShowMore rows={rows}>{(shown) => shown.map((row) => <LinkedRow key={row.id} row={row} />)}</ShowMore>
        </Stack>
      )}
    </CardSection>
  );
}

function LinkedRow({ row }: { row: LinkedRecord }) {
  const t = useT('crmTab');
  const lang = useLanguage();
  const frame = useFrame();
  // Deal stages came with the card (or were cached): no request here.
  const stages = useStages(row.entityTypeId === 2 ? 'deals' : 'contacts');
  const stage = row.entityTypeId === 2 ? stageOf(stages.data, row.stageId) : undefined;
  const amount =
    row.opportunity !== undefined
      ? formatValue(row.opportunity, { kind: 'money' }, row.currencyId ? { lang, currency: row.currencyId } : { lang })
      : '';
  return (
    <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          style={{ overflowWrap: 'anywhere' }}
          onClick={() => void frame.openPath(crmCardPath(row.entityTypeId, row.id)).catch(() => undefined)}
        >
          {row.title}
        </Anchor>
        {row.post ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {row.post}
          </Text>
        ) : null}
      </Stack>
      {row.entityTypeId === 2 ? (
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          {amount ? (
            <Text size="xs" c="dimmed">
              {amount}
            </Text>
          ) : null}
          {stage ? (
            <StageBadge name={stage.name} color={stage.color} />
          ) : row.closed ? (
            <Text size="xs">{t('closed')}</Text>
          ) : null}
        </Group>
      ) : null}
    </Group>
  );
}
