import type { B24Client } from '../../b24/index.ts';
import { discoverSmartProcesses } from '../resources/smart-processes.ts';
import { entityTypeIdOf, STATIC_RESOURCES } from '../resources/static-resources.ts';
import type { AnyProvider, Resource, ResourceName } from '../types.ts';
import { createCrmItemProvider } from './crm-item-provider.ts';
import { createTaskProvider } from './task-provider.ts';

/** Everything the query layer reads and writes through: one per B24Client, made by DataProvider. */
export interface DataSource {
  readonly client: B24Client;
  /** The provider of a resource; `sp-<id>` needs no discovery, its entity type is in the name. */
  provider(resource: ResourceName): AnyProvider;
  /** The static resources plus every smart process of the portal. */
  resources(): Promise<Resource[]>;
}

/**
 * Providers for every resource over one client, created on first use and kept for the source's
 * life (no module-level state: two clients never share a provider).
 * @example const source = createDataSource(client); await source.provider('deals').getOne('7');
 */
export function createDataSource(client: B24Client): DataSource {
  const providers = new Map<ResourceName, AnyProvider>();
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
  };
}
