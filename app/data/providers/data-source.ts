import type { B24Client } from '../../b24/index.ts';
import { discoverSmartProcesses } from '../resources/smart-processes.ts';
import { entityTypeIdOf, STATIC_RESOURCES } from '../resources/static-resources.ts';
import type { AnyProvider, Resource, ResourceName, Stage, UserBrief } from '../types.ts';
import { createCrmItemProvider } from './crm-item-provider.ts';
import { readStages } from './stage-provider.ts';
import { createTaskProvider } from './task-provider.ts';
import { createUserReader } from './user-provider.ts';

/** Everything the query layer reads and writes through: one per B24Client, made by DataProvider. */
export interface DataSource {
  readonly client: B24Client;
  /** The provider of a resource; `sp-<id>` needs no discovery, its entity type is in the name. */
  provider(resource: ResourceName): AnyProvider;
  /** The static resources plus every smart process of the portal. */
  resources(): Promise<Resource[]>;
  /** Every stage of every pipeline of a CRM entity type (one `crm.status.list`); `[]` for types without stages. */
  stages(entityTypeId: number): Promise<Stage[]>;
  /** A user's name, position and photo; ids asked for in the same tick share one `user.get`. */
  user(id: string): Promise<UserBrief | null>;
}

/**
 * Providers for every resource over one client, created on first use and kept for the source's
 * life (no module-level state: two clients never share a provider).
 * @example const source = createDataSource(client); await source.provider('deals').getOne('7');
 */
export function createDataSource(client: B24Client): DataSource {
  const providers = new Map<ResourceName, AnyProvider>();
  const users = createUserReader(client);
  return {
    client,
    provider(resource) {
      let p = providers.get(resource);
      if (!p) {
        const entityTypeId = entityTypeIdOf(resource);
        p = entityTypeId === null ? createTaskProvider(client) : createCrmItemProvider(client, entityTypeId);
        providers.set(resource, p);
      }
      return p;
    },
    async resources() {
      return [...STATIC_RESOURCES, ...(await discoverSmartProcesses(client))];
    },
    stages: (entityTypeId) => readStages(client, entityTypeId),
    user: (id) => users.brief(id),
  };
}
