import { describe, expect, it } from 'vitest';
import { STATIC_RESOURCES } from '../../../data/resources/static-resources.ts';
import type { FieldMeta } from '../../../data/types.ts';
import { formLayout } from './form-layout.ts';
import { linkRef, linkTargets, linkValue } from './link-targets.ts';

const field = (name: string, over: Partial<FieldMeta> = {}): FieldMeta => ({
  name,
  upperName: name.toUpperCase(),
  title: name,
  type: 'string',
  kind: 'string',
  required: false,
  readOnly: false,
  immutable: false,
  multiple: false,
  custom: false,
  ...over,
});

const deals = STATIC_RESOURCES.find((r) => r.name === 'deals')!;
const dealFields = [
  field('id', { kind: 'id', readOnly: true }),
  field('comments', { kind: 'text' }),
  field('title'),
  field('categoryId', { kind: 'status', type: 'crm_category', immutable: true }),
  field('stageId', { kind: 'status', type: 'crm_status', statusType: 'DEAL_STAGE' }),
  field('currencyId', { kind: 'status', type: 'crm_currency' }),
  field('opportunity', { kind: 'money', type: 'double' }),
  field('contactId', { kind: 'crm-link', type: 'crm_contact' }),
  field('contactIds', { kind: 'crm-link', type: 'crm_contact', multiple: true }),
  field('sourceId', { kind: 'status', type: 'crm_status', statusType: 'SOURCE', required: true }),
  field('createdTime', { kind: 'datetime', readOnly: true }),
  field('ufCrm_PROJECT_CODE', { custom: true }),
  field('ufCrm_BUDGET', { kind: 'number', type: 'double', custom: true, required: true }),
];

describe('formLayout', () => {
  it('edits: key fields first, custom fields, the rest under “more”; fixed fields as text', () => {
    const layout = formLayout(deals, dealFields, 'edit');
    expect(layout.sections.map((s) => [s.key, s.fields.map((f) => f.name)])).toEqual([
      ['main', ['title', 'stageId', 'opportunity', 'contactIds', 'sourceId']],
      ['custom', ['ufCrm_PROJECT_CODE', 'ufCrm_BUDGET']],
      ['more', ['comments']],
    ]);
    expect(layout.readOnly.map((f) => f.name)).toEqual(['categoryId', 'createdTime']);
    // The currency is edited with the amount; the primary contact through the contact list.
    expect(layout.folded).toEqual({ currencyId: 'opportunity' });
    expect(layout.editable.map((f) => f.name)).toContain('currencyId');
    expect(layout.editable.map((f) => f.name)).not.toContain('contactId');
  });

  it('creates: required fields first, fields fixed once created are editable, read-only ones left out', () => {
    const layout = formLayout(deals, dealFields, 'create');
    expect(layout.sections[0]!.fields.map((f) => f.name)).toEqual([
      'sourceId',
      'title',
      'categoryId',
      'stageId',
      'opportunity',
      'contactIds',
    ]);
    expect(layout.sections[1]!.fields.map((f) => f.name)).toEqual(['ufCrm_BUDGET', 'ufCrm_PROJECT_CODE']);
    expect(layout.readOnly).toEqual([]);
    expect(layout.editable.map((f) => f.name)).not.toContain('createdTime');
  });
});

describe('link targets', () => {
  it('points standard links at their resource, parent links at the smart process', () => {
    expect(linkTargets(field('companyId', { type: 'crm_company' }))).toEqual([
      { resource: 'companies', entityTypeId: 4 },
    ]);
    expect(linkTargets(field('parentId1030', { type: 'crm_entity' }))).toEqual([
      { resource: 'sp-1030', entityTypeId: 1030 },
    ]);
    expect(linkTargets(field('quoteId', { type: 'crm_quote' }))).toEqual([]);
  });

  it('prefixes the values of a custom link to several types, and reads them back', () => {
    const targets = linkTargets(
      field('ufCrm_LINK', {
        type: 'crm',
        custom: true,
        settings: { COMPANY: 'Y', CONTACT: 'Y', DEAL: 'N', DYNAMIC_1030: 'Y' },
      }),
    );
    expect(targets).toEqual([
      { resource: 'contacts', entityTypeId: 3, prefix: 'C' },
      { resource: 'companies', entityTypeId: 4, prefix: 'CO' },
      { resource: 'sp-1030', entityTypeId: 1030, prefix: 'T406' },
    ]);
    expect(linkRef('CO_3', targets)).toEqual({ target: targets[1], id: '3' });
    expect(linkRef('T406_9', targets)).toEqual({ target: targets[2], id: '9' });
    expect(linkRef('D_3', targets)).toBeNull();
    expect(linkValue(targets[0]!, '5')).toBe('C_5');
    const single = linkTargets(field('ufCrm_CLIENT', { type: 'crm', custom: true, settings: { COMPANY: 'Y' } }));
    expect(single).toEqual([{ resource: 'companies', entityTypeId: 4 }]);
    expect(linkRef('12', single)).toEqual({ target: single[0], id: '12' });
  });
});
