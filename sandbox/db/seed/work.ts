import type { Db } from '../database.ts';
import type { Rng } from './rng.ts';

export function seedWork(_db: Db, _kind: 'demo' | 'large', _rng: Rng): void {}
