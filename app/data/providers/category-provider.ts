import { BitrixError, type B24Client } from '../../b24/index.ts';
import type { Category } from '../types.ts';
import { PORTAL_PAGE } from './shared.ts';
import { readStages } from './stage-provider.ts';

interface CategoryRow {
  id: number | string;
  name?: string | null;
  sort?: number | string | null;
  entityTypeId?: number | string;
  isDefault?: string | boolean;
}

const LEAD = 1;
const DEAL = 2;

/**
 * The stage dictionary of one pipeline (`Stage.entityId`): deals `DEAL_STAGE` (pipeline 0) and
 * `DEAL_STAGE_<id>`, smart processes `DYNAMIC_<entityTypeId>_STAGE_<id>`, leads `STATUS`.
 * @example stageEntityIdOf(2, '1') // 'DEAL_STAGE_1'
 */
export function stageEntityIdOf(entityTypeId: number, categoryId: string): string {
  if (entityTypeId === LEAD) return 'STATUS';
  if (entityTypeId === DEAL) return categoryId === '0' ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`;
  return `DYNAMIC_${entityTypeId}_STAGE_${categoryId}`;
}

function categoryOf(entityTypeId: number, row: CategoryRow): Category {
  const id = String(row.id);
  return {
    id,
    entityTypeId,
    name: typeof row.name === 'string' ? row.name : '',
    sort: Number(row.sort) || 0,
    isDefault: row.isDefault === 'Y' || row.isDefault === true,
    implicit: false,
    stageEntityId: stageEntityIdOf(entityTypeId, id),
  };
}

/** The one pipeline of an entity type without `crm.category` (leads). */
function implicitPipeline(entityTypeId: number, id = '0'): Category {
  return {
    id,
    entityTypeId,
    name: '',
    sort: 0,
    isDefault: true,
    implicit: entityTypeId === LEAD,
    stageEntityId: stageEntityIdOf(entityTypeId, id),
  };
}

/**
 * The pipelines of a CRM entity type in the portal's order (`sort`, then id). Leads have none: they get
 * one implicit pipeline without a request. Deals and smart processes cost one `crm.category.list` (a
 * plain call, so it joins the stages read of the same tick); more than 50 pipelines cost one more per 50.
 * A smart process whose pipelines are switched off (`ENTITY_TYPE_NOT_SUPPORTED`) gets one per stage
 * dictionary it has, read from `crm.status.list`.
 * @example const [first] = await readCategories(client, 2); first.stageEntityId // 'DEAL_STAGE_1'
 */
export async function readCategories(client: B24Client, entityTypeId: number): Promise<Category[]> {
  if (entityTypeId === LEAD) return [implicitPipeline(LEAD)];
  const rows: CategoryRow[] = [];
  try {
    for (let start = 0; ; start += PORTAL_PAGE) {
      const { result } = await client.call<{ categories?: CategoryRow[] }>('crm.category.list', {
        entityTypeId,
        ...(start ? { start } : {}),
      });
      const page = result.categories ?? [];
      rows.push(...page);
      // A lone call carries no `next` (docs/data-layer.md, known gap): a full page means "maybe more".
      if (page.length < PORTAL_PAGE) break;
    }
  } catch (e) {
    if (!(e instanceof BitrixError) || e.code !== 'ENTITY_TYPE_NOT_SUPPORTED' || entityTypeId === DEAL) throw e;
    const dictionaries = new Set((await readStages(client, entityTypeId)).map((s) => s.entityId));
    return [...dictionaries].map((d) => implicitPipeline(entityTypeId, /_(\d+)$/.exec(d)?.[1] ?? '0'));
  }
  return rows
    .map((row) => categoryOf(entityTypeId, row))
    .sort((a, b) => a.sort - b.sort || Number(a.id) - Number(b.id));
}
