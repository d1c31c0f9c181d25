import { use, Suspense } from 'react';
import type { B24Boot } from '../app/b24/loader.ts';

const SANDBOX_HINT = 'npm start (or npm run sandbox) and open the Portal URL it prints';

function Shell({ booting }: { booting: Promise<B24Boot> }) {
  const boot = use(booting);
  if (boot.kind === 'outside') {
    return (
      <main style={{ font: '14px system-ui, sans-serif', color: '#333', padding: 32, maxWidth: 640 }}>
        <h1 style={{ fontSize: 20 }}>Kontor runs inside Bitrix24</h1>
        <p>This page was opened directly, outside a Bitrix24 portal, so there is no portal to talk to.</p>
        <p>Open Kontor from your portal&apos;s left menu (Applications → Kontor), or for development run {SANDBOX_HINT}.</p>
      </main>
    );
  }
  if (boot.kind === 'failed') {
    return (
      <main style={{ font: '14px system-ui, sans-serif', color: '#333', padding: 32 }}>
        <h1 style={{ fontSize: 20 }}>Kontor could not connect to the portal</h1>
        <p>{boot.message}</p>
        <p>Reload the page. If it keeps happening, check that the app URL in the portal matches where Kontor is served.</p>
      </main>
    );
  }
  const { b24 } = boot;
  return (
    <main style={{ font: '14px system-ui, sans-serif', color: '#333', padding: 24 }}>
      <h1 style={{ fontSize: 20, color: '#0075ff' }}>Kontor</h1>
      <p>
        Placement: <code>{b24.placement.placement}</code>
      </p>
      {b24.isInstallMode ? (
        <button type="button" onClick={() => void b24.installFinish().catch(() => undefined)}>
          Finish installation
        </button>
      ) : null}
    </main>
  );
}

/** The top-level shell until the placement router lands (issue 3). */
export function AppShell({ booting }: { booting: Promise<B24Boot> }) {
  return (
    <Suspense fallback={<p style={{ font: '14px system-ui', color: '#333', padding: 24 }}>Connecting to Bitrix24…</p>}>
      <Shell booting={booting} />
    </Suspense>
  );
}
