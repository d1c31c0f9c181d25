// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_APP_URL } from '../app/b24/index.ts';
import { i18n } from '../app/i18n/index.ts';
import { act, cleanup, fireEvent, renderWithProviders, screen } from '../app/ui/test-utils.tsx';
import { AppShell } from './app-shell.tsx';
import { BootFailed } from './boot-failed.tsx';
import { OutsidePortal } from './outside-portal.tsx';
import { languageFor, prepareApp } from './prepare.ts';

afterEach(cleanup);

describe('languageFor', () => {
  it('follows the portal LANG unless the user chose a language in Settings', () => {
    expect(languageFor({ lang: 'de', userOptions: {} })).toBe('de');
    expect(languageFor({ lang: 'de', userOptions: { 'kontor.lang': 'da' } })).toBe('da');
    expect(languageFor({ lang: 'ru', userOptions: { 'kontor.lang': '' } })).toBe('ru');
    expect(languageFor({ lang: 'ru', userOptions: { 'kontor.lang': 0 } })).toBe('ru');
  });
});

describe('prepareApp outside a portal', () => {
  it('passes the boot through and speaks the browser language (English when not shipped)', async () => {
    expect(await prepareApp({ kind: 'outside' }, 'de-AT')).toEqual({ kind: 'outside' });
    expect(i18n.language).toBe('de');
    expect(await prepareApp({ kind: 'failed', message: 'x' }, 'pt-BR')).toEqual({ kind: 'failed', message: 'x' });
    expect(i18n.language).toBe('en');
  });
});

describe('OutsidePortal', () => {
  it('explains how to open Kontor, and links the sandbox in development', async () => {
    await renderWithProviders(<OutsidePortal showSandboxLink />);
    expect(screen.getByRole('heading', { name: 'Kontor runs inside Bitrix24' })).toBeTruthy();
    expect(screen.getByText(/Applications → Kontor/)).toBeTruthy();
    expect(screen.getByRole('link', { name: SANDBOX_APP_URL }).getAttribute('href')).toBe(SANDBOX_APP_URL);
  });

  it('has no sandbox link in production', async () => {
    await renderWithProviders(<OutsidePortal showSandboxLink={false} />, { lang: 'ru' });
    expect(screen.getByRole('heading', { name: 'Kontor работает внутри Битрикс24' })).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('BootFailed', () => {
  it('shows why, what to check, and reloads on retry', async () => {
    const onRetry = vi.fn();
    await renderWithProviders(
      <BootFailed message="The portal did not answer the SDK handshake within 10 s." onRetry={onRetry} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Kontor could not connect to the portal');
    expect(alert.textContent).toContain('within 10 s');
    expect(alert.textContent).toContain('app address in the portal settings');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});

describe('AppShell', () => {
  it('shows the outside page once the boot says so', async () => {
    const booting = Promise.resolve({ kind: 'outside' as const });
    // In React's act() environment a `use()` retry only runs inside an async act (a browser just re-renders).
    await act(async () => void (await renderWithProviders(<AppShell booting={booting} />)));
    expect(await screen.findByRole('heading', { name: 'Kontor runs inside Bitrix24' })).toBeTruthy();
  });

  it('shows the failure once the handshake failed', async () => {
    const booting = Promise.resolve({ kind: 'failed' as const, message: 'No answer.' });
    await act(async () => void (await renderWithProviders(<AppShell booting={booting} />)));
    expect((await screen.findByRole('alert')).textContent).toContain('No answer.');
  });
});
