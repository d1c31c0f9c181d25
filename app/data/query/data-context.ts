import { createContext, useContext } from 'react';
import type { DataSource } from '../providers/data-source.ts';

/** The DataSource of the nearest DataProvider (a context, not module state: tests run many portals). */
export const DataSourceContext = createContext<DataSource | null>(null);

/** The DataSource for the query hooks; only app/data uses it. */
export function useDataSource(): DataSource {
  const source = useContext(DataSourceContext);
  if (!source) throw new Error('Data hooks need a <DataProvider client={…}> above them.');
  return source;
}
