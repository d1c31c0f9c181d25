import { Alert, Badge, Box, Button, Flex, Group, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import IconDatabase from '@tabler/icons-react/icons/IconDatabase';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import { useState } from 'react';
import { useStorages } from '../../data/storage/get-storages.ts';
import { isAppContextRequired } from '../../data/storage/storage-provider.ts';
import type { CreateStorageReport } from '../../data/storage/types.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { CreateStorageModal } from './create-storage-modal.tsx';
import { useErrorText } from './error-text.ts';
import './locales.ts';
import { StorageView } from './storage-view.tsx';

/** What the section says after a write that did not go all the way (as text). */
interface Notice {
  color: 'green' | 'orange';
  lines: string[];
}

/**
 * "Custom data": the app's `entity.*` storages — create one with typed properties, open one to see and
 * edit its items, properties and sections, import and export CSV. Kontor's own storages (sync profiles,
 * runs, change history) are listed too, read-only. Needs the app's own token: outside the portal frame
 * (an inbound webhook) Bitrix24 refuses `entity.*`, and the screen says so.
 */
export default function StorageSection() {
  const t = useT('storage');
  const errorText = useErrorText();
  const storages = useStorages();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  if (storages.error) {
    if (isAppContextRequired(storages.error))
      return <ErrorState title={t('appContext.title')} message={t('appContext.message')} hint={t('appContext.hint')} />;
    return (
      <ErrorState
        message={errorText(storages.error)}
        hint={t('loadFailedHint')}
        onRetry={() => void storages.refetch()}
      />
    );
  }
  if (storages.isPending) return <LoadingState label={t('loading')} />;

  const list = storages.data;
  const current = list.find((s) => s.entity === selected)?.entity ?? list[0]?.entity ?? null;

  const created = (report: CreateStorageReport) => {
    setSelected(report.entity);
    const lines = [
      ...report.propertyFailures.map((f) => t('create.propertyFailed', { code: f.code, reason: errorText(f.error) })),
      ...(report.registryError ? [t('registry.notSaved', { reason: errorText(report.registryError) })] : []),
    ];
    setNotice(lines.length ? { color: 'orange', lines: [t('create.partly'), ...lines] } : null);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('title')}</Title>
        <Button leftSection={<IconPlus size={16} stroke={1.5} />} onClick={() => setCreating(true)}>
          {t('create.open')}
        </Button>
      </Group>
      {notice ? (
        <Alert color={notice.color} role="alert" withCloseButton onClose={() => setNotice(null)}>
          {notice.lines.map((line, i) => (
            <Text key={i} size="sm">
              {line}
            </Text>
          ))}
        </Alert>
      ) : null}
      {list.length === 0 || current === null ? (
        <EmptyState title={t('empty.title')} hint={t('empty.hint')} icon={<IconDatabase size={28} stroke={1.5} />} />
      ) : (
        <Flex gap="md" align="flex-start" direction={{ base: 'column', md: 'row' }}>
          <Paper
            component="nav"
            aria-label={t('list')}
            withBorder
            radius="md"
            p="xs"
            w={{ base: '100%', md: 240 }}
            style={{ flexShrink: 0 }}
          >
            <Stack gap={2}>
              {list.map((s) => (
                <NavLink
                  key={s.entity}
                  component="button"
                  label={s.name}
                  description={s.entity}
                  active={s.entity === current}
                  aria-current={s.entity === current ? 'page' : undefined}
                  rightSection={
                    s.readOnly ? (
                      <Badge size="xs" variant="light" color="gray" tt="none">
                        {s.managedBy === 'sync' ? t('storage.kontorBadge') : t('storage.readOnlyBadge')}
                      </Badge>
                    ) : null
                  }
                  onClick={() => setSelected(s.entity)}
                />
              ))}
            </Stack>
          </Paper>
          <Box style={{ flex: 1, minWidth: 0 }} w="100%">
            <StorageView
              key={current}
              entity={current}
              onDeleted={(warning) => {
                setSelected(null);
                setNotice(warning ? { color: 'orange', lines: [warning] } : null);
              }}
            />
          </Box>
        </Flex>
      )}
      {creating ? (
        <CreateStorageModal taken={list.map((s) => s.entity)} onClose={() => setCreating(false)} onCreated={created} />
      ) : null}
    </Stack>
  );
}
