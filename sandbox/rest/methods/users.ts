import type { Family } from './family.ts';

export const usersFamily: Family = {
  name: 'users',
  methods: {},
};
