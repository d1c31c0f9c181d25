import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { localesReady } from '../app/i18n/index.ts';
import { LoadingState } from '../app/ui/states.tsx';
import type { PlacementProps } from './placement-props.ts';
import { handlerKeyFor, HANDLERS, type HandlerKey } from './registry.ts';

// Created once: a lazy component made during render would remount (and refetch its chunk) every time.
// A screen's chunk registers its namespaces as it loads; it renders once their translation is in too.
const SCREENS = Object.fromEntries(
  Object.entries(HANDLERS).map(([key, load]) => [key, lazy(() => load().then(async (m) => (await localesReady(), m)))]),
) as Record<HandlerKey, LazyExoticComponent<ComponentType<PlacementProps>>>;

/** Opens the screen of the placement the portal loaded us in (or the install wizard in install mode). */
export function PlacementRouter({ placement, options, installMode }: PlacementProps & { installMode: boolean }) {
  const Screen = SCREENS[handlerKeyFor({ placement, installMode })];
  return (
    <Suspense fallback={<LoadingState />}>
      <Screen placement={placement} options={options} />
    </Suspense>
  );
}
