import type { StorageSection } from '../../data/storage/types.ts';

/**
 * Sections as select options, nested ones under their parents with their path (`North / City`); a
 * section whose parent is gone (or a loop) is listed at the top.
 * @example sectionOptions(sections) // [{ value: '1', label: 'North' }, { value: '2', label: 'North / City' }]
 */
export function sectionOptions(sections: readonly StorageSection[]): { value: string; label: string }[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const path = (s: StorageSection): string => {
    const names = [s.name];
    const seen = new Set([s.id]);
    for (let p = s.parentId ? byId.get(s.parentId) : undefined; p && !seen.has(p.id);) {
      names.unshift(p.name);
      seen.add(p.id);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return names.join(' / ');
  };
  return sections
    .map((s) => ({ value: s.id, label: path(s) || `#${s.id}` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
