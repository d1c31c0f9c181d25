import { useEffect, useRef } from 'react';
import { B24Provider } from '../app/b24/react.tsx';
import { DataProvider } from '../app/data/data-provider.tsx';
import { ErrorBoundary } from '../app/ui/error-boundary.tsx';
import { UiProvider } from '../app/ui/ui-provider.tsx';
import { PlacementRouter } from './placement-router.tsx';
import type { FrameApp } from './prepare.ts';

/** Inside a portal frame: the providers every screen relies on, the placement's screen, and auto-fit. */
export function FrameRoot({ app }: { app: FrameApp }) {
  const rootRef = useRef<HTMLDivElement>(null);
  // The portal sizes the iframe; fitting it to our content on every layout change keeps scrollbars out.
  useEffect(() => (rootRef.current ? app.frame.autoFit(rootRef.current) : undefined), [app.frame]);
  return (
    <B24Provider b24={app.b24} client={app.client} frame={app.frame}>
      <DataProvider client={app.client}>
        <UiProvider colorScheme={app.colorScheme}>
          <div ref={rootRef}>
            <ErrorBoundary>
              <PlacementRouter
                placement={app.info.placement}
                options={app.info.options}
                installMode={app.info.installMode}
              />
            </ErrorBoundary>
          </div>
        </UiProvider>
      </DataProvider>
    </B24Provider>
  );
}
