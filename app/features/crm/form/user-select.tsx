import { useFrame } from '../../../b24/index.ts';
import { useUserSearch } from '../../../data/query/search-users.ts';
import { UserPicker } from '../../../ui/user-picker.tsx';
import type { InputChrome } from './option-select.tsx';

export interface UserSelectProps extends InputChrome {
  value: string | string[];
  multiple: boolean;
  onChange: (value: string | string[]) => void;
}

/**
 * A user field of a CRM form: the app's one user picker (app/ui/user-picker.tsx) — search as you type
 * through `user.search`, the chosen ones named from the user cache, the portal's own user dialog as the
 * alternative.
 */
export function UserSelect({
  value,
  multiple,
  onChange,
  label,
  ariaLabel,
  required,
  error,
  disabled,
}: UserSelectProps) {
  const users = useUserSearch();
  const frame = useFrame();
  const chosen = (Array.isArray(value) ? value : [value]).filter(Boolean);
  const common = { label, ariaLabel, required, error, disabled, search: users.search, resolve: users.resolve };
  if (multiple)
    return (
      <UserPicker
        {...common}
        multiple
        value={chosen}
        onChange={(v) => onChange(v)}
        onPortalDialog={async () => (await frame.selectUsers()).map((u) => u.id)}
      />
    );
  return (
    <UserPicker
      {...common}
      value={chosen[0] ?? null}
      onChange={(v) => onChange(v ?? '')}
      onPortalDialog={async () => {
        const picked = await frame.selectUser();
        return picked ? [picked.id] : null;
      }}
    />
  );
}
