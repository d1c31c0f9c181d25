import type { Family } from './family.ts';
import { entityMethods, entitySchema } from './entity-storage.ts';
import { eventMethods } from './events-api.ts';
import { registerEventDelivery } from './events-delivery.ts';
import { placementMethods } from './placement-bind.ts';
import { optionMethods } from './platform-options.ts';

/** App-level platform methods: options, `entity.*` storages, `placement.*`, `event.*` (+ delivery). */
export const platformFamily: Family = {
  name: 'platform',
  schema: (db) => {
    entitySchema(db);
    registerEventDelivery();
  },
  methods: { ...optionMethods, ...entityMethods, ...placementMethods, ...eventMethods },
};
