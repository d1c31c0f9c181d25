// @vitest-environment happy-dom
import { Button } from '@mantine/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmptyState, ErrorState, LoadingState } from './states.tsx';
import { cleanup, fireEvent, renderWithProviders, screen } from './test-utils.tsx';

afterEach(cleanup);

describe('LoadingState', () => {
  it('announces loading in the user language', async () => {
    await renderWithProviders(<LoadingState />, { lang: 'de' });
    expect(screen.getByRole('status').textContent).toContain('Wird geladen…');
  });

  it('takes a specific label', async () => {
    await renderWithProviders(<LoadingState label="Loading deals…" />);
    expect(screen.getByRole('status').textContent).toContain('Loading deals…');
  });
});

describe('EmptyState', () => {
  it('shows the title, what to do, and the action', async () => {
    const onAdd = vi.fn();
    await renderWithProviders(
      <EmptyState
        title="No deals yet"
        hint="Create a deal in CRM and it appears here."
        action={<Button onClick={onAdd}>Open CRM</Button>}
      />,
    );
    expect(screen.getByText('No deals yet')).toBeTruthy();
    expect(screen.getByText('Create a deal in CRM and it appears here.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open CRM' }));
    expect(onAdd).toHaveBeenCalledOnce();
  });
});

describe('ErrorState', () => {
  it('says what happened and what to do, and retries', async () => {
    const onRetry = vi.fn();
    await renderWithProviders(<ErrorState message="The deal was deleted." onRetry={onRetry} />, { lang: 'ru' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Что-то пошло не так');
    expect(alert.textContent).toContain('The deal was deleted.');
    expect(alert.textContent).toContain('Попробуйте ещё раз');
    fireEvent.click(screen.getByRole('button', { name: 'Повторить' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('has no retry button when retrying cannot help', async () => {
    await renderWithProviders(
      <ErrorState message="Access denied." hint="Ask your administrator for access to deals." />,
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('Ask your administrator for access to deals.')).toBeTruthy();
  });

  it('renders portal text as text, never as HTML', async () => {
    await renderWithProviders(<ErrorState message={'<img src=x onerror="alert(1)"> & co'} />);
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('img')).toBeNull();
    expect(alert.textContent).toContain('<img src=x onerror="alert(1)"> & co');
  });
});
