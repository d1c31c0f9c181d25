import { MultiSelect, Select, type ComboboxData } from '@mantine/core';
import { useRef } from 'react';
import { useT } from '../../../i18n/index.ts';
import '../record/locales.ts';

/** Props every input of the form shares (FieldInput passes them through). */
export interface InputChrome {
  label?: string;
  /** The accessible name when the label is hidden (in-place editing). */
  ariaLabel: string;
  required?: boolean;
  error?: string;
  disabled?: boolean;
}

export interface OptionSelectProps extends InputChrome {
  /** `{ value, label }` options (labels are portal text, rendered as text) or groups of them. */
  data: ComboboxData;
  value: string | string[];
  multiple: boolean;
  onChange: (value: string | string[]) => void;
  /** Options still loading: the input waits rather than showing a value as unknown. */
  loading?: boolean;
}

/**
 * The same array as last render while its content is the same. Mantine's Select puts the chosen option's
 * label back into the search box whenever the option object changes, so options rebuilt on every render
 * would undo what the user is typing.
 */
export function useStableData<T>(data: T): T {
  const ref = useRef<{ key: string; data: T } | null>(null);
  const key = JSON.stringify(data);
  if (!ref.current || ref.current.key !== key) ref.current = { key, data };
  return ref.current.data;
}

// Short lists open at a glance; longer ones (sources, industries, users) are easier to search.
const SEARCHABLE_FROM = 8;

function values(data: ComboboxData): string[] {
  return data.flatMap((d) => {
    if (typeof d !== 'object' || d === null) return [String(d)];
    if ('items' in d) return d.items.map((i) => (typeof i === 'object' ? String(i.value) : String(i)));
    return [String(d.value)];
  });
}

/** The options plus any chosen value they lack (an item deleted since, a stage of another pipeline), shown as is. */
function withChosen(data: ComboboxData, chosen: string[]): ComboboxData {
  const known = new Set(values(data));
  const missing = chosen.filter((v) => v !== '' && !known.has(v));
  return missing.length ? [...data, ...missing.map((v) => ({ value: v, label: v }))] : data;
}

/**
 * A choice among known options — enumeration items, a dictionary, stages, pipelines, currencies — single
 * (clearable unless required) or multiple.
 */
export function OptionSelect({
  data,
  value,
  multiple,
  onChange,
  loading,
  label,
  ariaLabel,
  required,
  error,
  disabled,
}: OptionSelectProps) {
  const t = useT('crmRecord');
  const chosen = Array.isArray(value) ? value : [value];
  const options = useStableData(loading ? data : withChosen(data, chosen));
  const common = {
    label,
    'aria-label': ariaLabel,
    withAsterisk: required,
    error,
    disabled: disabled || loading,
    data: options,
    searchable: values(options).length >= SEARCHABLE_FROM,
    nothingFoundMessage: t('nothingFound'),
    comboboxProps: { withinPortal: true },
  };
  if (multiple)
    return (
      <MultiSelect
        {...common}
        value={Array.isArray(value) ? value : value ? [value] : []}
        onChange={onChange}
        clearable
      />
    );
  return (
    <Select
      {...common}
      value={typeof value === 'string' && value !== '' ? value : null}
      onChange={(v) => onChange(v ?? '')}
      clearable={!required}
      allowDeselect={!required}
    />
  );
}
