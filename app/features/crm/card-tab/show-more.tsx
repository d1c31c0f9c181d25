import { Anchor } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useT } from '../../../i18n/index.ts';
import './locales.ts';

/**
 * The first `initial` rows, and a link that shows the rest in place (the frame grows; nothing scrolls
 * inside it). The rows are already read: showing more costs no request.
 */
export function ShowMore<T>({
  rows,
  initial = 5,
  children,
}: {
  rows: T[];
  initial?: number;
  children: (rows: T[]) => ReactNode;
}) {
  const t = useT('crmTab');
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, initial);
  return (
    <>
      {children(shown)}
      {rows.length > initial ? (
        <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setAll((v) => !v)}>
          {all ? t('showFewer') : t('showAll', { count: rows.length })}
        </Anchor>
      ) : null}
    </>
  );
}
