import { lazy, Suspense } from 'react';
import Workspace from '../../app/features/workspace/workspace.tsx';
import { LoadingState } from '../../app/ui/states.tsx';

// Settings is opened rarely; its code loads when the nav item is chosen. The CRM section loads with the
// first resource shown.
const SettingsScreen = lazy(() => import('../../app/features/settings/settings-screen.tsx'));
const CrmSection = lazy(() => import('../../app/features/crm/crm-section.tsx'));

/** DEFAULT (left-menu launcher): the workspace shell, composed with the settings and CRM features. */
export default function WorkspaceHandler() {
  return (
    <Workspace
      settingsSlot={
        <Suspense fallback={<LoadingState />}>
          <SettingsScreen />
        </Suspense>
      }
      resourceSlot={(resource) => (
        <Suspense fallback={<LoadingState />}>
          <CrmSection resource={resource} />
        </Suspense>
      )}
    />
  );
}
