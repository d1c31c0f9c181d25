import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { checkValue } from '../../data/storage/property-types.ts';
import type { ItemInput, StorageDetail, StorageItem } from '../../data/storage/types.ts';
import { useStorageContent } from '../../data/storage/storage-writes.ts';
import { useT } from '../../i18n/index.ts';
import { useErrorText } from './error-text.ts';
import './locales.ts';
import { sectionOptions } from './section-options.ts';
import { ValueInput } from './value-input.tsx';

export interface ItemFormModalProps {
  storage: StorageDetail;
  /** The item to edit; null for a new one. */
  item: StorageItem | null;
  /** The section a new item starts in (the grid's filter). */
  defaultSectionId: string | null;
  onClose: () => void;
}

/** The field label a message names: the property's name, and its code when they differ. */
export function fieldLabel(p: { code: string; name: string }): string {
  return p.name === p.code ? p.code : `${p.name} (${p.code})`;
}

/**
 * Creates or edits an item: its name, section and one input per property, generated from the property
 * types. Every value is checked against its type before anything is sent; each message names its field.
 */
export function ItemFormModal({ storage, item, defaultSectionId, onClose }: ItemFormModalProps) {
  const t = useT('storage');
  const errorText = useErrorText();
  const writes = useStorageContent(storage.entity);
  const save = item ? writes.updateItem : writes.addItem;
  const [name, setName] = useState(item?.name ?? '');
  const [sectionId, setSectionId] = useState<string | null>(item ? item.sectionId : defaultSectionId);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(storage.properties.map((p) => [p.code, item?.values[p.code] ?? ''])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const found: Record<string, string> = {};
    if (!name.trim()) found.NAME = t('invalid.nameRequired');
    const checked: Record<string, string> = {};
    for (const p of storage.properties) {
      if (p.readOnly) continue;
      const result = checkValue(p.type, values[p.code] ?? '');
      if (result.ok) checked[p.code] = result.value;
      else found[p.code] = t(`invalid.${result.problem}`, { field: fieldLabel(p), value: values[p.code] });
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input: ItemInput = { name, sectionId, values: checked };
    if (item) writes.updateItem.mutate({ id: item.id, input }, { onSuccess: onClose });
    else writes.addItem.mutate(input, { onSuccess: onClose });
  };

  const title = item ? t('items.editTitle', { name: item.name }) : t('items.newTitle');
  return (
    <Modal opened onClose={onClose} title={title} centered size="lg">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="sm">
          <TextInput
            label={t('items.name')}
            required
            maxLength={255}
            value={name}
            error={errors.NAME}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          {storage.sections.length > 0 ? (
            <Select
              label={t('items.section')}
              placeholder={t('items.noSection')}
              clearable
              data={sectionOptions(storage.sections)}
              value={sectionId}
              onChange={setSectionId}
              comboboxProps={{ withinPortal: true }}
            />
          ) : null}
          {storage.properties.map((p) => (
            <ValueInput
              key={p.code}
              property={p}
              value={values[p.code] ?? ''}
              error={errors[p.code]}
              onChange={(v) => setValues((old) => ({ ...old, [p.code]: v }))}
            />
          ))}
          {save.error ? (
            <Alert color="red" role="alert">
              {errorText(save.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {item ? t('save') : t('items.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
