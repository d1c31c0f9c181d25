import { queryOptions, useQuery } from '@tanstack/react-query';
import type { B24Client } from '../../b24/client.ts';
import { useB24Client } from '../../b24/react.tsx';
import { computeInstallPlan, type InstallPlan } from './install-plan.ts';
import { platformKeys } from './keys.ts';
import { manifest } from './manifest.ts';
import { readInstallState } from './read-install-state.ts';

/**
 * Reads the portal (one batch request) and plans the install for `handler`.
 * @example const plan = await getInstallPlan(client, appHandlerUrl(location.href));
 */
export async function getInstallPlan(client: B24Client, handler: string): Promise<InstallPlan> {
  return computeInstallPlan(manifest, handler, await readInstallState(client));
}

/**
 * The plan as a query: what the install wizard shows before Start.
 * @example queryClient.fetchQuery(installPlanQueryOptions(client, handler))
 */
export function installPlanQueryOptions(client: B24Client, handler: string) {
  return queryOptions({
    queryKey: platformKeys.installPlan(handler),
    queryFn: () => getInstallPlan(client, handler),
    // The plan describes the portal at one moment; Start plans afresh, so no background refetching.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/**
 * The install plan for the app's main page URL.
 * @example const { data: plan } = useInstallPlan(appHandlerUrl(window.location.href));
 */
export function useInstallPlan(handler: string) {
  const client = useB24Client();
  return useQuery(installPlanQueryOptions(client, handler));
}
