import { TextInput } from '@mantine/core';
import { useFrame } from '../../b24/index.ts';
import { useUserSearch } from '../../data/query/search-users.ts';
import type { StorageProperty } from '../../data/storage/types.ts';
import { useT } from '../../i18n/index.ts';
import { UserPicker } from '../../ui/user-picker.tsx';
import { CrmItemPicker } from './crm-item-picker.tsx';
import './locales.ts';

export interface ValueInputProps {
  property: StorageProperty;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
}

/** One input for a property's value, by its Kontor type; every value is a string (property-types.ts). */
export function ValueInput({ property, value, onChange, error, disabled }: ValueInputProps) {
  const t = useT('storage');
  const frame = useFrame();
  const users = useUserSearch();
  const label = property.name === property.code ? property.code : `${property.name} (${property.code})`;
  const common = { label, error, disabled: disabled || property.readOnly };
  switch (property.type) {
    case 'crm':
      return <CrmItemPicker {...common} value={value} onChange={onChange} />;
    case 'user':
      return (
        <UserPicker
          {...common}
          value={value || null}
          onChange={(id) => onChange(id ?? '')}
          search={users.search}
          resolve={users.resolve}
          onPortalDialog={async () => {
            const user = await frame.selectUser();
            return user ? [user.id] : null;
          }}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          placeholder={t('items.numberPlaceholder')}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'file':
      return (
        <TextInput
          {...common}
          type="url"
          placeholder="https://"
          description={property.readOnly ? t('items.portalFile') : undefined}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      return <TextInput {...common} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
