import { Button, Group, Paper, Text } from '@mantine/core';
import IconArrowsExchange from '@tabler/icons-react/icons/IconArrowsExchange';
import IconEdit from '@tabler/icons-react/icons/IconEdit';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import IconUserCheck from '@tabler/icons-react/icons/IconUserCheck';
import IconX from '@tabler/icons-react/icons/IconX';
import { useState } from 'react';
import type { Resource } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { BulkDialog } from './bulk-dialog.tsx';
import type { BulkAction } from './bulk-model.ts';
import './locales.ts';

export interface BulkActionsProps {
  resource: Resource;
  /** The selected record ids. */
  ids: string[];
  /** Clears the selection (after a finished run, or when the user cancels it). */
  onClear: () => void;
}

/** Deals, leads and smart processes move through stages; contacts and companies have none. */
function hasStages(resource: Resource): boolean {
  const id = resource.entityTypeId ?? 0;
  return id === 1 || id === 2 || id >= 128;
}

/**
 * The toolbar the grid shows over selected rows: how many are selected and what can be done to all of
 * them — change the stage, the responsible person or a field, or delete. Each action opens a dialog
 * that sends the writes in batches with a progress bar and ends with a result per record.
 * @example {selected.length > 0 ? <BulkActions resource={resource} ids={selected} onClear={() => setSelected([])} /> : null}
 */
export function BulkActions({ resource, ids, onClear }: BulkActionsProps) {
  const t = useT('crmBulk');
  // The dialog works on the selection as it was when it opened, whatever the grid does meanwhile.
  const [open, setOpen] = useState<{ action: BulkAction; ids: string[] } | null>(null);
  const start = (action: BulkAction) => setOpen({ action, ids: [...ids] });

  return (
    <>
      <Paper withBorder radius="md" px="sm" py={6} bg="var(--mantine-color-blue-0)">
        <Group justify="space-between" gap="xs" role="toolbar" aria-label={t('toolbar')}>
          <Text fw={600} size="sm">
            {t('selected', { count: ids.length })}
          </Text>
          <Group gap="xs">
            {hasStages(resource) ? (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconArrowsExchange size={14} />}
                disabled={ids.length === 0}
                onClick={() => start('stage')}
              >
                {t('changeStage')}
              </Button>
            ) : null}
            <Button
              size="xs"
              variant="default"
              leftSection={<IconUserCheck size={14} />}
              disabled={ids.length === 0}
              onClick={() => start('responsible')}
            >
              {t('changeResponsible')}
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconEdit size={14} />}
              disabled={ids.length === 0}
              onClick={() => start('field')}
            >
              {t('changeField')}
            </Button>
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={<IconTrash size={14} />}
              disabled={ids.length === 0}
              onClick={() => start('delete')}
            >
              {t('delete')}
            </Button>
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
              {t('clear')}
            </Button>
          </Group>
        </Group>
      </Paper>
      {open ? (
        <BulkDialog
          resource={resource}
          ids={open.ids}
          action={open.action}
          onClose={(ran) => {
            setOpen(null);
            if (ran) onClear();
          }}
        />
      ) : null}
    </>
  );
}
