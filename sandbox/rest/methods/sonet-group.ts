import type { Family } from './family.ts';

export const sonetGroupFamily: Family = {
  name: 'sonet-group',
  methods: {},
};
