import { ActionIcon, Alert, Badge, Group, Stack, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import IconX from '@tabler/icons-react/icons/IconX';
import { useState } from 'react';
import { useStorage } from '../../data/storage/get-storages.ts';
import { useStorageWrites } from '../../data/storage/storage-writes.ts';
import { useT } from '../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { ConfirmModal } from './confirm-modal.tsx';
import { useErrorText } from './error-text.ts';
import { ItemGrid } from './item-grid.tsx';
import './locales.ts';
import { PropertyPanel } from './property-panel.tsx';
import { SectionPanel } from './section-panel.tsx';

export interface StorageViewProps {
  entity: string;
  /** After a delete; with a warning when `kontor.storages` could not follow. */
  onDeleted: (warning: string | null) => void;
}

/**
 * One storage: its name (renamed in place) and code, whether Kontor keeps it or the card tab shows its
 * items, and tabs for its items, properties and sections. Deleting asks first and removes it from
 * `kontor.storages` too.
 */
export function StorageView({ entity, onDeleted }: StorageViewProps) {
  const t = useT('storage');
  const errorText = useErrorText();
  const storage = useStorage(entity);
  const writes = useStorageWrites();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [warning, setWarning] = useState<string | null>(null);

  if (storage.error) return <ErrorState message={errorText(storage.error)} onRetry={() => void storage.refetch()} />;
  if (storage.isPending) return <LoadingState />;
  const s = storage.data;

  const saveName = () => {
    if (renaming === null || !renaming.trim()) return;
    writes.rename.mutate(
      { entity, name: renaming },
      {
        onSuccess: ({ registryError }) => {
          setRenaming(null);
          setWarning(registryError ? t('registry.notSaved', { reason: errorText(registryError) }) : null);
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          {renaming !== null ? (
            <Group gap={4} wrap="nowrap">
              <TextInput
                aria-label={t('storage.newName')}
                value={renaming}
                maxLength={255}
                onChange={(e) => setRenaming(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && saveName()}
                error={writes.rename.error ? errorText(writes.rename.error) : undefined}
                autoFocus
              />
              <ActionIcon variant="subtle" aria-label={t('save')} onClick={saveName} loading={writes.rename.isPending}>
                <IconCheck size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="gray" aria-label={t('cancel')} onClick={() => setRenaming(null)}>
                <IconX size={16} />
              </ActionIcon>
            </Group>
          ) : (
            <Title order={3} style={{ overflowWrap: 'anywhere' }}>
              {s.name}
            </Title>
          )}
          <Group gap={6}>
            <Text size="xs" c="dimmed" ff="monospace">
              {s.entity}
            </Text>
            {s.managedBy === 'sync' ? (
              <Badge size="sm" variant="light" color="gray" tt="none">
                {t('storage.managedBySync')}
              </Badge>
            ) : s.readOnly ? (
              <Badge size="sm" variant="light" color="gray" tt="none">
                {t('storage.readOnly')}
              </Badge>
            ) : null}
            {s.crmProperties.length > 0 ? (
              <Badge size="sm" variant="light" tt="none">
                {t('storage.onCards', { codes: s.crmProperties.join(', ') })}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        {s.readOnly ? null : (
          <Group gap={4} wrap="nowrap">
            <Tooltip label={t('storage.rename')} withinPortal>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={t('storage.rename')}
                onClick={() => {
                  writes.rename.reset();
                  setRenaming(s.name);
                }}
              >
                <IconPencil size={18} stroke={1.5} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('storage.delete')} withinPortal>
              <ActionIcon
                variant="default"
                color="red"
                size="lg"
                aria-label={t('storage.delete')}
                onClick={() => setDeleting(true)}
              >
                <IconTrash size={18} stroke={1.5} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      {s.managedBy === 'sync' ? (
        <Text size="sm" c="dimmed">
          {t('storage.syncHint')}
        </Text>
      ) : null}
      {!s.registered && !s.readOnly ? (
        <Text size="sm" c="dimmed">
          {t('storage.unregistered')}
        </Text>
      ) : null}
      {warning ? (
        <Alert color="orange" role="alert" withCloseButton onClose={() => setWarning(null)}>
          {warning}
        </Alert>
      ) : null}

      <Tabs defaultValue="items" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="items">{t('tabs.items')}</Tabs.Tab>
          <Tabs.Tab value="properties">{t('tabs.properties', { count: s.properties.length })}</Tabs.Tab>
          <Tabs.Tab value="sections">{t('tabs.sections', { count: s.sections.length })}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="items" pt="sm">
          <ItemGrid storage={s} />
        </Tabs.Panel>
        <Tabs.Panel value="properties" pt="sm">
          <PropertyPanel storage={s} />
        </Tabs.Panel>
        <Tabs.Panel value="sections" pt="sm">
          <SectionPanel storage={s} />
        </Tabs.Panel>
      </Tabs>

      {deleting ? (
        <ConfirmModal
          title={t('storage.deleteTitle')}
          message={t('storage.deleteMessage', { name: s.name, entity: s.entity })}
          confirmLabel={t('storage.deleteConfirm')}
          busy={writes.remove.isPending}
          error={writes.remove.error ? errorText(writes.remove.error) : null}
          onClose={() => {
            writes.remove.reset();
            setDeleting(false);
          }}
          onConfirm={() =>
            writes.remove.mutate(entity, {
              onSuccess: ({ registryError }) => {
                setDeleting(false);
                onDeleted(registryError ? t('registry.notRemoved', { reason: errorText(registryError) }) : null);
              },
            })
          }
        />
      ) : null}
    </Stack>
  );
}
