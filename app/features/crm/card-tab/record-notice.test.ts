import { describe, expect, it } from 'vitest';
import { crmBindingCode, timelineEntityType } from '../../../data/providers/card-binding.ts';
import { bbText, recordNotice } from './record-notice.ts';

describe('recordNotice', () => {
  it('links the record by name after the note, with the title’s BB-codes defused', () => {
    expect(recordNotice('Call them', 'Big deal', 'https://p.example/crm/deal/details/7/')).toBe(
      'Call them\n[url=https://p.example/crm/deal/details/7/]Big deal[/url]',
    );
    expect(recordNotice('  ', '[url=javascript:alert(1)]x[/url]', 'https://p.example/crm/deal/details/3/')).toBe(
      '[url=https://p.example/crm/deal/details/3/](url=javascript:alert(1))x(/url)[/url]',
    );
    expect(bbText('[b]x[/b]')).toBe('(b)x(/b)');
    // No title: the link names itself.
    expect(recordNotice('', '  ', 'https://p.example/crm/lead/details/1/')).toBe(
      '[url=https://p.example/crm/lead/details/1/]https://p.example/crm/lead/details/1/[/url]',
    );
  });
});

describe('binding codes', () => {
  it('names records the way UF_CRM_TASK and UF_CRM_CAL_EVENT do', () => {
    expect([1, 2, 3, 4].map((t) => crmBindingCode(t, '9'))).toEqual(['L_9', 'D_9', 'C_9', 'CO_9']);
    expect(crmBindingCode(1030, '5')).toBe('T406_5');
    expect(crmBindingCode(128, '1')).toBe('T80_1');
    expect([1, 2, 3, 4, 1030].map(timelineEntityType)).toEqual(['lead', 'deal', 'contact', 'company', 'dynamic_1030']);
  });
});
