import { ActionIcon, Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import IconX from '@tabler/icons-react/icons/IconX';
import { useState, type FormEvent } from 'react';
import { useStorageContent } from '../../data/storage/storage-writes.ts';
import type { StorageDetail, StorageProperty } from '../../data/storage/types.ts';
import { useT } from '../../i18n/index.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { useErrorText } from './error-text.ts';
import './locales.ts';
import { checkPropertyCode, useTypeOptions } from './property-rules.ts';

/**
 * A storage's properties: code, name, Kontor type and the portal's type; add a typed property, rename one,
 * delete one (with its values, after a confirmation). Read-only storages only list them.
 */
export function PropertyPanel({ storage }: { storage: StorageDetail }) {
  const t = useT('storage');
  const errorText = useErrorText();
  const writes = useStorageContent(storage.entity);
  const types = useTypeOptions();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<string>('string');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ code: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<StorageProperty | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const { readOnly } = storage;

  const add = (e: FormEvent) => {
    e.preventDefault();
    const problem = checkPropertyCode(
      code,
      storage.properties.map((p) => p.code),
    );
    setCodeError(problem ? t(`property.${problem}`, { field: t('property.code') }) : null);
    if (problem || writes.addProperty.isPending) return;
    writes.addProperty.mutate(
      { code: code.trim(), name: name.trim() || code.trim(), type: type as StorageProperty['type'] },
      {
        onSuccess: ({ registryError }) => {
          setCode('');
          setName('');
          setWarning(registryError ? t('registry.notSaved', { reason: errorText(registryError) }) : null);
        },
      },
    );
  };

  const saveName = () => {
    if (!renaming || !renaming.name.trim()) return;
    writes.renameProperty.mutate(renaming, { onSuccess: () => setRenaming(null) });
  };

  return (
    <Stack gap="sm">
      {warning ? (
        <Alert color="orange" role="alert" withCloseButton onClose={() => setWarning(null)}>
          {warning}
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder fz="sm" aria-label={t('property.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('property.code')}</Table.Th>
              <Table.Th>{t('property.name')}</Table.Th>
              <Table.Th>{t('property.type')}</Table.Th>
              <Table.Th>{t('property.portalType')}</Table.Th>
              {readOnly ? null : <Table.Th aria-label={t('items.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {storage.properties.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed">
                    {t('property.none')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {storage.properties.map((p) => (
              <Table.Tr key={p.code}>
                <Table.Td ff="monospace">{p.code}</Table.Td>
                <Table.Td>
                  {renaming?.code === p.code ? (
                    <Group gap={4} wrap="nowrap">
                      <TextInput
                        size="xs"
                        aria-label={t('property.newName', { code: p.code })}
                        value={renaming.name}
                        onChange={(e) => setRenaming({ code: p.code, name: e.currentTarget.value })}
                        onKeyDown={(e) => e.key === 'Enter' && saveName()}
                        error={writes.renameProperty.error ? errorText(writes.renameProperty.error) : undefined}
                        autoFocus
                      />
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('save')}
                        onClick={saveName}
                        loading={writes.renameProperty.isPending}
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
                    p.name
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {t(`types.${p.type}`)}
                    {p.readOnly ? (
                      <Badge size="xs" variant="light" color="gray" tt="none">
                        {t('property.readOnly')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace">{p.bitrixType}</Table.Td>
                {readOnly ? null : (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Tooltip label={t('property.rename', { code: p.code })} withinPortal>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('property.rename', { code: p.code })}
                          onClick={() => {
                            writes.renameProperty.reset();
                            setRenaming({ code: p.code, name: p.name });
                          }}
                        >
                          <IconPencil size={16} stroke={1.5} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('property.delete', { code: p.code })} withinPortal>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('property.delete', { code: p.code })}
                          onClick={() => setDeleting(p)}
                        >
                          <IconTrash size={16} stroke={1.5} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {readOnly ? null : (
        <form onSubmit={add} noValidate aria-label={t('property.addTitle')}>
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('property.addTitle')}
            </Text>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('property.code')}
                description={t('property.codeHint')}
                required
                maxLength={50}
                value={code}
                error={codeError}
                onChange={(e) => setCode(e.currentTarget.value)}
                w={200}
              />
              <TextInput
                label={t('property.name')}
                maxLength={255}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                w={220}
              />
              <Select
                label={t('property.type')}
                data={types}
                value={type}
                onChange={(v) => setType(v ?? 'string')}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                w={180}
              />
              <Button type="submit" mt={25} loading={writes.addProperty.isPending}>
                {t('property.add')}
              </Button>
            </Group>
            {writes.addProperty.error ? (
              <Alert color="red" role="alert">
                {errorText(writes.addProperty.error)}
              </Alert>
            ) : null}
          </Stack>
        </form>
      )}

      {deleting ? (
        <ConfirmModal
          title={t('property.deleteTitle')}
          message={t('property.deleteMessage', { code: deleting.code, name: deleting.name })}
          confirmLabel={t('delete')}
          busy={writes.deleteProperty.isPending}
          error={writes.deleteProperty.error ? errorText(writes.deleteProperty.error) : null}
          onClose={() => {
            writes.deleteProperty.reset();
            setDeleting(null);
          }}
          onConfirm={() =>
            writes.deleteProperty.mutate(deleting.code, {
              onSuccess: ({ registryError }) => {
                setDeleting(null);
                setWarning(registryError ? t('registry.notSaved', { reason: errorText(registryError) }) : null);
              },
            })
          }
        />
      ) : null}
    </Stack>
  );
}
