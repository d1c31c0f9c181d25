import type { Db } from '../database.ts';
import { seedCatalog } from './catalog.ts';
import { seedCrm } from './crm.ts';
import { seedCrmExtras } from './crm-extras.ts';
import { Rng } from './rng.ts';
import { seedUsers } from './users.ts';
import { seedUsersMinimal } from './users-minimal.ts';
import { seedWork } from './work.ts';

export type SeedKind = 'demo' | 'large' | 'none';

/**
 * Fills a new portal. Every seed is deterministic (fixed PRNG per part) so tests and benchmarks
 * see the same data on every machine. `none` still has the admin (user 1) a portal cannot exist
 * without. Order matters: users, then CRM, then what refers to CRM records.
 */
export function seedPortal(db: Db, kind: SeedKind): void {
  seedUsersMinimal(db);
  if (kind === 'none') return;
  seedUsers(db, kind, new Rng(1));
  seedCrm(db, kind, new Rng(2));
  seedCrmExtras(db, kind, new Rng(3));
  seedCatalog(db, kind, new Rng(4));
  seedWork(db, kind, new Rng(5));
}
