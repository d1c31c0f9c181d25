import { EmptyState as MantineEmptyState } from '@mantine/core';
import IconInbox from '@tabler/icons-react/icons/IconInbox';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** What the user can do about it ("Add a deal in Bitrix24 CRM and it shows up here"). */
  hint: string;
  action?: ReactNode;
  icon?: ReactNode;
}

/** Nothing to show — says why and what to do next. */
export function EmptyState({ title, hint, action, icon }: EmptyStateProps) {
  return (
    <MantineEmptyState py="xl" title={title} description={hint} icon={icon ?? <IconInbox size={28} stroke={1.5} />}>
      {action ? <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions> : null}
    </MantineEmptyState>
  );
}
