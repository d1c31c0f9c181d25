import { lazy, Suspense } from 'react';
import Workspace from '../../app/features/workspace/workspace.tsx';
import { LoadingState } from '../../app/ui/states.tsx';

// Settings is opened rarely; its code loads when the nav item is chosen.
const SettingsScreen = lazy(() => import('../../app/features/settings/settings-screen.tsx'));

/** DEFAULT (left-menu launcher): the workspace shell, composed with the settings feature. */
export default function WorkspaceHandler() {
  return (
    <Workspace
      settingsSlot={
        <Suspense fallback={<LoadingState />}>
          <SettingsScreen />
        </Suspense>
      }
    />
  );
}
