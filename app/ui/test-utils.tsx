import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { initI18n, type Language } from '../i18n/index.ts';
import { cssVariablesResolver, theme } from './theme.ts';

export interface RenderWithProvidersOptions extends Pick<RenderOptions, 'container' | 'baseElement'> {
  lang?: Language;
  /** A prepared client (seeded caches); otherwise a fresh one with retries off. */
  queryClient?: QueryClient;
  /** Providers that go inside Mantine, i18n and the query client (B24Provider, DataProvider…). */
  wrapper?: (props: { children: ReactNode }) => ReactNode;
}

/** A QueryClient for tests: no retries (a failing fetch shows its error at once), no garbage collection mid-test. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

/**
 * Renders like the app does: Mantine (env="test": no transitions, no portals) with our theme, i18n in
 * `lang`, a QueryClient with retries off.
 * @example const { queryClient } = await renderWithProviders(<RecordOverview … />, { lang: 'de' });
 */
export async function renderWithProviders(
  ui: ReactElement,
  { lang = 'en', queryClient = createTestQueryClient(), wrapper: Inner, ...options }: RenderWithProvidersOptions = {},
) {
  await initI18n(lang);
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
        {Inner ? <Inner>{children}</Inner> : children}
      </MantineProvider>
    </QueryClientProvider>
  );
  return { ...render(ui, { wrapper: Wrapper, ...options }), queryClient };
}

export * from '@testing-library/react';
