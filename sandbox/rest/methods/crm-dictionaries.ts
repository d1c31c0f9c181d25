import type { Family } from './family.ts';

export const crmDictionariesFamily: Family = {
  name: 'crm-dictionaries',
  methods: {},
};
