import IconLock from '@tabler/icons-react/icons/IconLock';
import { useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/states.tsx';
import './locales.ts';

/** What a regular user sees in install mode: who can finish the installation. */
export function AdminOnlyNotice() {
  const t = useT('install');
  return (
    <EmptyState icon={<IconLock size={28} stroke={1.5} />} title={t('adminOnly.title')} hint={t('adminOnly.hint')} />
  );
}
