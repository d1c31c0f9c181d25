import { ActionIcon, Button, Checkbox, Group, Input, Stack, Text, Textarea, TextInput } from '@mantine/core';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconX from '@tabler/icons-react/icons/IconX';
import type { MultiFieldValue } from '../../../data/fields/multi-fields.ts';
import type { FieldMeta, ResourceName } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import '../record/locales.ts';
import { CrmLinkSelect } from './crm-link-select.tsx';
import { FieldValue } from './field-value.tsx';
import { isMoneyString, splitMoney, toFormValue, type FormValue } from './form-values.ts';
import { linkTargets } from './link-targets.ts';
import { MoneyInput } from './money-input.tsx';
import { MultiFieldInput } from './multi-field-input.tsx';
import { OptionSelect, type InputChrome } from './option-select.tsx';
import { StatusInput } from './status-input.tsx';
import { UserSelect } from './user-select.tsx';

export interface FieldInputProps {
  field: FieldMeta;
  /**
   * The value: a record's (`0`, `'2024-08-30T00:00:00+02:00'`, `'Y'`) or one this input gave (form-values.ts
   * `FormValue`); both are read the same way.
   */
  value: unknown;
  /** Gets a FormValue; `toWireValue(field, value, original)` (form-values.ts) turns it into what the portal takes. */
  onChange: (value: unknown) => void;
  /** A message under the input (validation or the portal's refusal), in the user's language. */
  error?: string;
  disabled?: boolean;
  /** Hides the label (in-place editing shows the label elsewhere). */
  hideLabel?: boolean;
  /** The field's resource: stages are offered from its pipelines. */
  resource?: ResourceName;
  /**
   * Values of the record's other fields this input depends on: `categoryId` (stages of that pipeline) and
   * `currencyId` (shown beside an amount).
   */
  context?: { categoryId?: unknown; currencyId?: unknown };
  /** With it, an amount offers its currency to choose (the form then sends `currencyId` too). */
  onCurrencyChange?: (currency: string) => void;
}

/**
 * One input for any field kind, generated from the portal's field metadata: text, number, money with
 * currency, date and date-time (native pickers), yes/no, enumerations, stages and dictionaries, users, CRM
 * links, web addresses, phones and e-mails; several values where the field is multiple. Read-only fields
 * (and files) show their value as text. Labels, options and values are portal text, rendered as text.
 */
export function FieldInput(props: FieldInputProps) {
  const { field, onChange, error, disabled, hideLabel, resource, context } = props;
  const chrome: InputChrome = {
    ...(hideLabel ? {} : { label: field.title }),
    ariaLabel: field.title,
    required: field.required,
    ...(error ? { error } : {}),
    ...(disabled ? { disabled } : {}),
  };
  if (field.readOnly || field.kind === 'file' || field.kind === 'id') return <ReadOnlyInput {...props} />;
  const value = toFormValue(field, props.value);
  const text = typeof value === 'string' ? value : '';
  const list = Array.isArray(value) ? (value as string[]) : [];
  const choice = field.multiple ? list : text;

  switch (field.kind) {
    case 'boolean':
      if (field.multiple) break;
      return (
        <Checkbox
          label={hideLabel ? undefined : field.title}
          aria-label={field.title}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
          disabled={disabled}
          mt={hideLabel ? 0 : 'xs'}
        />
      );
    case 'multi-field':
      return <MultiFieldInput {...chrome} value={value as MultiFieldValue[]} onChange={onChange} />;
    case 'user':
      return <UserSelect {...chrome} value={choice} multiple={field.multiple} onChange={onChange} />;
    case 'crm-link': {
      const targets = linkTargets(field);
      if (targets.length === 0) return <ReadOnlyInput {...props} />;
      return (
        <CrmLinkSelect {...chrome} targets={targets} value={choice} multiple={field.multiple} onChange={onChange} />
      );
    }
    case 'enum':
      return (
        <OptionSelect
          {...chrome}
          data={(field.items ?? []).map((i) => ({ value: i.id, label: i.value }))}
          value={choice}
          multiple={field.multiple}
          onChange={onChange}
        />
      );
    case 'status':
      return (
        <StatusInput
          {...chrome}
          field={field}
          value={choice}
          onChange={onChange}
          {...(resource ? { resource } : {})}
          categoryId={context?.categoryId}
        />
      );
    case 'money':
      if (field.multiple) break;
      if (isMoneyString(field)) {
        const { amount, currency } = splitMoney(text);
        const join = (a: string, c: string) => (a.trim() === '' ? '' : `${a}|${c}`);
        return (
          <MoneyInput
            {...chrome}
            amount={amount}
            currency={currency}
            onAmountChange={(a) => onChange(join(a, currency))}
            onCurrencyChange={(c) => onChange(join(amount, c))}
          />
        );
      }
      return (
        <MoneyInput
          {...chrome}
          amount={text}
          currency={typeof context?.currencyId === 'string' ? context.currencyId : ''}
          onAmountChange={onChange}
          {...(props.onCurrencyChange ? { onCurrencyChange: props.onCurrencyChange } : {})}
        />
      );
    default:
      break;
  }
  if (field.multiple) return <MultipleValues {...chrome} field={field} value={list} onChange={onChange} />;
  return <ScalarInput {...chrome} field={field} value={text} onChange={onChange} />;
}

