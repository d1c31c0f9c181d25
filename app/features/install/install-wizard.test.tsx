// @vitest-environment happy-dom
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/client.ts';
import type { Frame } from '../../b24/frame.ts';
import type { InitInfo } from '../../b24/init-info.ts';
import { B24Provider } from '../../b24/react.tsx';
import { tokenCaller } from '../../data/platform/testing/token-caller.ts';
import { cleanup, fireEvent, renderWithProviders, screen, waitFor } from '../../ui/test-utils.tsx';
import InstallWizard from './install-wizard.tsx';

// The wizard on a real sandbox (application token, real B24Client); only the frame is faked — a stub that
// throws on anything but installFinish, which must be called exactly once and only after success.
let t: TestSandbox;
let client: B24Client;

const info = (isAdmin: boolean): InitInfo => ({
  placement: 'DEFAULT',
  options: {},
  lang: 'en',
  isAdmin,
  installMode: true,
  firstRun: true,
  portalOrigin: 'http://127.0.0.1',
  appOptions: {},
  userOptions: {},
});

function fakeFrame() {
  const unexpected = (name: string) => () => {
    throw new Error(`frame.${name} was not expected in the install wizard`);
  };
  return {
    autoFit: unexpected('autoFit'),
    setTitle: unexpected('setTitle'),
    openPath: unexpected('openPath'),
    openApplication: unexpected('openApplication'),
    selectUser: unexpected('selectUser'),
    selectUsers: unexpected('selectUsers'),
    selectCrm: unexpected('selectCrm'),
    onPlacementEvent: unexpected('onPlacementEvent'),
    reloadWindow: unexpected('reloadWindow'),
    installFinish: vi.fn<() => void>(),
  } satisfies Frame;
}

async function renderWizard(frame: Frame, isAdmin = true) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={client} frame={frame} info={info(isAdmin)}>
      {children}
    </B24Provider>
  );
  rendered = await renderWithProviders(<InstallWizard />, { wrapper });
  return rendered;
}

const bound = async () =>
  ((await t.app('placement.get')).body.result as { placement: string; handler: string }[]).map((r) => r.placement);
const force500 = () =>
  t.raw('/sandbox/api/force', {
    method: 'POST',
    body: JSON.stringify({
      status: 500,
      body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
      method: 'batch',
    }),
  });

beforeAll(async () => {
  t = await startTestSandbox();
  client = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1)));
  // The wizard runs on install.html of a static app; placements must point at index.html next to it.
  window.history.replaceState(null, '', '/app/install.html?DOMAIN=portal&APP_SID=1');
});
let rendered: { queryClient: QueryClient } | undefined;
// Let refetches after a write settle before unmounting, so no request is cut off when the sandbox closes.
afterEach(async () => {
  if (rendered)
    await waitFor(() => expect(rendered!.queryClient.isFetching() + rendered!.queryClient.isMutating()).toBe(0));
  rendered = undefined;
  cleanup();
});
afterAll(async () => t?.close());

describe('InstallWizard', () => {
  it('shows what it will do, binds everything on Start, then calls installFinish once', async () => {
    const frame = fakeFrame();
    await renderWizard(frame);
    expect(await screen.findByText('Deal card')).toBeTruthy();
    expect(screen.getByText('Smart process card: Projects')).toBeTruthy();
    expect(screen.getByText('Task card')).toBeTruthy();
    expect(screen.getByText('Default currency')).toBeTruthy();
    expect(screen.getAllByText('Will be added')).toHaveLength(7);
    expect(frame.installFinish).not.toHaveBeenCalled();
    expect(await bound()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Start installation' }));
    expect(await screen.findByTestId('install-finished')).toBeTruthy();
    await waitFor(() => expect(frame.installFinish).toHaveBeenCalledTimes(1));
    expect(await bound()).toHaveLength(7);
    const handlers = ((await t.app('placement.get')).body.result as { handler: string }[]).map((r) => r.handler);
    expect(new Set(handlers)).toEqual(new Set([`${window.location.origin}/app/index.html`]));
  });

  it('shows the failed steps with Retry, does not finish, and finishes after a successful retry', async () => {
    await t.app('placement.unbind', { PLACEMENT: 'CRM_LEAD_DETAIL_TAB' });
    const frame = fakeFrame();
    await renderWizard(frame);
    expect(await screen.findByText('Will be added')).toBeTruthy();
    expect(screen.getAllByText('Already in place')).toHaveLength(6);

    await force500();
    fireEvent.click(screen.getByRole('button', { name: 'Start installation' }));
    expect(await screen.findByTestId('install-failed')).toBeTruthy();
    expect(document.querySelector('[data-step="bind:CRM_LEAD_DETAIL_TAB"]')?.getAttribute('data-state')).toBe('failed');
    expect(frame.installFinish).not.toHaveBeenCalled();
    expect(await bound()).not.toContain('CRM_LEAD_DETAIL_TAB');

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('install-finished')).toBeTruthy();
    await waitFor(() => expect(frame.installFinish).toHaveBeenCalledTimes(1));
    expect(await bound()).toContain('CRM_LEAD_DETAIL_TAB');
  });

  it('tells a regular user that an administrator must install, without touching the portal', async () => {
    // happy-dom's fetch applies CORS, and the control API's preflight does not allow DELETE: compare log lengths.
    const logLength = async () => ((await (await t.raw('/sandbox/api/log')).json()) as unknown[]).length;
    const before = await logLength();
    const frame = fakeFrame();
    await renderWizard(frame, false);
    expect(await screen.findByText('An administrator needs to finish the installation')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start installation' })).toBeNull();
    expect(await logLength()).toBe(before);
  });
});
