import type { Family } from './family.ts';

export const crmEntitiesFamily: Family = {
  name: 'crm-entities',
  methods: {},
};
