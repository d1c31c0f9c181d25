import { Suspense, use } from 'react';
import { translate } from '../app/i18n/index.ts';
import { LoadingState } from '../app/ui/states.tsx';
import { UiProvider } from '../app/ui/ui-provider.tsx';
import { BootFailed } from './boot-failed.tsx';
import { FrameRoot } from './frame-root.tsx';
import './locales.ts';
import { OutsidePortal } from './outside-portal.tsx';
import type { AppBoot } from './prepare.ts';

function Booted({ booting }: { booting: Promise<AppBoot> }) {
  const boot = use(booting);
  if (boot.kind === 'frame') return <FrameRoot app={boot} />;
  return <UiProvider>{boot.kind === 'outside' ? <OutsidePortal /> : <BootFailed message={boot.message} />}</UiProvider>;
}

/** The top of the tree: waits for the SDK handshake, then shows the placement, the outside page or the failure. */
export function AppShell({ booting }: { booting: Promise<AppBoot> }) {
  return (
    <Suspense
      fallback={
        <UiProvider>
          <LoadingState label={translate('shell:connecting')} />
        </UiProvider>
      }
    >
      <Booted booting={booting} />
    </Suspense>
  );
}
