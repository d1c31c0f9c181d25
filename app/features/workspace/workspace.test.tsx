// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which does not know the sandbox's self-signed CA.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Provider, type Frame } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { DataProvider, type Resource } from '../../data/index.ts';
import { requests, sandboxClient } from '../../data/testing/sandbox-client.ts';
import {
  cleanup,
  createTestQueryClient,
  fireEvent,
  renderWithProviders,
  screen,
  waitFor,
  within,
} from '../../ui/test-utils.tsx';
import Workspace from './workspace.tsx';

let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let frame: Frame;
let queryClient: ReturnType<typeof createTestQueryClient>;

function open(appOptions: Record<string, unknown> = {}) {
  const info = testInitInfo('DEFAULT', { appOptions });
  queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={frame} info={info}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  // The CRM section is the crm feature's; the shell only hands it the chosen resource.
  const resourceSlot = (resource: Resource) => <p>section of {resource.name}</p>;
  return renderWithProviders(<Workspace settingsSlot={<p>settings screen</p>} resourceSlot={resourceSlot} />, {
    queryClient,
    wrapper,
  });
}

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  frame = fakeFrame();
  await sandbox.clearLog();
});
afterEach(async () => {
  // Let every read land before the next test clears the log.
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
  cleanup();
});

describe('Workspace', () => {
  it('lists the CRM resources, smart processes included, and opens deals with one request', async () => {
    await open();
    const nav = await screen.findByRole('navigation', { name: 'Kontor' });
    for (const name of ['Deals', 'Contacts', 'Companies', 'Leads', 'Projects', 'Settings']) {
      expect(within(nav).getByRole('button', { name })).toBeTruthy();
    }
    expect(within(nav).queryByRole('button', { name: 'Tasks' })).toBeNull();
    expect(within(nav).getByRole('button', { name: 'Deals' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('section of deals')).toBeTruthy();
    // The catalogue names the resources; whatever the section reads is its own.
    expect(requests(await sandbox.log())).toEqual(['crm.type.list']);
  });

  it('starts on the resource of the app option and switches on click, one section at a time', async () => {
    await open({ 'kontor.workspace.resource': 'companies' });
    expect(await screen.findByText('section of companies')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Projects' }));
    expect(await screen.findByText('section of sp-1030')).toBeTruthy();
    expect(screen.queryByText('section of companies')).toBeNull();
    expect(screen.getByRole('button', { name: 'Projects' }).getAttribute('aria-current')).toBe('page');
  });

  it('falls back to deals when the app option names no CRM resource', async () => {
    await open({ 'kontor.workspace.resource': 'tasks' });
    expect(await screen.findByText('section of deals')).toBeTruthy();
  });

  it('shows the settings slot', async () => {
    await open();
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(screen.getByText('settings screen')).toBeTruthy();
    expect(screen.queryByText(/section of/)).toBeNull();
  });

  it('says what went wrong when the CRM types cannot be read, and retries', async () => {
    await sandbox.force(403, { error: 'ACCESS_DENIED', error_description: 'Access denied' }, 'crm.type.list');
    await open();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The list of CRM types could not be loaded.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('section of deals')).toBeTruthy();
  });
});
