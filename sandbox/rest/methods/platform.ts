import type { Family } from './family.ts';

export const platformFamily: Family = {
  name: 'platform',
  methods: {},
};
