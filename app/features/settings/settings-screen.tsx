import { Divider, Stack, Title } from '@mantine/core';
import { useT } from '../../i18n/index.ts';
import { LanguageSetting } from './language-setting.tsx';
import './locales.ts';
import { PurgeDataSection } from './purge-data-section.tsx';

/** Kontor's settings: the user's language and, for admins, removing all of Kontor's data from the portal. */
export default function SettingsScreen() {
  const t = useT('settings');
  return (
    <Stack gap="lg" p="md" maw={760} data-testid="settings-screen">
      <Title order={3}>{t('title')}</Title>
      <LanguageSetting />
      <Divider />
      <PurgeDataSection />
    </Stack>
  );
}
