import type { Family } from './family.ts';

export const crmExtrasFamily: Family = {
  name: 'crm-extras',
  methods: {},
};
