import { Button, EmptyState as MantineEmptyState, Text } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import IconRefresh from '@tabler/icons-react/icons/IconRefresh';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import './locales.ts';

export interface ErrorStateProps {
  /** What went wrong, already in the user's language (features pass `t(errorMessageKey(error))`). */
  message: string;
  /** What to do about it; defaults to "try again / reload / ask your administrator". */
  hint?: string;
  title?: string;
  onRetry?: () => void;
  retryLabel?: string;
  /** Extra actions next to the retry button. */
  action?: ReactNode;
}

/** A failure the user can act on: what happened, what to do, and a retry when one helps. */
export function ErrorState({ message, hint, title, onRetry, retryLabel, action }: ErrorStateProps) {
  const t = useT('ui');
  return (
    <MantineEmptyState
      py="xl"
      role="alert"
      variant="light"
      color="red"
      title={title ?? t('errorTitle')}
      icon={<IconAlertTriangle size={28} stroke={1.5} />}
    >
      <MantineEmptyState.Description>
        <Text component="span" display="block">
          {message}
        </Text>
        <Text component="span" display="block" size="sm" c="dimmed" mt={4}>
          {hint ?? t('errorHint')}
        </Text>
      </MantineEmptyState.Description>
      {onRetry || action ? (
        <MantineEmptyState.Actions>
          {onRetry ? (
            <Button onClick={onRetry} leftSection={<IconRefresh size={16} />}>
              {retryLabel ?? t('retry')}
            </Button>
          ) : null}
          {action}
        </MantineEmptyState.Actions>
      ) : null}
    </MantineEmptyState>
  );
}
