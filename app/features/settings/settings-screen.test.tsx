// @vitest-environment happy-dom
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/client.ts';
import type { Frame } from '../../b24/frame.ts';
import type { InitInfo } from '../../b24/init-info.ts';
import { B24Provider } from '../../b24/react.tsx';
import { tokenCaller } from '../../data/platform/testing/token-caller.ts';
import { cleanup, fireEvent, renderWithProviders, screen, waitFor, within } from '../../ui/test-utils.tsx';
import SettingsScreen from './settings-screen.tsx';

// Settings on a real sandbox with application tokens of an admin (1) and a regular user (3).
let t: TestSandbox;
let origin: string;

// The settings screen uses no frame helper: any call fails the test.
const frame = new Proxy({} as Frame, {
  get: (_target, name) => () => {
    throw new Error(`frame.${String(name)} was not expected in settings`);
  },
});

async function renderSettings(userId: number) {
  const client = new B24Client(tokenCaller(origin, await t.token(userId)));
  const info: InitInfo = {
    placement: 'DEFAULT',
    options: {},
    lang: 'en',
    isAdmin: userId === 1,
    installMode: false,
    firstRun: false,
    portalOrigin: origin,
    appOptions: {},
    userOptions: {},
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={client} frame={frame} info={info}>
      {children}
    </B24Provider>
  );
  rendered = await renderWithProviders(<SettingsScreen />, { wrapper });
  return rendered;
}

beforeAll(async () => {
  t = await startTestSandbox();
  origin = t.sandbox.portalUrl.replace(/\/$/, '');
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

describe('SettingsScreen', () => {
  it('saves the language override for the current user only and switches the screen to it', async () => {
    await renderSettings(3);
    const select = (await screen.findByTestId('language-select')) as HTMLSelectElement;
    await waitFor(() => expect(select.disabled).toBe(false));
    expect(select.value).toBe('');
    expect(within(select).getByText('Bitrix24 language (en)')).toBeTruthy();

    fireEvent.change(select, { target: { value: 'de' } });
    expect(await screen.findByText('Einstellungen')).toBeTruthy();
    expect((await t.app('user.option.get', { option: 'kontor.lang' }, 3)).body.result).toBe('de');
    expect((await t.app('user.option.get', { option: 'kontor.lang' }, 1)).body.result).toBeNull();

    fireEvent.change(select, { target: { value: '' } });
    expect(await screen.findByText('Settings')).toBeTruthy();
    expect((await t.app('user.option.get', { option: 'kontor.lang' }, 3)).body.result).toBe('');
  });

  it('lists what "remove all Kontor data" deletes, and deletes it after confirmation', async () => {
    await t.app('app.option.set', { options: { 'kontor.version': '0.1.0', 'kontor.currency': 'DKK' } });
    await t.app('entity.add', { ENTITY: 'kontor_notes', NAME: 'Notes' });
    await renderSettings(1);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove all Kontor data…' }));
    const inventory = await screen.findByTestId('purge-inventory');
    expect(within(inventory).getByText('Kontor settings: kontor.currency, kontor.version')).toBeTruthy();
    expect(within(inventory).getByText('Stored Kontor data: Notes (kontor_notes)')).toBeTruthy();
    // Nothing is deleted before the admin confirms.
    expect((await t.app('entity.get')).body.result).toHaveLength(1);

    fireEvent.click(within(inventory).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByTestId('purge-done')).toBeTruthy();
    expect((await t.app('entity.get')).body.result).toEqual([]);
    expect((await t.app('app.option.get')).body.result).toEqual({ 'kontor.currency': '', 'kontor.version': '' });
  });

  it('does not offer removing data to a regular user', async () => {
    await renderSettings(3);
    expect(await screen.findByText('Only a Bitrix24 administrator can remove Kontor data.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove all Kontor data…' })).toBeNull();
  });
});
