import type { Family } from './family.ts';

export const catalogFamily: Family = {
  name: 'catalog',
  methods: {},
};
