import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useB24Client } from '../../b24/react.tsx';
import { getInstallPlan } from './get-install-plan.ts';
import { platformKeys } from './keys.ts';
import { runInstall, type CommandRun, type InstallReport } from './run-install.ts';
import type { InstallPlan } from './install-plan.ts';

export interface InstallVariables {
  /** The main page URL every placement is bound to. */
  handler: string;
  /** The plan the admin saw and started; without it (Retry) the portal is read again and planned afresh. */
  plan?: InstallPlan;
}

export interface InstallResult {
  plan: InstallPlan;
  report: InstallReport;
}

/**
 * The install as a mutation: runs the plan the admin saw (Start) or plans afresh against the portal as it is
 * now (Retry), so a retry only does what is still missing. Resolves with a per-step report (`report.ok` false
 * when any step failed); rejects only when the portal could not be read. Never calls `installFinish` — the
 * wizard does, after `ok`.
 * @example const install = useInstall(); install.mutate({ handler, plan }); install.data?.report.ok
 */
export function useInstall() {
  const client = useB24Client();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<CommandRun | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ handler, plan: seen }: InstallVariables): Promise<InstallResult> => {
      setProgress(null);
      const plan = seen ?? (await getInstallPlan(client, handler));
      const report = await runInstall(client, plan, setProgress);
      return { plan, report };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: platformKeys.all }),
  });
  return { ...mutation, progress };
}
