import type { Family } from './family.ts';

export const tasksFamily: Family = {
  name: 'tasks',
  methods: {},
};
