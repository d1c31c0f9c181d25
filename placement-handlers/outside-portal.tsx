import { Anchor, Container, List, Paper, Stack, Text, Title } from '@mantine/core';
import { SANDBOX_APP_URL } from '../app/b24/index.ts';
import { useT } from '../app/i18n/index.ts';
import './locales.ts';

/** Opened directly (no `window.name` from a portal): explain how to open Kontor instead of hanging. */
export function OutsidePortal({ showSandboxLink = import.meta.env.DEV }: { showSandboxLink?: boolean }) {
  const t = useT('shell');
  return (
    <Container size="sm" py="xl">
      <Paper withBorder p="xl" radius="md">
        <Stack gap="sm">
          <Title order={1}>{t('outside.title')}</Title>
          <Text>{t('outside.body')}</Text>
          <List>
            <List.Item>{t('outside.howTo')}</List.Item>
          </List>
          {showSandboxLink ? (
            <Text size="sm" c="dimmed">
              {t('outside.devHint')} <Anchor href={SANDBOX_APP_URL}>{SANDBOX_APP_URL}</Anchor>
            </Text>
          ) : null}
        </Stack>
      </Paper>
    </Container>
  );
}
