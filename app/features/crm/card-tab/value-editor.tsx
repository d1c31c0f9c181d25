import { Button, Group, Stack } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useUpdateRecord } from '../../../data/query/update-record.ts';
import type { FieldMeta, RecordData, ResourceName } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { FieldInput } from '../form/field-input.tsx';
import { toFormValue, toWireValue, type FormValue } from '../form/form-values.ts';
import { validateField } from '../form/validate.ts';
import '../locales.ts';
import { errorText } from './error-text.ts';

export interface ValueEditorProps {
  resource: ResourceName;
  record: RecordData;
  field: FieldMeta;
  label: string;
  /** Editing ended (saved, unchanged or cancelled). */
  onClose: () => void;
}

/**
 * One field's input (the record form's FieldInput) in place of its value: Enter saves through
 * useUpdateRecord — optimistic, rolled back if the portal refuses —, Esc cancels, a refusal or a
 * validation message shows at the field. Its own chunk: the tab's first paint carries neither the inputs
 * nor the write code.
 */
export default function ValueEditor({ resource, record, field, label, onClose }: ValueEditorProps) {
  const t = useT('crm');
  const update = useUpdateRecord(resource);
  const original = toFormValue(field, record[field.name]);
  const [draft, setDraft] = useState<FormValue>(original);
  const [currency, setCurrency] = useState(typeof record.currencyId === 'string' ? record.currencyId : '');
  const [error, setError] = useState('');
  const box = useRef<HTMLDivElement>(null);

  // Into the input once it is there, so typing starts at once.
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select')?.focus();
  }, []);

  const save = () => {
    if (update.isPending) return;
    const invalid = validateField(field, draft);
    if (invalid) return setError(t(`crmRecord:invalid.${invalid}`));
    const patch: Record<string, unknown> = {};
    if (JSON.stringify(draft) !== JSON.stringify(original))
      patch[field.name] = toWireValue(field, draft, record[field.name]);
    if (field.kind === 'money' && currency && currency !== record.currencyId) patch.currencyId = currency;
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate(
      { id: record.id, patch, previous: record },
      { onSuccess: onClose, onError: (e) => setError(errorText(t, e)) },
    );
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // An open dropdown handles its own Enter/Escape and marks the event as handled.
    if (e.defaultPrevented) return;
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (!update.isPending) onClose();
    } else if (e.key === 'Enter' && !e.shiftKey && target.tagName !== 'TEXTAREA' && target.tagName !== 'BUTTON') {
      e.preventDefault();
      save();
    }
  };

  return (
    <Stack gap={4} ref={box} onKeyDown={onKeyDown}>
      <FieldInput
        field={{ ...field, title: label }}
        value={draft}
        onChange={(v) => {
          setDraft(v as FormValue);
          setError('');
        }}
        error={error || undefined}
        disabled={update.isPending}
        hideLabel
        resource={resource}
        context={{ categoryId: record.categoryId, currencyId: currency }}
        {...(field.kind === 'money' ? { onCurrencyChange: setCurrency } : {})}
      />
      <Group gap={4}>
        <Button size="compact-xs" onClick={save} loading={update.isPending}>
          {t('save')}
        </Button>
        <Button size="compact-xs" variant="default" onClick={onClose} disabled={update.isPending}>
          {t('cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
