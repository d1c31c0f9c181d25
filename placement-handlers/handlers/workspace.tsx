import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import Workspace, { type SectionKey } from '../../app/features/workspace/workspace.tsx';
import { LoadingState } from '../../app/ui/states.tsx';

// Every screen's code loads when its nav entry is chosen; the shell itself stays small.
const SettingsScreen = lazy(() => import('../../app/features/settings/settings-screen.tsx'));
const CrmSection = lazy(() => import('../../app/features/crm/crm-section.tsx'));
const SECTIONS: Record<SectionKey, LazyExoticComponent<ComponentType>> = {
  tasks: lazy(() => import('../../app/features/tasks/tasks-section.tsx')),
  calendar: lazy(() => import('../../app/features/calendar/calendar-section.tsx')),
  people: lazy(() => import('../../app/features/directory/people-section.tsx')),
  groups: lazy(() => import('../../app/features/directory/groups-section.tsx')),
  storage: lazy(() => import('../../app/features/storage/storage-section.tsx')),
  currency: lazy(() => import('../../app/features/sync/currency-section.tsx')),
  catalog: lazy(() => import('../../app/features/sync/catalog-section.tsx')),
};

const loading = <LoadingState />;

/** DEFAULT (left-menu launcher): the workspace shell, composed with every feature's screen. */
export default function WorkspaceHandler() {
  const sections = Object.fromEntries(
    Object.entries(SECTIONS).map(([key, Section]) => [
      key,
      () => (
        <Suspense fallback={loading}>
          <Section />
        </Suspense>
      ),
    ]),
  ) as Record<SectionKey, () => ReactNode>;
  return (
    <Workspace
      settingsSlot={
        <Suspense fallback={loading}>
          <SettingsScreen />
        </Suspense>
      }
      resourceSlot={(resource) => (
        <Suspense fallback={loading}>
          <CrmSection resource={resource} />
        </Suspense>
      )}
      sections={sections}
    />
  );
}
