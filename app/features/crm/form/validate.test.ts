import { describe, expect, it } from 'vitest';
import type { FieldMeta } from '../../../data/types.ts';
import { isEmail, isPhone, isUrl, validateField, validateForm, validateMultiFieldValue } from './validate.ts';

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

describe('validateField', () => {
  it('asks for required values, and takes “no” as an answer', () => {
    expect(validateField(field({ required: true }), '')).toBe('required');
    expect(validateField(field({ required: true }), '   ')).toBe('required');
    expect(validateField(field({ required: true, multiple: true }), [])).toBe('required');
    expect(validateField(field({ required: true, kind: 'boolean' }), false)).toBeNull();
    expect(validateField(field({ required: true }), 'x')).toBeNull();
    expect(validateField(field({ required: true, kind: 'multi-field' }), [])).toBe('required');
  });

  it('never checks read-only fields (they are never sent)', () => {
    expect(validateField(field({ required: true, readOnly: true }), '')).toBeNull();
    expect(validateField(field({ kind: 'number', readOnly: true }), 'abc')).toBeNull();
  });

  it('checks numbers and amounts, with decimal commas and spaces', () => {
    const amount = field({ kind: 'money', type: 'double' });
    expect(validateField(amount, '1500')).toBeNull();
    expect(validateField(amount, '1 500,50')).toBeNull();
    expect(validateField(amount, '1,500.50')).toBeNull();
    expect(validateField(amount, '-3.5')).toBeNull();
    expect(validateField(amount, 'a lot')).toBe('number');
    expect(validateField(amount, '12abc')).toBe('number');
    expect(validateField(amount, '')).toBeNull();
    expect(validateField(field({ kind: 'number', type: 'integer' }), '2.5')).toBe('integer');
    expect(validateField(field({ kind: 'number', type: 'integer' }), '25')).toBeNull();
    // A custom money field: "amount|currency".
    expect(validateField(field({ kind: 'money', type: 'money' }), '100|EUR')).toBeNull();
    expect(validateField(field({ kind: 'money', type: 'money' }), 'x|EUR')).toBe('number');
  });

  it('checks every value of a multiple field', () => {
    const numbers = field({ kind: 'number', type: 'double', multiple: true });
    expect(validateField(numbers, ['1', '2'])).toBeNull();
    expect(validateField(numbers, ['1', 'two'])).toBe('number');
  });

  it('checks web addresses and dates', () => {
    const url = field({ kind: 'url' });
    expect(validateField(url, 'https://example.com/a?b=c')).toBeNull();
    expect(validateField(url, 'example.com')).toBeNull();
    expect(validateField(url, 'javascript:alert(1)')).toBe('url');
    expect(validateField(url, 'not a url')).toBe('url');
    expect(validateField(field({ kind: 'date' }), '2025-02-30x')).toBe('date');
    expect(validateField(field({ kind: 'date' }), '2025-02-03')).toBeNull();
    expect(validateField(field({ kind: 'datetime' }), '2025-02-03T10:30')).toBeNull();
    expect(validateField(field({ kind: 'datetime' }), '10:30')).toBe('datetime');
  });

  it('checks phones, e-mails and websites among the multi-field values, ignoring empty ones', () => {
    const fm = field({ kind: 'multi-field', name: 'fm' });
    expect(
      validateField(fm, [
        { typeId: 'PHONE', valueType: 'WORK', value: '+45 12 34 56 78' },
        { typeId: 'EMAIL', valueType: 'WORK', value: 'anna@example.com' },
        { typeId: 'EMAIL', valueType: 'HOME', value: '' },
      ]),
    ).toBeNull();
    expect(validateField(fm, [{ typeId: 'EMAIL', valueType: 'WORK', value: 'anna@' }])).toBe('email');
    expect(validateField(fm, [{ typeId: 'PHONE', valueType: 'WORK', value: 'call me' }])).toBe('phone');
    expect(validateField(fm, [{ typeId: 'WEB', valueType: 'WORK', value: 'javascript:x' }])).toBe('url');
    expect(validateMultiFieldValue({ typeId: 'IM', valueType: 'TELEGRAM', value: '@anna' })).toBeNull();
  });
});

describe('the checks themselves', () => {
  it('tells e-mails, phones and web addresses', () => {
    expect(isEmail('a.b+c@mail.example.dk')).toBe(true);
    expect(isEmail('a@b')).toBe(false);
    expect(isEmail('a b@example.com')).toBe(false);
    expect(isPhone('(+45) 12-34.56/78')).toBe(true);
    expect(isPhone('12')).toBe(false);
    expect(isUrl('ftp://files.example.com')).toBe(true);
    expect(isUrl('http://localhost:5173')).toBe(true);
    expect(isUrl('data:text/html,x')).toBe(false);
    expect(isUrl('http://nodot')).toBe(false);
  });

  it('collects every field’s problem', () => {
    const fields = [field({ name: 'a', required: true }), field({ name: 'b', kind: 'number' }), field({ name: 'c' })];
    expect(validateForm(fields, { a: '', b: 'x', c: 'fine' })).toEqual({ a: 'required', b: 'number' });
    expect(validateForm(fields, { a: 'ok', b: '1', c: '' })).toEqual({});
  });
});
