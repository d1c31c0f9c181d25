import type { B24Client } from '../../b24/index.ts';
import type { Resource, ResourceName } from '../types.ts';

/** A row of `crm.type.list` (the keys Kontor reads). */
interface CrmType {
  id: number;
  title: string;
  entityTypeId: number;
}

/**
 * A smart process as a resource. Its title is the portal's own name, the same in every language.
 * @example smartProcessResource({ id: 1, title: 'Projects', entityTypeId: 1030 }).name // 'sp-1030'
 */
export function smartProcessResource(type: Pick<CrmType, 'title' | 'entityTypeId'>): Resource {
  const title = type.title;
  return {
    name: `sp-${type.entityTypeId}` as ResourceName,
    provider: 'crm.item',
    entityTypeId: type.entityTypeId,
    titleField: 'title',
    defaultColumns: ['title', 'stageId', 'opportunity', 'assignedById', 'closedate'],
    titles: { en: title, da: title, de: title, ru: title },
  };
}

/**
 * Every smart process of the portal, from `crm.type.list`. The first page is a plain call, so it
 * joins whatever else the screen reads in the same tick; portals with more than 50 types page on.
 * @example const sps = await discoverSmartProcesses(client); // [{ name: 'sp-1030', … }, …]
 */
export async function discoverSmartProcesses(client: B24Client): Promise<Resource[]> {
  const out: Resource[] = [];
  let start = 0;
  for (;;) {
    const answer = await client.call<{ types?: CrmType[] }>('crm.type.list', { order: { id: 'ASC' }, start });
    for (const t of answer.result.types ?? []) out.push(smartProcessResource(t));
    if (typeof answer.next !== 'number' || answer.next <= start) return out;
    start = answer.next;
  }
}
