import { queryOptions, skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import type { CardStorage } from '../providers/card-storages.ts';
import { readCard, type CardBundle } from '../providers/card-provider.ts';
import type { DataSource } from '../providers/data-source.ts';
import { entityTypeIdOf } from '../resources/static-resources.ts';
import type { ResourceName } from '../types.ts';
import { useDataSource } from './data-context.ts';
import { cardKeys, recordKeys, stageKeys, userKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/**
 * Writes what a card read into the per-entity caches, so the screens that read those caches (the
 * overview's useRecord, useUserNames, useStages) find them fresh and send nothing.
 */
function seedCaches(queryClient: QueryClient, resource: ResourceName, id: string, card: CardBundle): void {
  queryClient.setQueryData(recordKeys.one(resource, id), card.record);
  for (const user of card.users) queryClient.setQueryData(userKeys.brief(user.id), user);
  for (const id of card.unknownUsers) queryClient.setQueryData(userKeys.brief(id), null);
  if (card.dealStages) queryClient.setQueryData(stageKeys.of(2), card.dealStages);
}

/** Deal stages are read with the card only while they are not cached fresh. */
function needsDealStages(queryClient: QueryClient): boolean {
  const state = queryClient.getQueryState(stageKeys.of(2));
  return !state?.data || state.isInvalidated || Date.now() - state.dataUpdatedAt > META_STALE_MS;
}

/**
 * A CRM card tab's bundle (`readCard`): ONE batch request on a cold open. Its answer seeds the record's
 * `one` cache, the users' names and the deal stages. Resources without an entity type (tasks) and an
 * empty id wait forever and cost nothing.
 */
export function cardQueryOptions(
  source: DataSource,
  resource: ResourceName,
  id: string,
  storages: readonly CardStorage[] = [],
) {
  const entityTypeId = entityTypeIdOf(resource);
  return queryOptions({
    queryKey: cardKeys.bundle(resource, id, storages),
    queryFn:
      entityTypeId && id
        ? async ({ client }) => {
            const card = await readCard(source.client, entityTypeId, id, {
              storages,
              dealStages: needsDealStages(client),
            });
            seedCaches(client, resource, id, card);
            return card;
          }
        : skipToken,
  });
}

/**
 * Everything a CRM card tab shows: record, people, linked company/contacts/deals, tasks, comments,
 * to-dos, events and custom data — in one request. Issue it in the same render as useFields,
 * useResources and useStages and they join the same batch.
 * @example const card = useCard('deals', '12', storagesFromOptions(useInitInfo().appOptions)); card.data?.tasks
 */
export function useCard(resource: ResourceName, id: string, storages: readonly CardStorage[] = []) {
  return useQuery(cardQueryOptions(useDataSource(), resource, id, storages));
}
