import type { B24Client } from '../../b24/index.ts';
import type { Category, RecordData } from '../types.ts';

/** What a kanban card shows; leads have no `categoryId` (the portal refuses it in their select). */
export function cardFields(entityTypeId: number): string[] {
  const fields = ['id', 'title', 'stageId', 'opportunity', 'currencyId', 'assignedById'];
  return entityTypeId === 1 ? fields : [...fields, 'categoryId'];
}

/**
 * Every record of one pipeline with only the fields a kanban card needs, streamed by B24Client.list:
 * one HTTP request per 2,500 records (50 pages chained in a batch), no COUNT, ascending ids.
 * @example const rows = await readPipelineRecords(client, 2, { id: '1', implicit: false }); rows[0].stageId // 'C1:NEW'
 */
export async function readPipelineRecords(
  client: B24Client,
  entityTypeId: number,
  category: Pick<Category, 'id' | 'implicit'>,
): Promise<RecordData[]> {
  const rows: RecordData[] = [];
  for await (const page of client.list<Record<string, unknown>>('crm.item.list', {
    entityTypeId,
    useOriginalUfNames: 'N',
    select: cardFields(entityTypeId),
    filter: category.implicit ? {} : { categoryId: Number(category.id) },
  }))
    for (const row of page) rows.push({ ...row, id: String(row.id) });
  return rows;
}
