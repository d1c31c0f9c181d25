/**
 * One of Kontor's custom data storages (`entity.*`) that can point at CRM records: the items whose
 * property `crmProperty` holds a binding code (`D_12`, `CO_3`, `T406_5`) belong to that record.
 */
export interface CardStorage {
  /** The storage's `ENTITY` code. */
  entity: string;
  /** What the card tab calls its items (portal text, shown as text). */
  title: string;
  /** The property code (without `PROPERTY_`) that holds the binding code. */
  crmProperty: string;
}

/** The app option that lists the storages (docs/data-layer.md, "CRM references in custom data"). */
export const STORAGES_OPTION = 'kontor.storages';

/** Storages read per card: each one is one command of the tab's batch, which holds 50. */
export const MAX_CARD_STORAGES = 20;

const CODE = /^[A-Za-z0-9_]{1,50}$/;

/**
 * The storages that reference CRM records, from the app options the portal sends with the init data
 * (no request needed). The option is a JSON string (what `app.option.set` and the frame's `setAppOption`
 * store) or the array itself; malformed entries are skipped, never trusted.
 * @example storagesFromOptions({ 'kontor.storages': '[{"entity":"visits","title":"Visits","crmProperty":"crm"}]' })
 * // [{ entity: 'visits', title: 'Visits', crmProperty: 'crm' }]
 */
export function storagesFromOptions(appOptions: Record<string, unknown>): CardStorage[] {
  let raw = appOptions[STORAGES_OPTION];
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(raw)) return [];
  const out: CardStorage[] = [];
  for (const entry of raw) {
    if (!entry || typeof entry !== 'object') continue;
    const { entity, title, crmProperty } = entry as Record<string, unknown>;
    if (typeof entity !== 'string' || !CODE.test(entity)) continue;
    if (typeof crmProperty !== 'string' || !CODE.test(crmProperty)) continue;
    if (out.some((s) => s.entity === entity && s.crmProperty === crmProperty)) continue;
    out.push({ entity, crmProperty, title: typeof title === 'string' && title.trim() ? title.trim() : entity });
  }
  return out.slice(0, MAX_CARD_STORAGES);
}
