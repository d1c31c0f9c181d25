import { describe, expect, it } from 'vitest';
import { recordKeys } from '../query/keys.ts';
import { detailTabPlacement, resourceForPlacement } from './resource-for-placement.ts';
import { entityTypeIdOf, isResourceName, STATIC_RESOURCES } from './static-resources.ts';

describe('resourceForPlacement', () => {
  it('maps CRM detail tabs, smart-process tabs and the task tab', () => {
    expect(resourceForPlacement('CRM_DEAL_DETAIL_TAB')).toBe('deals');
    expect(resourceForPlacement('CRM_CONTACT_DETAIL_TAB')).toBe('contacts');
    expect(resourceForPlacement('CRM_COMPANY_DETAIL_TAB')).toBe('companies');
    expect(resourceForPlacement('CRM_LEAD_DETAIL_TAB')).toBe('leads');
    expect(resourceForPlacement('CRM_DYNAMIC_1030_DETAIL_TAB')).toBe('sp-1030');
    expect(resourceForPlacement('TASK_VIEW_TAB')).toBe('tasks');
  });

  it('has no resource for placements without a record', () => {
    for (const p of ['DEFAULT', 'LEFT_MENU', 'CRM_DEAL_LIST_MENU', 'CRM_DYNAMIC_X_DETAIL_TAB', ''])
      expect(resourceForPlacement(p)).toBeNull();
  });

  it('inverts to the placement code', () => {
    for (const r of ['deals', 'contacts', 'companies', 'leads', 'tasks', 'sp-1032'] as const)
      expect(resourceForPlacement(detailTabPlacement(r))).toBe(r);
  });
});

describe('resource declarations', () => {
  it('declares the CRM types with their entity type ids, and tasks', () => {
    expect(STATIC_RESOURCES.map((r) => [r.name, r.entityTypeId])).toEqual([
      ['deals', 2],
      ['contacts', 3],
      ['companies', 4],
      ['leads', 1],
      ['tasks', undefined],
    ]);
    for (const r of STATIC_RESOURCES) expect(Object.keys(r.titles).sort()).toEqual(['da', 'de', 'en', 'ru']);
    expect(entityTypeIdOf('sp-1030')).toBe(1030);
    expect(entityTypeIdOf('tasks')).toBeNull();
    expect(isResourceName('sp-1030')).toBe(true);
    expect(isResourceName('sp-7')).toBe(false);
    expect(isResourceName('quotes')).toBe(false);
  });

  it('builds keys from general to specific', () => {
    expect(recordKeys.one('deals', '7')).toEqual(['deals', 'one', '7']);
    expect(recordKeys.list('deals', { filter: {} }).slice(0, 2)).toEqual(recordKeys.lists('deals'));
    expect(recordKeys.fields('sp-1030')).toEqual(['sp-1030', 'fields']);
  });
});
