import type { Db } from '../../db/database.ts';
import type { MethodTable } from '../engine/registry.ts';

/** A method family: its tables and its methods. One module per family under `rest/methods/`. */
export interface Family {
  name: string;
  /** Creates the family's tables (idempotent: `CREATE TABLE IF NOT EXISTS`). */
  schema?: (db: Db) => void;
  methods: MethodTable;
}
