import { ActionIcon, Alert, Button, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import IconX from '@tabler/icons-react/icons/IconX';
import { useMemo, useState, type FormEvent } from 'react';
import { useStorageItems } from '../../data/storage/get-storages.ts';
import { useStorageContent } from '../../data/storage/storage-writes.ts';
import type { StorageDetail, StorageSection } from '../../data/storage/types.ts';
import { useT } from '../../i18n/index.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { useErrorText } from './error-text.ts';
import './locales.ts';
import { sectionOptions } from './section-options.ts';

/**
 * A storage's sections: add one (at the top or inside another), rename, delete. Only an empty section
 * (no items, no subsections) can be deleted: a real portal deletes a section's items with it.
 */
export function SectionPanel({ storage }: { storage: StorageDetail }) {
  const t = useT('storage');
  const errorText = useErrorText();
  const writes = useStorageContent(storage.entity);
  const items = useStorageItems(storage.entity);
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<StorageSection | null>(null);
  const options = useMemo(() => sectionOptions(storage.sections), [storage.sections]);
  const { readOnly } = storage;

  const counts = useMemo(() => {
    const out = new Map<string, number>();
    for (const i of items.data ?? []) if (i.sectionId) out.set(i.sectionId, (out.get(i.sectionId) ?? 0) + 1);
    return out;
  }, [items.data]);
  /** Why a section cannot be deleted now, or null. */
  const blocker = (s: StorageSection) =>
    !items.data
      ? t('section.countingItems')
      : counts.get(s.id)
        ? t('section.hasItems', { count: counts.get(s.id) })
        : storage.sections.some((c) => c.parentId === s.id)
          ? t('section.hasChildren')
          : null;

  const add = (e: FormEvent) => {
    e.preventDefault();
    setNameError(name.trim() ? null : t('section.nameRequired'));
    if (!name.trim() || writes.addSection.isPending) return;
    writes.addSection.mutate({ name, parentId }, { onSuccess: () => setName('') });
  };
  const saveName = () => {
    if (!renaming || !renaming.name.trim()) return;
    writes.renameSection.mutate(renaming, { onSuccess: () => setRenaming(null) });
  };

  return (
    <Stack gap="sm">
      {options.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('section.none')}
        </Text>
      ) : (
        <Table withTableBorder fz="sm" aria-label={t('section.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('section.name')}</Table.Th>
              <Table.Th>{t('section.items')}</Table.Th>
              {readOnly ? null : <Table.Th aria-label={t('items.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {options.map((o) => {
              const s = storage.sections.find((x) => x.id === o.value)!;
              const why = blocker(s);
              return (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {renaming?.id === s.id ? (
                      <Group gap={4} wrap="nowrap">
                        <TextInput
                          size="xs"
                          aria-label={t('section.newName', { name: s.name })}
                          value={renaming.name}
                          onChange={(e) => setRenaming({ id: s.id, name: e.currentTarget.value })}
                          onKeyDown={(e) => e.key === 'Enter' && saveName()}
                          error={writes.renameSection.error ? errorText(writes.renameSection.error) : undefined}
                          autoFocus
                        />
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('save')}
                          onClick={saveName}
                          loading={writes.renameSection.isPending}
                        >
                          <IconCheck size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('cancel')}
                          onClick={() => setRenaming(null)}
                        >
                          <IconX size={16} />
                        </ActionIcon>
                      </Group>
                    ) : (
                      o.label
                    )}
                  </Table.Td>
                  <Table.Td>{items.data ? (counts.get(s.id) ?? 0) : '…'}</Table.Td>
                  {readOnly ? null : (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Tooltip label={t('section.rename', { name: s.name })} withinPortal>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('section.rename', { name: s.name })}
                            onClick={() => {
                              writes.renameSection.reset();
                              setRenaming({ id: s.id, name: s.name });
                            }}
                          >
                            <IconPencil size={16} stroke={1.5} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={why ?? t('section.delete', { name: s.name })} withinPortal>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('section.delete', { name: s.name })}
                            disabled={why !== null}
                            onClick={() => setDeleting(s)}
                          >
                            <IconTrash size={16} stroke={1.5} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}

      {readOnly ? null : (
        <form onSubmit={add} noValidate aria-label={t('section.addTitle')}>
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('section.addTitle')}
            </Text>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('section.name')}
                required
                maxLength={255}
                value={name}
                error={nameError}
                onChange={(e) => setName(e.currentTarget.value)}
                w={240}
              />
              {options.length > 0 ? (
                <Select
                  label={t('section.parent')}
                  placeholder={t('section.top')}
                  clearable
                  data={options}
                  value={parentId}
                  onChange={setParentId}
                  comboboxProps={{ withinPortal: true }}
                  w={240}
                />
              ) : null}
              <Button type="submit" mt={25} loading={writes.addSection.isPending}>
                {t('section.add')}
              </Button>
            </Group>
            {writes.addSection.error ? (
              <Alert color="red" role="alert">
                {errorText(writes.addSection.error)}
              </Alert>
            ) : null}
          </Stack>
        </form>
      )}

      {deleting ? (
        <ConfirmModal
          title={t('section.deleteTitle')}
          message={t('section.deleteMessage', { name: deleting.name })}
          confirmLabel={t('delete')}
          busy={writes.deleteSection.isPending}
          error={writes.deleteSection.error ? errorText(writes.deleteSection.error) : null}
          onClose={() => {
            writes.deleteSection.reset();
            setDeleting(null);
          }}
          onConfirm={() => writes.deleteSection.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        />
      ) : null}
    </Stack>
  );
}
