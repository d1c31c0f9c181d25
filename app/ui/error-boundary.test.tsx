// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary.tsx';
import { cleanup, fireEvent, renderWithProviders, screen } from './test-utils.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const failing = { fail: true };

function Fragile() {
  if (failing.fail) throw new Error('boom: token=secret');
  return <p>All good</p>;
}

describe('ErrorBoundary', () => {
  it('shows a friendly error in the user language instead of a blank frame', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    failing.fail = true;
    const onError = vi.fn();
    await renderWithProviders(
      <ErrorBoundary onError={onError}>
        <Fragile />
      </ErrorBoundary>,
      { lang: 'da' },
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Denne skærm holdt op med at virke');
    expect(alert.textContent).toContain('Dine data i Bitrix24 er i sikkerhed.');
    // The raw error text is not shown to the user.
    expect(alert.textContent).not.toContain('boom');
    expect(onError).toHaveBeenCalledOnce();
    expect((onError.mock.calls[0]?.[0] as Error).message).toBe('boom: token=secret');
  });

  it('"Try again" renders the children again once the cause is gone', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    failing.fail = true;
    await renderWithProviders(
      <ErrorBoundary>
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.queryByText('All good')).toBeNull();
    failing.fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('All good')).toBeTruthy();
  });

  it('"Reload" reloads', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    failing.fail = true;
    const onReload = vi.fn();
    await renderWithProviders(
      <ErrorBoundary onReload={onReload}>
        <Fragile />
      </ErrorBoundary>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it('renders its children untouched when nothing fails', async () => {
    failing.fail = false;
    await renderWithProviders(
      <ErrorBoundary>
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByText('All good')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
