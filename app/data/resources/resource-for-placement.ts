import type { ResourceName } from '../types.ts';

const BY_PLACEMENT: Record<string, ResourceName> = {
  CRM_DEAL_DETAIL_TAB: 'deals',
  CRM_CONTACT_DETAIL_TAB: 'contacts',
  CRM_COMPANY_DETAIL_TAB: 'companies',
  CRM_LEAD_DETAIL_TAB: 'leads',
  TASK_VIEW_TAB: 'tasks',
};

const DYNAMIC_TAB = /^CRM_DYNAMIC_(\d+)_DETAIL_TAB$/;

/**
 * The resource a placement shows a record of, or null for placements without one (DEFAULT, menus).
 * @example resourceForPlacement('CRM_DEAL_DETAIL_TAB') // 'deals'
 * @example resourceForPlacement('CRM_DYNAMIC_1030_DETAIL_TAB') // 'sp-1030'
 */
export function resourceForPlacement(placement: string): ResourceName | null {
  const code = placement.trim().toUpperCase();
  const dynamic = DYNAMIC_TAB.exec(code);
  if (dynamic) return `sp-${Number(dynamic[1])}`;
  return BY_PLACEMENT[code] ?? null;
}

/**
 * The detail-tab placement of a resource (the inverse of resourceForPlacement).
 * @example detailTabPlacement('sp-1030') // 'CRM_DYNAMIC_1030_DETAIL_TAB'
 */
export function detailTabPlacement(resource: ResourceName): string {
  if (resource.startsWith('sp-')) return `CRM_DYNAMIC_${resource.slice(3)}_DETAIL_TAB`;
  const entry = Object.entries(BY_PLACEMENT).find(([, r]) => r === resource);
  return entry![0];
}
