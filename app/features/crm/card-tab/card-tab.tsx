import { Box, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { useInitInfo } from '../../../b24/react.tsx';
import { errorDetail, errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { cardRelations, type CardBundle } from '../../../data/providers/card-provider.ts';
import { storagesFromOptions } from '../../../data/providers/card-storages.ts';
import { useCard } from '../../../data/query/get-card.ts';
import { useFields } from '../../../data/query/get-fields.ts';
import { useResources } from '../../../data/query/get-resources.ts';
import { useStages } from '../../../data/query/get-stages.ts';
import { entityTypeIdOf } from '../../../data/resources/static-resources.ts';
import type { ResourceName } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { recordTitle } from '../../../ui/record-title.ts';
import { ErrorState, LoadingState } from '../../../ui/states.tsx';
import '../locales.ts';
import RecordOverview from '../record-overview.tsx';
import { CommentsSection } from './comments-section.tsx';
import { CustomDataSection } from './custom-data-section.tsx';
import { EventsSection } from './events-section.tsx';
import './locales.ts';
import { QuickActions } from './quick-actions.tsx';
import { RelatedSection } from './related-section.tsx';
import { TasksSection } from './tasks-section.tsx';
import { TodosSection } from './todos-section.tsx';

const LINK_PREFIX = { companies: 'CO', contacts: 'C', deals: 'D' } as const;

/** Linked records by binding code, for the overview to name `companyId` & co. instead of showing ids. */
function linkTitlesOf(card: CardBundle): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [relation, part] of Object.entries(card.related) as [
    keyof typeof LINK_PREFIX,
    CardBundle['related'][keyof typeof LINK_PREFIX],
  ][])
    if (part?.ok) for (const row of part.data) out[`${LINK_PREFIX[relation]}_${row.id}`] = row.title;
  return out;
}

/**
 * The CRM card tab (`CRM_DEAL_DETAIL_TAB`, …, `CRM_DYNAMIC_<id>_DETAIL_TAB`): the record's key facts
 * (editable in place), quick actions, and the work around it — linked company/contacts/deals, tasks,
 * to-dos, upcoming events, comments, and Kontor's custom data that references it.
 *
 * The first render issues every read at once — the card (useCard), field metadata, the resource
 * catalogue and the stages — so a cold open costs one HTTP request; the sections mount together once it
 * is in (nothing jumps), reading the caches it filled.
 */
export default function CardTab({ resource, id }: { resource: ResourceName; id: string }) {
  const t = useT('crmTab');
  const tc = useT('crm');
  const { appOptions } = useInitInfo();
  const storages = useMemo(() => storagesFromOptions(appOptions), [appOptions]);
  const card = useCard(resource, id, storages);
  const fields = useFields(resource);
  const resources = useResources();
  const stages = useStages(resource);

  // A failed refresh keeps what is on screen; only a card that never arrived shows the error.
  if (card.error && !card.data) {
    const key = errorMessageKey(card.error);
    const detail = errorDetail(card.error);
    // A deleted record will not come back on retry; anything else might.
    if (key === 'errors:notFound') return <ErrorState message={tc(key)} hint={tc('goneHint')} />;
    return <ErrorState message={detail ? `${tc(key)} (${detail})` : tc(key)} onRetry={() => void card.refetch()} />;
  }
  // isLoading for the stages: types without stages never load them.
  if (card.isPending || fields.isPending || resources.isPending || stages.isLoading)
    return <LoadingState label={t('loading')} />;

  const data = card.data;
  const def = resources.data?.find((r) => r.name === resource);
  const title = recordTitle(data.record, def?.titleField ?? 'title');
  const entityTypeId = entityTypeIdOf(resource) ?? 0;
  return (
    <Stack gap="md">
      <RecordOverview resource={resource} id={id} linkTitles={linkTitlesOf(data)} />
      <QuickActions resource={resource} id={id} card={data} title={title} />
      {/* Two columns where the tab is wide enough, one where it is not; a plain CSS grid, no Mantine grid code. */}
      <Box
        aria-label={t('related')}
        role="group"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))',
          gap: 'var(--mantine-spacing-md)',
          alignItems: 'start',
        }}
      >
        {cardRelations(entityTypeId).map((relation) => (
          <RelatedSection key={relation} relation={relation} part={data.related[relation]!} />
        ))}
        <TasksSection part={data.tasks} meId={data.me?.id ?? ''} />
        <TodosSection part={data.todos} />
        <EventsSection part={data.events} />
        <CommentsSection part={data.comments} />
        {data.customData.map((storage) => (
          <CustomDataSection key={`${storage.storage.entity}:${storage.storage.crmProperty}`} data={storage} />
        ))}
      </Box>
    </Stack>
  );
}