interface ScalarInputProps extends InputChrome {
  field: FieldMeta;
  value: string;
  onChange: (value: string) => void;
}

/** Text, numbers, dates and web addresses: one native input (`type="date"`, `datetime-local`, `url`). */
function ScalarInput({ field, value, onChange, label, ariaLabel, required, error, disabled }: ScalarInputProps) {
  const common = {
    label,
    'aria-label': ariaLabel,
    withAsterisk: required,
    error,
    disabled,
    value,
    onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
  };
  switch (field.kind) {
    case 'text':
      return <Textarea {...common} autosize minRows={2} maxRows={8} />;
    case 'number':
    case 'money':
      return <TextInput {...common} inputMode={field.type === 'integer' ? 'numeric' : 'decimal'} />;
    case 'date':
      return <TextInput {...common} type="date" />;
    case 'datetime':
      return <TextInput {...common} type="datetime-local" />;
    case 'url':
      return <TextInput {...common} type="url" placeholder="https://" />;
    default:
      return <TextInput {...common} />;
  }
}

/** A multiple text, number or date field: one input per value, added and removed. */
function MultipleValues({
  field,
  value,
  onChange,
  label,
  ariaLabel,
  required,
  error,
  disabled,
}: InputChrome & { field: FieldMeta; value: string[]; onChange: (value: FormValue) => void }) {
  const t = useT('crmRecord');
  const rows = value.length > 0 ? value : [''];
  return (
    <Input.Wrapper label={label} withAsterisk={required} error={error}>
      <Stack gap={6}>
        {rows.map((v, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
            <div style={{ flex: 1, minWidth: 0 }}>
              <ScalarInput
                field={{ ...field, multiple: false }}
                ariaLabel={`${ariaLabel} ${i + 1}`}
                value={v}
                onChange={(next) => onChange(rows.map((x, j) => (j === i ? next : x)))}
                {...(error ? { error: ' ' } : {})}
                {...(disabled ? { disabled } : {})}
              />
            </div>
            {rows.length > 1 ? (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={`${t('removeValue')}: ${ariaLabel} ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                <IconX size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, ''])}
          disabled={disabled}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('addValue')}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}

/** A field the user cannot change here: its value as text under its label. */
function ReadOnlyInput({ field, value, hideLabel, resource, context }: FieldInputProps) {
  const record = { [field.name]: value, currencyId: context?.currencyId };
  return (
    <Input.Wrapper label={hideLabel ? undefined : field.title} aria-label={field.title}>
      <Text component="div" size="sm" mt={2} c={value === undefined ? 'dimmed' : undefined}>
        <FieldValue field={field} record={record} {...(resource ? { resource } : {})} />
      </Text>
    </Input.Wrapper>
  );
}
