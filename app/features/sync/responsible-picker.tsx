import { useFrame } from '../../b24/index.ts';
import { useUserSearch } from '../../data/query/search-users.ts';
import { useT } from '../../i18n/index.ts';
import { UserPicker } from '../../ui/user-picker.tsx';
import './locales.ts';

export interface ResponsiblePickerProps {
  value: string | null;
  onChange: (id: string | null) => void;
  disabled?: boolean;
}

/** Who hears about each run: the shared user picker, with the portal's own user dialog beside it. */
export function ResponsiblePicker({ value, onChange, disabled }: ResponsiblePickerProps) {
  const t = useT('sync');
  const users = useUserSearch();
  const frame = useFrame();
  return (
    <UserPicker
      label={t('responsible.label')}
      description={t('responsible.hint')}
      value={value}
      onChange={onChange}
      disabled={disabled}
      search={users.search}
      resolve={users.resolve}
      onPortalDialog={async () => {
        const user = await frame.selectUser();
        return user ? [user.id] : null;
      }}
    />
  );
}
