import { describe, expect, it } from 'vitest';
import type { FieldMeta } from '../../../data/types.ts';
import { fieldOfError } from './server-errors.ts';

const field = (name: string, title: string, upperName = name.toUpperCase()): FieldMeta => ({
  name,
  upperName,
  title,
  type: 'string',
  kind: 'string',
  required: false,
  readOnly: false,
  immutable: false,
  multiple: false,
  custom: false,
});

const fields = [
  field('opportunity', 'Amount'),
  field('stageId', 'Stage', 'STAGE_ID'),
  field('stageSemanticId', 'Stage group', 'STAGE_SEMANTIC_ID'),
  field('ufCrm_PROJECT_CODE', 'Project code', 'UF_CRM_PROJECT_CODE'),
];

describe('fieldOfError', () => {
  it('maps the sandbox’s and the portal’s messages to the field they name', () => {
    expect(fieldOfError('Incorrect value for field "Amount"', fields)).toBe('opportunity');
    expect(fieldOfError('Field "Project code" is required', fields)).toBe('ufCrm_PROJECT_CODE');
    expect(fieldOfError('Неверное значение поля «Amount»', fields)).toBe('opportunity');
  });

  it('finds a field named by its code, or by its title as a whole word', () => {
    expect(fieldOfError('UF_CRM_PROJECT_CODE: value too long', fields)).toBe('ufCrm_PROJECT_CODE');
    expect(fieldOfError('The Stage group cannot change', fields)).toBe('stageSemanticId');
    expect(fieldOfError('Stage is not in the pipeline', fields)).toBe('stageId');
  });

  it('gives null when no field is named', () => {
    expect(fieldOfError('Access denied', fields)).toBeNull();
    expect(fieldOfError('Amounts are disabled', fields)).toBeNull();
    expect(fieldOfError('Incorrect value for field "Unknown"', fields)).toBeNull();
  });
});
