import type { Db } from '../../db/database.ts';
import type { Family } from './family.ts';
import { deleteStorage, entityMethods, entitySchema } from './entity-storage.ts';
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

/**
 * What uninstalling an app removes (placements-and-install.md §7): always its event and
 * placement bindings and pending offline events; with `clean` also its options, every user's
 * options and its `entity` storages.
 */
export function cleanupUninstalledApp(db: Db, appId: number, clean: boolean): void {
  db.transaction(() => {
    db.prepare('DELETE FROM event_bindings WHERE app_id = ?').run(appId);
    db.prepare('DELETE FROM placements WHERE app_id = ?').run(appId);
    db.prepare('DELETE FROM offline_events WHERE app_id = ?').run(appId);
    if (!clean) return;
    db.prepare('DELETE FROM app_options WHERE app_id = ?').run(appId);
    db.prepare('DELETE FROM user_options WHERE app_id = ?').run(appId);
    entitySchema(db);
    const storages = db.prepare('SELECT id FROM entity_storages WHERE app_id = ?').all(appId) as { id: number }[];
    for (const s of storages) deleteStorage(db, s.id);
  })();
}
