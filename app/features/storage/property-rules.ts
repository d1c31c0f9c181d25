import { useMemo } from 'react';
import {
  CODE_PATTERN,
  MAX_ENTITY_LENGTH,
  MAX_PROPERTY_LENGTH,
  PROPERTY_TYPES,
} from '../../data/storage/property-types.ts';
import { useT } from '../../i18n/index.ts';
import './locales.ts';

/** Why a code cannot be used (a key under `property.*` of the `storage` namespace), or null. */
export type CodeProblem = 'codeRequired' | 'codeChars' | 'codeLength' | 'codeTaken';

/**
 * Checks a property code: letters, digits and `_` (what `entity.*` keeps), at most 50 characters, not
 * `NAME` (the CSV's name column) and not used by another property of the storage (case does not matter).
 * @example checkPropertyCode('visit date', []) // 'codeChars'
 */
export function checkPropertyCode(code: string, taken: readonly string[]): CodeProblem | null {
  const c = code.trim();
  if (!c) return 'codeRequired';
  if (!CODE_PATTERN.test(c)) return 'codeChars';
  if (c.length > MAX_PROPERTY_LENGTH) return 'codeLength';
  if (c.toUpperCase() === 'NAME' || taken.some((t) => t.toLowerCase() === c.toLowerCase())) return 'codeTaken';
  return null;
}

/**
 * Checks a storage code: letters, digits and `_`, at most 13 characters (the portal's usual limit:
 * 50 minus `APP_<client id>_`), not used by another storage of the app.
 * @example checkEntityCode('site_visits_2026', []) // 'codeLength'
 */
export function checkEntityCode(code: string, taken: readonly string[]): CodeProblem | null {
  const c = code.trim();
  if (!c) return 'codeRequired';
  if (!CODE_PATTERN.test(c)) return 'codeChars';
  if (c.length > MAX_ENTITY_LENGTH) return 'codeLength';
  if (taken.includes(c)) return 'codeTaken';
  return null;
}

/**
 * A code suggested from a name: lower case ASCII letters and digits, `_` between words, cut to `max`.
 * @example suggestCode('Site visits 2026', 13) // 'site_visits_2'
 */
export function suggestCode(name: string, max: number): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max)
    .replace(/_+$/, '');
}

/** The Kontor types as select options, in the user's language. */
export function useTypeOptions(): { value: string; label: string }[] {
  const t = useT('storage');
  return useMemo(() => PROPERTY_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) })), [t]);
}
