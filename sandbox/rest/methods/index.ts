import type { Family } from './family.ts';
import { systemFamily } from './system.ts';

/** Every method family the sandbox answers. Add a family here and it is registered. */
export function createFamilies(): Family[] {
  return [systemFamily];
}
