import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { cssVariablesResolver, theme, type ColorScheme } from './theme.ts';

/**
 * Mantine with the Bitrix24 theme. The scheme is forced from what the portal tells us, so Mantine's
 * default localStorage colour-scheme manager never decides it.
 */
export function UiProvider({ colorScheme = 'light', children }: { colorScheme?: ColorScheme; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme={colorScheme}>
      {children}
    </MantineProvider>
  );
}
