import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { B24Client } from '../b24/index.ts';
import { registerErrorLocales } from './errors/locales.ts';
import { createDataSource } from './providers/data-source.ts';
import { DataSourceContext } from './query/data-context.ts';
import { createQueryClient, type ErrorSource } from './query/query-client.ts';

registerErrorLocales();

export interface DataProviderProps {
  client: B24Client;
  /** A QueryClient of your own (tests: retry false); otherwise one is created for the provider's life. */
  queryClient?: QueryClient;
  /** The global error hook, used when the QueryClient is created here. */
  onError?: (error: unknown, source: ErrorSource) => void;
  children: ReactNode;
}

/**
 * Puts the data layer under a tree: the providers over `client` and the QueryClient all data hooks use.
 * @example <DataProvider client={new B24Client(sdkCaller(b24))}><RecordOverview resource="deals" id="7" /></DataProvider>
 */
export function DataProvider({ client, queryClient, onError, children }: DataProviderProps) {
  // useState, not useMemo: React may drop memoised values, and a new QueryClient would lose the cache.
  const [ownQueryClient] = useState(() => queryClient ?? createQueryClient({ onError }));
  const [source, setSource] = useState(() => createDataSource(client));
  if (source.client !== client) setSource(createDataSource(client));
  return (
    <QueryClientProvider client={queryClient ?? ownQueryClient}>
      <DataSourceContext.Provider value={source}>{children}</DataSourceContext.Provider>
    </QueryClientProvider>
  );
}
