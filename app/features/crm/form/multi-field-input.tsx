import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconX from '@tabler/icons-react/icons/IconX';
import {
  MULTI_FIELD_TYPES,
  MULTI_VALUE_TYPES,
  type MultiFieldType,
  type MultiFieldValue,
} from '../../../data/fields/multi-fields.ts';
import { useT } from '../../../i18n/index.ts';
import '../record/locales.ts';
import type { InputChrome } from './option-select.tsx';
import { validateMultiFieldValue } from './validate.ts';

export interface MultiFieldInputProps extends InputChrome {
  value: MultiFieldValue[];
  onChange: (value: MultiFieldValue[]) => void;
}

const INPUT_TYPE: Record<MultiFieldType, string> = { PHONE: 'tel', EMAIL: 'email', WEB: 'url', IM: 'text' };

/**
 * Phones, e-mails, websites and messengers of a contact, company or lead: each value with its type
 * (work, mobile, home…), added, changed and removed in place. Values of other kinds (`LINK`) are kept as
 * they are. Each value's problem shows under it once the form was checked (`error` set).
 */
export function MultiFieldInput({ value, onChange, label, ariaLabel, error, disabled }: MultiFieldInputProps) {
  const t = useT('crmRecord');
  const set = (index: number, patch: Partial<MultiFieldValue>) =>
    onChange(value.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  const remove = (index: number) => onChange(value.filter((_, i) => i !== index));
  const add = (typeId: MultiFieldType) =>
    onChange([...value, { typeId, valueType: MULTI_VALUE_TYPES[typeId][0]!, value: '' }]);
  const typeLabel = (type: string) => t(`multi.types.${type}`, { defaultValue: type });
  const valueTypeLabel = (vt: string) => t(`multi.valueTypes.${vt}`, { defaultValue: vt });

  return (
    <Fieldset legend={label} aria-label={ariaLabel} variant="unstyled" disabled={disabled}>
      <Stack gap="xs">
        {value.map((v, index) => {
          if (!(MULTI_FIELD_TYPES as readonly string[]).includes(v.typeId)) return null;
          const type = v.typeId as MultiFieldType;
          const types = MULTI_VALUE_TYPES[type].includes(v.valueType)
            ? MULTI_VALUE_TYPES[type]
            : [...MULTI_VALUE_TYPES[type], v.valueType];
          const problem = error ? validateMultiFieldValue(v) : null;
          const name = `${typeLabel(type)} ${index + 1}`;
          return (
            <Group key={v.id ?? `new-${index}`} gap="xs" wrap="nowrap" align="flex-start">
              <NativeSelect
                aria-label={`${name}: ${t('multi.valueType')}`}
                value={v.valueType}
                onChange={(e) => set(index, { valueType: e.currentTarget.value })}
                data={types.map((vt) => ({ value: vt, label: valueTypeLabel(vt) }))}
                w={130}
              />
              <TextInput
                aria-label={name}
                placeholder={typeLabel(type)}
                type={INPUT_TYPE[type]}
                value={v.value}
                onChange={(e) => set(index, { value: e.currentTarget.value })}
                error={problem ? t(`invalid.${problem}`) : undefined}
                style={{ flex: 1, minWidth: 0 }}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={`${t('multi.remove')}: ${name}`}
                onClick={() => remove(index)}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          );
        })}
        <Group gap="xs">
          {MULTI_FIELD_TYPES.map((type) => (
            <Button
              key={type}
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              onClick={() => add(type)}
            >
              {t(`multi.add.${type}`)}
            </Button>
          ))}
        </Group>
      </Stack>
    </Fieldset>
  );
}
