import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';

/** Where an error surfaced: a background refetch of data already on screen, or a write. */
export type ErrorSource = 'query' | 'mutation';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** Query-key prefixes to invalidate once the mutation settles (success or error). */
      invalidates?: readonly QueryKey[];
      /** The caller shows this mutation's error itself; the global hook stays quiet. */
      silent?: boolean;
    };
  }
}

export interface CreateQueryClientOptions {
  /** The global error hook: a toast or notification. First-load errors are left to the screen's ErrorState. */
  onError?: (error: unknown, source: ErrorSource) => void;
  /** Tests pass `false`; the app retries reads once (the SDK already retries transport failures). */
  retry?: boolean | number;
}

/** Records go stale after a minute: long enough that a list's rows serve the detail view opened from it. */
export const RECORD_STALE_MS = 60_000;
/** Field metadata and the resource catalogue change when an admin edits the portal: rarely. */
export const META_STALE_MS = 30 * 60_000;

/**
 * The app's QueryClient: a global error hook for background refetches and writes, and automatic
 * invalidation from `mutation.meta.invalidates` (TkDodo's MutationCache pattern).
 * @example const queryClient = createQueryClient({ onError: (e) => notify(t(errorMessageKey(e))) });
 */
export function createQueryClient(options: CreateQueryClientOptions = {}): QueryClient {
  const { onError, retry = 1 } = options;
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A first load fails on screen (ErrorState); only a failed refresh of shown data needs a notice.
        if (query.state.data !== undefined) onError?.(error, 'query');
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _result, mutation) => {
        if (!mutation.meta?.silent) onError?.(error, 'mutation');
      },
      onSettled: async (_data, _error, _variables, _result, mutation) => {
        const keys = mutation.meta?.invalidates ?? [];
        await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      },
    }),
    defaultOptions: {
      queries: { staleTime: RECORD_STALE_MS, retry, refetchOnWindowFocus: false },
      // Writes are never retried: an add repeated after a lost answer creates a second record.
      mutations: { retry: false },
    },
  });
  return queryClient;
}
