import type { Family } from './family.ts';

export const calendarFamily: Family = {
  name: 'calendar',
  methods: {},
};
