import { Alert, Select, Stack, Text } from '@mantine/core';
import IconInfoCircle from '@tabler/icons-react/icons/IconInfoCircle';
import { useState } from 'react';
import { errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useFields } from '../../../data/query/get-fields.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../../ui/states.tsx';
import { FieldInput } from '../form/field-input.tsx';
import { hasValue, toFormValue, toWireValue, type FormValue } from '../form/form-values.ts';
import type { BulkFormProps } from './bulk-dialog.tsx';
import { bulkEditableFields } from './bulk-model.ts';
import { FormFooter } from './form-footer.tsx';
import './locales.ts';

/**
 * One field set to one value in every selected record: any field the user may write (custom fields
 * included), entered with the same input the record form uses. Clearing is allowed, after saying so,
 * except for required fields.
 */
export function FieldForm({ resource, ids, onSubmit, onCancel }: BulkFormProps) {
  const t = useT('crmBulk');
  const lang = useLanguage();
  const fields = useFields(resource.name);
  const [name, setName] = useState<string | null>(null);
  const [value, setValue] = useState<FormValue>('');

  if (fields.error)
    return <ErrorState message={t(errorMessageKey(fields.error))} onRetry={() => void fields.refetch()} />;
  if (fields.isPending) return <LoadingState />;

  const editable = bulkEditableFields(fields.data, lang);
  const field = editable.find((f) => f.name === name);
  const label = field ? field.title || field.name : '';
  const empty = !hasValue(value);
  const blocked = !!field && empty && field.required;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('selectedRecords', { count: ids.length })}
      </Text>
      {editable.length === 0 ? (
        <Text size="sm">{t('noFields')}</Text>
      ) : (
        <Select
          label={t('field')}
          placeholder={t('chooseField')}
          searchable
          data={editable.map((f) => ({ value: f.name, label: f.title || f.name }))}
          value={name}
          onChange={(next) => {
            const chosen = editable.find((f) => f.name === next);
            setName(next);
            setValue(chosen ? toFormValue(chosen, null) : '');
          }}
          maxDropdownHeight={260}
        />
      )}
      {field ? (
        <FieldInput
          key={field.name}
          field={field}
          value={value}
          onChange={(v) => setValue(v as FormValue)}
          error={blocked ? t('required', { field: label }) : undefined}
        />
      ) : null}
      {field && empty && !field.required ? (
        <Alert color="yellow" icon={<IconInfoCircle size={18} />}>
          {t('willClear', { field: label })}
        </Alert>
      ) : null}
      <FormFooter
        submit={t('apply', { count: ids.length })}
        disabled={!field || blocked}
        onSubmit={() =>
          field &&
          onSubmit({
            write: {
              kind: 'update',
              // An empty value goes out as '' (an empty list would vanish from the request and change nothing).
              items: ids.map((id) => ({
                id,
                fields: { [field.name]: empty ? '' : toWireValue(field, value, undefined) },
              })),
            },
            skipped: [],
            missing: [],
          })
        }
        onCancel={onCancel}
      />
    </Stack>
  );
}
