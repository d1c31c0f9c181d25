import { Group, Input, Select, TextInput } from '@mantine/core';
import { useCurrencies } from '../../../data/query/get-dictionaries.ts';
import { useT } from '../../../i18n/index.ts';
import '../record/locales.ts';
import type { InputChrome } from './option-select.tsx';

export interface MoneyInputProps extends InputChrome {
  /** The amount as typed (`1500.50`, `1 500,50`). */
  amount: string;
  onAmountChange: (amount: string) => void;
  /** The currency code beside it; without `onCurrencyChange` the currency is shown, not chosen. */
  currency: string;
  onCurrencyChange?: (currency: string) => void;
}

/**
 * An amount with its currency (a deal's `opportunity` + `currencyId`, a custom money field's `100|EUR`).
 * The amount is text so a decimal comma or spaces can be typed; validation checks it is a number.
 */
export function MoneyInput({
  amount,
  onAmountChange,
  currency,
  onCurrencyChange,
  label,
  ariaLabel,
  required,
  error,
  disabled,
}: MoneyInputProps) {
  const t = useT('crmRecord');
  const currencies = useCurrencies(!!onCurrencyChange);
  const base = currencies.data?.find((c) => c.base)?.id ?? '';
  const data = (currencies.data ?? []).map((c) => ({ value: c.id, label: c.id }));
  if (currency && !data.some((d) => d.value === currency)) data.push({ value: currency, label: currency });
  return (
    <Input.Wrapper label={label} withAsterisk={required} error={error}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <TextInput
          aria-label={ariaLabel}
          inputMode="decimal"
          value={amount}
          onChange={(e) => onAmountChange(e.currentTarget.value)}
          error={!!error}
          disabled={disabled}
          style={{ flex: 1, minWidth: 0 }}
        />
        {onCurrencyChange ? (
          <Select
            aria-label={`${ariaLabel}: ${t('currency')}`}
            data={data}
            value={currency || null}
            // An empty currency is the portal's base currency: say which one.
            placeholder={base}
            onChange={(v) => onCurrencyChange(v ?? '')}
            disabled={disabled || currencies.isPending}
            searchable={data.length >= 8}
            w={110}
            comboboxProps={{ withinPortal: true }}
          />
        ) : currency ? (
          <TextInput aria-label={`${ariaLabel}: ${t('currency')}`} value={currency} readOnly w={80} />
        ) : null}
      </Group>
    </Input.Wrapper>
  );
}
