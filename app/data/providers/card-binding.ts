/** CRM abbreviations of the fixed entity types (methods.md §2.1); smart processes use `T` + hex. */
const ABBR: Record<number, string> = { 1: 'L', 2: 'D', 3: 'C', 4: 'CO' };

/** `ENTITY_TYPE` of `crm.timeline.comment.*` for the fixed types; smart processes are `dynamic_<id>`. */
const TIMELINE_TYPE: Record<number, string> = { 1: 'lead', 2: 'deal', 3: 'contact', 4: 'company' };

/**
 * How other portal objects point at a CRM record: `UF_CRM_TASK` of tasks, `UF_CRM_CAL_EVENT` of calendar
 * events, CRM user fields — and Kontor's custom data (docs/data-layer.md, "CRM references in custom data").
 * Smart processes are `T` + lower-case hex of the entity type (rest.md §11).
 * @example crmBindingCode(2, '12') // 'D_12'; crmBindingCode(1030, '5') // 'T406_5'
 */
export function crmBindingCode(entityTypeId: number, id: string): string {
  const abbr = ABBR[entityTypeId] ?? `T${entityTypeId.toString(16)}`;
  return `${abbr}_${id}`;
}

/**
 * The `ENTITY_TYPE` a timeline comment names its record with.
 * @example timelineEntityType(4) // 'company'; timelineEntityType(1030) // 'dynamic_1030'
 */
export function timelineEntityType(entityTypeId: number): string {
  return TIMELINE_TYPE[entityTypeId] ?? `dynamic_${entityTypeId}`;
}
