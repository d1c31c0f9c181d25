import { NativeSelect, Stack, Text } from '@mantine/core';
import { useInitInfo } from '../../b24/react.tsx';
import { errorMessageKey } from '../../data/index.ts';
import { LANGUAGE_OPTION, useSetUserOption, useUserOption } from '../../data/platform/index.ts';
import { initI18n, useT } from '../../i18n/index.ts';
import './locales.ts';

// Language names are written in their own language, so everyone finds theirs.
const LANGUAGE_NAMES = { en: 'English', da: 'Dansk', de: 'Deutsch', ru: 'Русский' } as const;

/** The user's language override (user option `kontor.lang`; empty = follow the portal's LANG). */
export function LanguageSetting() {
  const t = useT('settings');
  const info = useInitInfo();
  const stored = useUserOption(LANGUAGE_OPTION);
  const save = useSetUserOption(LANGUAGE_OPTION);
  const value = typeof stored.data === 'string' ? stored.data : '';
  const data = [
    { value: '', label: t('language.portal', { lang: info.lang }) },
    ...Object.entries(LANGUAGE_NAMES).map(([code, name]) => ({ value: code, label: name })),
  ];
  const failure = save.error ?? stored.error;
  return (
    <Stack gap={4}>
      <NativeSelect
        label={t('language.label')}
        description={t('language.description')}
        data={data}
        value={value}
        disabled={stored.isPending || save.isPending}
        maw={360}
        data-testid="language-select"
        onChange={(e) => {
          const next = e.currentTarget.value;
          // Switch the screen once the choice is stored, so what the user sees is what is saved.
          save.mutate(next, { onSuccess: () => void initI18n(next || info.lang) });
        }}
        error={failure ? t(errorMessageKey(failure)) : undefined}
      />
      {save.isSuccess ? (
        <Text size="xs" c="teal" role="status">
          {t('language.saved')}
        </Text>
      ) : null}
    </Stack>
  );
}
