import { useMemo } from 'react';
import { useManyRecords, type RecordRefs } from '../../data/query/lookup-records.ts';
import { STATIC_RESOURCES } from '../../data/resources/static-resources.ts';
import { parseCrmCode } from '../../data/storage/property-types.ts';
import type { ResourceName } from '../../data/types.ts';
import { recordTitle } from '../../ui/record-title.ts';

/** The resource a CRM item's binding code points into (`D_12` → deals #12, `T406_5` → sp-1030 #5). */
export function crmRefOf(code: string): { resource: ResourceName; id: string; titleField: string } | null {
  const parsed = parseCrmCode(code);
  if (!parsed) return null;
  const known = STATIC_RESOURCES.find((r) => r.entityTypeId === parsed.entityTypeId);
  return known
    ? { resource: known.name, id: parsed.id, titleField: known.titleField }
    : { resource: `sp-${parsed.entityTypeId}`, id: parsed.id, titleField: 'title' };
}

/** How many distinct CRM items a screen names at most (one `crm.item.list` per 50 ids and type). */
const MAX_NAMED = 500;

/**
 * The titles of CRM items by binding code, read together (one batch request for all types); a code not
 * (yet) known maps to nothing, so the screen shows the code itself.
 * @example const titles = useCrmTitles(['D_12', 'C_3']); titles['D_12'] // 'Roof repair'
 */
export function useCrmTitles(codes: readonly string[]): Record<string, string> {
  const key = [...new Set(codes.filter(Boolean))].slice(0, MAX_NAMED).sort().join(',');
  const refs = useMemo<RecordRefs[]>(() => {
    const byResource = new Map<ResourceName, string[]>();
    for (const code of key ? key.split(',') : []) {
      const ref = crmRefOf(code);
      if (ref) byResource.set(ref.resource, [...(byResource.get(ref.resource) ?? []), ref.id]);
    }
    return [...byResource].map(([resource, ids]) => ({ resource, ids }));
  }, [key]);
  const { records } = useManyRecords(refs);
  return useMemo(() => {
    const out: Record<string, string> = {};
    for (const code of key ? key.split(',') : []) {
      const ref = crmRefOf(code);
      const record = ref ? records[ref.resource]?.find((r) => r.id === ref.id) : undefined;
      if (ref && record) out[code] = recordTitle(record, ref.titleField);
    }
    return out;
  }, [key, records]);
}
