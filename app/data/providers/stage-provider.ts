import type { B24Client } from '../../b24/index.ts';
import type { Stage, StageSemantics } from '../types.ts';
import { PORTAL_PAGE } from './shared.ts';

interface StatusRow {
  ENTITY_ID: string;
  STATUS_ID: string;
  NAME: string;
  SORT: string | number;
  COLOR: string | null;
  SEMANTICS: string | null;
}

/**
 * The stage dictionaries of an entity type, matched without knowing a record's pipeline: deals have
 * `DEAL_STAGE` (pipeline 0) and `DEAL_STAGE_<categoryId>`, smart processes
 * `DYNAMIC_<entityTypeId>_STAGE_<categoryId>`, leads `STATUS`; other types have no stages (null).
 * @example stageDictionaries(2) // { filter: { '%ENTITY_ID': 'DEAL_STAGE' }, matches: /^DEAL_STAGE(_\d+)?$/ }
 */
export function stageDictionaries(entityTypeId: number): { filter: Record<string, string>; matches: RegExp } | null {
  if (entityTypeId === 1) return { filter: { ENTITY_ID: 'STATUS' }, matches: /^STATUS$/ };
  if (entityTypeId === 2) return { filter: { '%ENTITY_ID': 'DEAL_STAGE' }, matches: /^DEAL_STAGE(_\d+)?$/ };
  if (entityTypeId >= 128) {
    const prefix = `DYNAMIC_${entityTypeId}_STAGE_`;
    return { filter: { '%ENTITY_ID': prefix }, matches: new RegExp(`^${prefix}\\d+$`) };
  }
  return null;
}

const SEMANTICS: Record<string, StageSemantics> = { S: 'success', F: 'failure' };

function stageOf(row: StatusRow): Stage {
  return {
    id: row.STATUS_ID,
    entityId: row.ENTITY_ID,
    name: row.NAME,
    color: typeof row.COLOR === 'string' && /^#[0-9a-f]{3,8}$/i.test(row.COLOR) ? row.COLOR : '',
    sort: Number(row.SORT) || 0,
    semantics: SEMANTICS[row.SEMANTICS ?? ''] ?? 'process',
  };
}

/**
 * Every stage of every pipeline of an entity type, in one `crm.status.list` call (a `%ENTITY_ID`
 * filter, so the record's categoryId is not needed and the read can join the record's batch).
 * More than 50 stages (a legacy list page) cost one more request per 50.
 * @example const stages = await readStages(client, 2); stages.find((s) => s.id === 'C1:WON')?.name;
 */
export async function readStages(client: B24Client, entityTypeId: number): Promise<Stage[]> {
  const dictionaries = stageDictionaries(entityTypeId);
  if (!dictionaries) return [];
  const rows: StatusRow[] = [];
  for (let start = 0; ; start += PORTAL_PAGE) {
    const { result } = await client.call<StatusRow[]>('crm.status.list', {
      filter: dictionaries.filter,
      order: { SORT: 'ASC' },
      ...(start ? { start } : {}),
    });
    rows.push(...result);
    // A lone call carries no `next` (docs/data-layer.md, known gap): a full page means "maybe more".
    if (result.length < PORTAL_PAGE) break;
  }
  return rows.filter((r) => dictionaries.matches.test(r.ENTITY_ID)).map(stageOf);
}
