import { Center, Loader, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/index.ts';
import './locales.ts';

/** A centred spinner with a label, for whole screens or panels waiting on the portal. */
export function LoadingState({ label }: { label?: string }) {
  const t = useT('ui');
  const text = label ?? t('loading');
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          {text}
        </Text>
      </Stack>
    </Center>
  );
}
