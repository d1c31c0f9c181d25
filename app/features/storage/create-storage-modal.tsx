import { ActionIcon, Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useRef, useState, type FormEvent } from 'react';
import { MAX_ENTITY_LENGTH, type PropertyType } from '../../data/storage/property-types.ts';
import { useStorageWrites } from '../../data/storage/storage-writes.ts';
import type { CreateStorageReport } from '../../data/storage/types.ts';
import { useT } from '../../i18n/index.ts';
import { useErrorText } from './error-text.ts';
import './locales.ts';
import { checkEntityCode, checkPropertyCode, suggestCode, useTypeOptions } from './property-rules.ts';

export interface CreateStorageModalProps {
  /** Codes already used by the app's storages. */
  taken: readonly string[];
  onClose: () => void;
  onCreated: (report: CreateStorageReport) => void;
}

interface Row {
  key: number;
  code: string;
  name: string;
  type: PropertyType;
}

/**
 * A new storage: its name, its code (suggested from the name) and its typed properties. Every code is
 * checked before anything is sent; a CRM-item property makes the items show on the referenced record's card.
 */
export function CreateStorageModal({ taken, onClose, onCreated }: CreateStorageModalProps) {
  const t = useT('storage');
  const errorText = useErrorText();
  const { create } = useStorageWrites();
  const types = useTypeOptions();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [codeEdited, setCodeEdited] = useState(false);
  const keys = useRef(0);
  const newRow = (): Row => ({ key: ++keys.current, code: '', name: '', type: 'string' });
  const [rows, setRows] = useState<Row[]>(() => [newRow()]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const entity = codeEdited ? code : suggestCode(name, MAX_ENTITY_LENGTH);
  const update = (key: number, change: Partial<Row>) =>
    setRows((old) => old.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('create.nameRequired');
    const entityProblem = checkEntityCode(entity, taken);
    if (entityProblem)
      found.entity = t(`property.${entityProblem}`, { field: t('create.code'), max: MAX_ENTITY_LENGTH });
    const used = rows.filter((r) => r.code.trim() || r.name.trim());
    used.forEach((r, i) => {
      const others = used.filter((_, j) => j < i).map((o) => o.code.trim());
      const problem = checkPropertyCode(r.code, others);
      if (problem)
        found[`p${r.key}`] = t(`property.${problem}`, { field: t('property.codeOf', { n: i + 1 }), max: 50 });
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      {
        entity: entity.trim(),
        name,
        properties: used.map((r) => ({ code: r.code.trim(), name: r.name.trim() || r.code.trim(), type: r.type })),
      },
      {
        onSuccess: (report) => {
          onCreated(report);
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('create.title')} centered size="xl">
      <form onSubmit={submit} noValidate aria-label={t('create.title')}>
        <Stack gap="sm">
          <Group align="flex-start" grow>
            <TextInput
              label={t('create.name')}
              required
              maxLength={255}
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
            />
            <TextInput
              label={t('create.code')}
              description={t('create.codeHint', { max: MAX_ENTITY_LENGTH })}
              required
              maxLength={MAX_ENTITY_LENGTH}
              value={entity}
              error={errors.entity}
              onChange={(e) => {
                setCodeEdited(true);
                setCode(e.currentTarget.value);
              }}
            />
          </Group>
          <Text fw={600} size="sm">
            {t('create.properties')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('create.propertiesHint')}
          </Text>
          {rows.map((r, i) => (
            <Group key={r.key} align="flex-start" gap="xs" wrap="nowrap">
              <TextInput
                label={t('property.codeOf', { n: i + 1 })}
                maxLength={50}
                value={r.code}
                error={errors[`p${r.key}`]}
                onChange={(e) => update(r.key, { code: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <TextInput
                label={t('property.nameOf', { n: i + 1 })}
                maxLength={255}
                value={r.name}
                onChange={(e) => update(r.key, { name: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <Select
                label={t('property.typeOf', { n: i + 1 })}
                data={types}
                value={r.type}
                onChange={(v) => update(r.key, { type: (v ?? 'string') as PropertyType })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                w={170}
              />
              <Tooltip label={t('create.removeProperty', { n: i + 1 })} withinPortal>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={28}
                  aria-label={t('create.removeProperty', { n: i + 1 })}
                  onClick={() => setRows((old) => old.filter((o) => o.key !== r.key))}
                >
                  <IconTrash size={16} stroke={1.5} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              leftSection={<IconPlus size={16} stroke={1.5} />}
              onClick={() => setRows((old) => [...old, newRow()])}
            >
              {t('create.addProperty')}
            </Button>
          </Group>
          {create.error ? (
            <Alert color="red" role="alert">
              {errorText(create.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={create.isPending}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
