import { describe, expect, it } from 'vitest';
import type { FieldMeta } from '../../../data/types.ts';
import { buildPatch, formValuesOf, hasValue, parseNumber, toFormValue, toWireValue } from './form-values.ts';

const field = (over: Partial<FieldMeta>): FieldMeta => ({
  name: 'f',
  upperName: 'F',
  title: 'F',
  type: 'string',
  kind: 'string',
  required: false,
  readOnly: false,
  immutable: false,
  multiple: false,
  custom: false,
  ...over,
});

describe('record value → input value', () => {
  it('reads each kind the way its input holds it', () => {
    expect(toFormValue(field({ kind: 'date' }), '2024-08-30T00:00:00+02:00')).toBe('2024-08-30');
    expect(toFormValue(field({ kind: 'date' }), null)).toBe('');
    expect(toFormValue(field({ kind: 'datetime' }), '2024-08-30T14:05:48+03:00')).toBe('2024-08-30T14:05');
    expect(toFormValue(field({ kind: 'boolean' }), 'Y')).toBe(true);
    expect(toFormValue(field({ kind: 'boolean' }), 'N')).toBe(false);
    expect(toFormValue(field({ kind: 'boolean' }), 1)).toBe(true);
    expect(toFormValue(field({ kind: 'crm-link', type: 'crm_company' }), 0)).toBe('');
    expect(toFormValue(field({ kind: 'user' }), 7)).toBe('7');
    expect(toFormValue(field({ kind: 'money', type: 'double' }), 1500.5)).toBe('1500.5');
    expect(toFormValue(field({ kind: 'enum', multiple: true, custom: true }), [3, 5])).toEqual(['3', '5']);
    expect(toFormValue(field({ kind: 'crm-link', type: 'crm_contact', multiple: true }), [])).toEqual([]);
    expect(toFormValue(field({ kind: 'string' }), { weird: true })).toBe('');
    expect(
      toFormValue(field({ kind: 'multi-field' }), [{ id: 5, typeId: 'PHONE', valueType: 'WORK', value: '+45 1' }]),
    ).toEqual([{ id: 5, typeId: 'PHONE', valueType: 'WORK', value: '+45 1' }]);
  });

  it('reads its own values back unchanged (an input may be given either)', () => {
    const kinds: Partial<FieldMeta>[] = [
      { kind: 'date' },
      { kind: 'datetime' },
      { kind: 'boolean' },
      { kind: 'user' },
      { kind: 'enum', multiple: true },
      { kind: 'money', type: 'double' },
    ];
    const samples: unknown[] = ['2024-08-30', '2024-08-30T14:05', true, '7', ['3'], '12.5'];
    kinds.forEach((k, i) => {
      const f = field(k);
      expect(toFormValue(f, toFormValue(f, samples[i]))).toEqual(toFormValue(f, samples[i]));
    });
  });
});

describe('input value → what the portal takes', () => {
  it('writes numbers, booleans in the record’s own kind, links, enumerations and dates', () => {
    expect(toWireValue(field({ kind: 'money', type: 'double' }), '1 500,5', 100)).toBe(1500.5);
    expect(toWireValue(field({ kind: 'money', type: 'double' }), '', 100)).toBeNull();
    expect(toWireValue(field({ kind: 'money', type: 'money' }), '100|EUR', '')).toBe('100|EUR');
    expect(toWireValue(field({ kind: 'boolean' }), true, 'N')).toBe('Y');
    expect(toWireValue(field({ kind: 'boolean' }), false, true)).toBe(false);
    expect(toWireValue(field({ kind: 'boolean' }), true, 0)).toBe(1);
    expect(toWireValue(field({ kind: 'crm-link', type: 'crm_company' }), '', 4)).toBe(0);
    expect(toWireValue(field({ kind: 'crm-link', type: 'crm_company' }), '9', 4)).toBe(9);
    expect(toWireValue(field({ kind: 'crm-link', type: 'crm' }), 'CO_3', '')).toBe('CO_3');
    expect(toWireValue(field({ kind: 'crm-link', type: 'crm_contact', multiple: true }), ['3', '4'], [])).toEqual([
      3, 4,
    ]);
    expect(toWireValue(field({ kind: 'enum', custom: true }), '45', null)).toBe(45);
    expect(toWireValue(field({ kind: 'enum', custom: false }), 'HIGH', null)).toBe('HIGH');
    expect(toWireValue(field({ kind: 'status', type: 'crm_status' }), 'C1:WON', 'C1:NEW')).toBe('C1:WON');
    expect(toWireValue(field({ kind: 'status', type: 'crm_category' }), '1', 0)).toBe(1);
    expect(toWireValue(field({ kind: 'user' }), '7', 1)).toBe(7);
    expect(toWireValue(field({ kind: 'date' }), '2025-03-14', null)).toBe('2025-03-14');
    expect(toWireValue(field({ kind: 'datetime' }), '2025-03-14T09:30', null)).toBe('2025-03-14T09:30:00');
    expect(toWireValue(field({ kind: 'string', multiple: true }), ['a', ' ', 'b'], [])).toEqual(['a', 'b']);
  });

  it('writes phones and e-mails as the operations from the record’s list', () => {
    const before = [
      { id: 1, typeId: 'PHONE', valueType: 'WORK', value: '+45 1' },
      { id: 2, typeId: 'EMAIL', valueType: 'WORK', value: 'a@example.com' },
    ];
    const after = [
      { ...before[0]!, value: '+45 2' },
      { typeId: 'EMAIL', valueType: 'HOME', value: 'b@example.com' },
    ];
    expect(toWireValue(field({ kind: 'multi-field', name: 'fm' }), after, before)).toEqual([
      { id: 1, typeId: 'PHONE', valueType: 'WORK', value: '+45 2' },
      { typeId: 'EMAIL', valueType: 'HOME', value: 'b@example.com' },
      { id: 2, typeId: 'EMAIL', valueType: 'WORK', value: '' },
    ]);
  });

  it('parses typed amounts', () => {
    expect(parseNumber('1 234,50')).toBe(1234.5);
    expect(parseNumber('1,234.50')).toBe(1234.5);
    expect(parseNumber('-7')).toBe(-7);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('1e3')).toBeNaN();
    expect(parseNumber('')).toBeNaN();
  });
});

describe('the patch', () => {
  const fields = [
    field({ name: 'title' }),
    field({ name: 'opportunity', kind: 'money', type: 'double' }),
    field({ name: 'closedate', kind: 'date' }),
    field({ name: 'createdTime', kind: 'datetime', readOnly: true }),
  ];
  const deal = {
    id: '7',
    title: 'Deal',
    opportunity: 100,
    closedate: '2024-09-01T00:00:00+02:00',
    createdTime: '2024-01-01T10:00:00+02:00',
  };

  it('holds only the fields the user changed, never read-only ones', () => {
    const initial = formValuesOf(fields, deal);
    expect(buildPatch(fields, initial, initial, deal)).toEqual({});
    expect(
      buildPatch(fields, initial, { ...initial, opportunity: '250', createdTime: '2020-01-01T00:00' }, deal),
    ).toEqual({ opportunity: 250 });
  });

  it('says when an input holds something', () => {
    expect(hasValue('')).toBe(false);
    expect(hasValue(false)).toBe(true);
    expect(hasValue(['', ' '])).toBe(false);
    expect(hasValue([{ typeId: 'PHONE', valueType: 'WORK', value: '1' }])).toBe(true);
    expect(hasValue(undefined)).toBe(false);
  });
});
