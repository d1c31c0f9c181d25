import type { ResourceName } from '../../data/index.ts';

export interface CrmBinding {
  /** As the portal stores it in `UF_CRM_TASK` (`D_7`, `CO_3`, `T80_5`). */
  code: string;
  resource: ResourceName;
  entityTypeId: number;
  id: string;
}

const PREFIXES: Record<string, { resource: ResourceName; entityTypeId: number }> = {
  L: { resource: 'leads', entityTypeId: 1 },
  D: { resource: 'deals', entityTypeId: 2 },
  C: { resource: 'contacts', entityTypeId: 3 },
  CO: { resource: 'companies', entityTypeId: 4 },
};

/**
 * A task's CRM binding code → resource and id. Smart process items are `T<entityTypeId in hex>_<id>`
 * (`T80_5` = entity type 128, item 5). Unknown prefixes (quotes, orders) give null.
 * @example parseCrmBinding('CO_3') // { code: 'CO_3', resource: 'companies', entityTypeId: 4, id: '3' }
 */
export function parseCrmBinding(code: string): CrmBinding | null {
  const m = /^([A-Z]+)([0-9a-fA-F]*)_([1-9]\d*)$/.exec(code.trim());
  if (!m) return null;
  const [, prefix = '', hex = '', id = ''] = m;
  if (prefix === 'T' && hex) {
    const entityTypeId = parseInt(hex, 16);
    return entityTypeId >= 128 ? { code, resource: `sp-${entityTypeId}`, entityTypeId, id } : null;
  }
  const known = hex ? undefined : PREFIXES[prefix];
  return known ? { code, ...known, id } : null;
}

const ABBR: Record<number, string> = { 1: 'L', 2: 'D', 3: 'C', 4: 'CO' };

/**
 * The code a task stores in `UF_CRM_TASK` for a CRM record (smart processes: `T` + hex entity type).
 * @example bindingCode(2, '12') // 'D_12'; bindingCode(1030, '5') // 'T406_5'
 */
export function bindingCode(entityTypeId: number, id: string): string {
  return `${ABBR[entityTypeId] ?? `T${entityTypeId.toString(16)}`}_${id}`;
}
