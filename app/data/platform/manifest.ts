import rawManifest from '../../../manifest.json';

/** The languages every manifest text is given in. */
export type ManifestLanguage = 'en' | 'da' | 'de' | 'ru';
export type LocalizedText = Record<ManifestLanguage, string>;

export interface ManifestPlacement {
  /** A placement code; `CRM_DYNAMIC_*_DETAIL_TAB` is a template expanded once per smart process. */
  code: string;
  /** True for the template: the install step replaces `*` with every entityTypeId from `crm.type.list`. */
  perSmartProcess?: boolean;
  titles: LocalizedText;
}

export interface KontorManifest {
  code: string;
  version: string;
  names: LocalizedText;
  scopes: string[];
  /** The app's own page (`DEFAULT`), shown by the portal's left-menu item; never bound. */
  mainPage: { placement: 'DEFAULT'; menu: string };
  placements: ManifestPlacement[];
  /** App options written at install (`kontor.version` always, the others only when not set yet). */
  options: Record<string, string | number | boolean>;
}

/**
 * manifest.json, typed: the single list of the app's code, names, scopes, placements and option defaults.
 * @example manifest.placements.map((p) => p.code) // ['CRM_DEAL_DETAIL_TAB', …, 'TASK_VIEW_TAB']
 */
export const manifest: KontorManifest = rawManifest as KontorManifest;

/** The option that records which manifest version installed the app. */
export const VERSION_OPTION = 'kontor.version';

/** The user option holding a user's language override ('' = follow the portal). */
export const LANGUAGE_OPTION = 'kontor.lang';

/** A concrete placement to bind: the manifest entry with `*` resolved. */
export interface DesiredPlacement {
  code: string;
  titles: LocalizedText;
  /** The smart process the code was expanded for. */
  entityTypeId?: number;
}

/**
 * Expands the manifest's placements for the portal's smart processes (`CRM_DYNAMIC_*_DETAIL_TAB` → one per type).
 * @example expandPlacements(manifest, [1030, 1032]).map((p) => p.code) // [..., 'CRM_DYNAMIC_1030_DETAIL_TAB', 'CRM_DYNAMIC_1032_DETAIL_TAB', 'TASK_VIEW_TAB']
 */
export function expandPlacements(m: KontorManifest, smartProcessTypeIds: readonly number[]): DesiredPlacement[] {
  const out: DesiredPlacement[] = [];
  for (const p of m.placements) {
    if (!p.perSmartProcess) out.push({ code: p.code, titles: p.titles });
    else
      for (const id of smartProcessTypeIds)
        out.push({ code: p.code.replace('*', String(id)), titles: p.titles, entityTypeId: id });
  }
  return out;
}
