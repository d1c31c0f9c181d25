import type { BitrixError } from '../../b24/errors.ts';
import type { PropertyType } from './property-types.ts';

/** One of the app's storages (`entity.get`) with what the registry says about it. */
export interface StorageSummary {
  /** The storage's code (`ENTITY`), unique per app. */
  entity: string;
  /** Its name (portal text, shown as text). */
  name: string;
  /** Listed in `kontor.storages`: Kontor knows its property types. */
  registered: boolean;
  /** Kontor writes it itself (sync profiles, runs, history): shown, not edited here. */
  readOnly: boolean;
  /** The Kontor module that keeps it (`sync`: app/data/sync's profiles, runs and change history), or null. */
  managedBy: 'sync' | null;
}

export interface StorageProperty {
  /** `PROPERTY` code, the key of `PROPERTY_VALUES`. */
  code: string;
  name: string;
  type: PropertyType;
  /** The portal's `TYPE` (S, N, F). */
  bitrixType: string;
  sort: number;
  /** A portal file property (`F`) Kontor did not create: its values are file ids Kontor cannot write. */
  readOnly: boolean;
}

export interface StorageSection {
  id: string;
  name: string;
  /** The parent section's id, or null at the top. */
  parentId: string | null;
  sort: number;
}

/** A storage with its properties (typed), sections and the CRM-item properties the card tab reads. */
export interface StorageDetail extends StorageSummary {
  properties: StorageProperty[];
  sections: StorageSection[];
  crmProperties: string[];
}

export interface StorageItem {
  id: string;
  name: string;
  sectionId: string | null;
  /** Property code → value as Kontor shows and edits it (`''` = no value). */
  values: Record<string, string>;
  active: boolean;
  /** When it was last changed (ISO, from the portal). */
  modifiedAt: string;
}

/** What a form writes: the name, the section and the values of the properties to set. */
export interface ItemInput {
  name: string;
  sectionId: string | null;
  values: Record<string, string>;
}

export interface NewProperty {
  code: string;
  name: string;
  type: PropertyType;
}

export interface NewStorage {
  entity: string;
  name: string;
  properties: NewProperty[];
}

/** What creating a storage did: the storage exists when this resolves; the rest may have failed alone. */
export interface CreateStorageReport {
  entity: string;
  /** Properties the portal refused (the storage has the others). */
  propertyFailures: { code: string; error: BitrixError }[];
  /** Why `kontor.storages` was not updated (the card tab will not show its items), if it was not. */
  registryError: BitrixError | null;
}
