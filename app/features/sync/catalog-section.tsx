import { Alert, Button, Group, Modal, Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import IconPlayerPlay from '@tabler/icons-react/icons/IconPlayerPlay';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useState } from 'react';
import { errorDetail, errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useCatalogMeta } from '../../data/query/sync-catalog.ts';
import { useDeleteSyncProfile, useSyncProfiles, useSyncRuns } from '../../data/query/sync-profiles.ts';
import type { PortalMeta } from '../../data/sync/portal-catalog.ts';
import type { RunRecord, SyncProfile } from '../../data/sync/sync-store.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { CatalogExport } from './catalog-export.tsx';
import { CatalogWizard } from './catalog-wizard.tsx';
import { formatDateTime, formatNumber } from './format.ts';
import './locales.ts';
import { ProfileForm } from './profile-form.tsx';
import { RunLog, RunStatusBadge } from './run-log.tsx';

const UNFINISHED = new Set(['running', 'failed', 'aborted']);

/** Per profile, its last real run (not a dry run, not a refused feed) when that run did not finish. */
export function unfinishedRuns(runs: readonly RunRecord[]): Map<string, RunRecord> {
  const last = new Map<string, RunRecord>();
  for (const run of runs)
    if (!run.dryRun && run.status !== 'refused' && !last.has(run.profile)) last.set(run.profile, run);
  return new Map([...last].filter(([, run]) => UNFINISHED.has(run.status)));
}

/**
 * The workspace's Product catalog: sync profiles (source, mapping, schedule, responsible, "deactivate
 * missing"), a sync from a CSV/JSON/XML feed step by step (mapping, dry run, apply with progress, cancel
 * and resume), the webshop feed export, and the run log. An unfinished run is offered for resuming
 * when the screen opens.
 */
export default function CatalogSection() {
  const t = useT('sync');
  const meta = useCatalogMeta();
  const [tab, setTab] = useState<string | null>('sync');

  if (meta.error) {
    const detail = errorDetail(meta.error);
    return (
      <ErrorState
        message={`${t(errorMessageKey(meta.error))}${detail ? ` (${detail})` : ''}`}
        onRetry={() => void meta.refetch()}
      />
    );
  }
  if (meta.isPending) return <LoadingState />;
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={2}>{t('catalog.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('catalog.intro')}
        </Text>
      </Stack>
      {/* Panels stay mounted: looking at the run log or the webshop feed does not stop a running sync. */}
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="sync">{t('catalog.tabs.sync')}</Tabs.Tab>
          <Tabs.Tab value="export">{t('catalog.tabs.export')}</Tabs.Tab>
          <Tabs.Tab value="runs">{t('catalog.tabs.runs')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sync" pt="md">
          <CatalogSync meta={meta.data} />
        </Tabs.Panel>
        <Tabs.Panel value="export" pt="md">
          <CatalogExport meta={meta.data} />
        </Tabs.Panel>
        <Tabs.Panel value="runs" pt="md">
          <RunLog kind="catalog" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function CatalogSync({ meta }: { meta: PortalMeta }) {
  const t = useT('sync');
  const lang = useLanguage();
  const profiles = useSyncProfiles('catalog');
  const runs = useSyncRuns('catalog');
  const remove = useDeleteSyncProfile();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<SyncProfile | 'new' | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [running, setRunning] = useState(false);

  if (profiles.error) {
    return <ErrorState message={t(errorMessageKey(profiles.error))} onRetry={() => void profiles.refetch()} />;
  }
  if (profiles.isPending) return <LoadingState />;

  const list = profiles.data;
  const unfinished = unfinishedRuns(runs.data ?? []);
  const profile = list.find((p) => p.name === selected) ?? list.find((p) => unfinished.has(p.name)) ?? list[0] ?? null;
  // While this screen writes, its own run is not "unfinished".
  if (running) unfinished.delete(profile?.name ?? '');
  const offers = [...unfinished.values()].filter((r) => list.some((p) => p.name === r.profile));

  const form =
    editing !== null ? (
      <ProfileForm
        profile={editing === 'new' ? null : editing}
        taken={list.map((p) => p.name)}
        currencies={meta.currencies.map((c) => c.code)}
        baseCurrency={meta.baseCurrency}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setSelected(saved.name);
          setEditing(null);
        }}
      />
    ) : null;

  if (!profile)
    return (
      <>
        <EmptyState
          title={t('profiles.noneTitle')}
          hint={t('profiles.noneHint')}
          action={
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('profiles.new')}
            </Button>
          }
        />
        {form}
      </>
    );

  return (
    <Stack gap="md">
      {offers.map((run) => (
        <Alert
          key={run.id}
          color="yellow"
          variant="light"
          title={t('resume.offerTitle', { profile: run.profile })}
          role="status"
        >
          <Stack gap={6}>
            <Group gap="xs">
              <RunStatusBadge status={run.status} />
              <Text size="sm">
                {t('resume.offer', {
                  at: formatDateTime(run.updatedAt, lang),
                  done: formatNumber(run.counts.done, lang, 0),
                  total: formatNumber(run.counts.total, lang, 0),
                  created: formatNumber(run.counts.created, lang, 0),
                  updated: formatNumber(run.counts.updated, lang, 0),
                  failed: formatNumber(run.counts.failed, lang, 0),
                })}
              </Text>
            </Group>
            <Text size="sm">{t('resume.safe')}</Text>
            {run.profile !== profile.name && !running ? (
              <Button
                size="compact-sm"
                variant="light"
                color="yellow"
                leftSection={<IconPlayerPlay size={14} />}
                onClick={() => setSelected(run.profile)}
                w="fit-content"
              >
                {t('resume.continue')}
              </Button>
            ) : null}
          </Stack>
        </Alert>
      ))}
      <Paper withBorder p="sm" radius="md">
        <Group gap="sm" align="flex-end" justify="space-between">
          <Group gap="sm" align="flex-end">
            <Select
              label={t('profiles.label')}
              data={list.map((p) => p.name)}
              value={profile.name}
              onChange={(v) => v && setSelected(v)}
              allowDeselect={false}
              disabled={running}
              w={260}
            />
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setEditing(profile)}
              disabled={running}
            >
              {t('profiles.edit')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing('new')}
              disabled={running}
            >
              {t('profiles.new')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setDeleting(true)}
              disabled={running}
            >
              {t('profiles.delete')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" maw={420}>
            {[
              profile.source?.location ? t('profiles.from', { location: profile.source.location }) : null,
              profile.schedule ? t('profiles.runsAt', { schedule: profile.schedule }) : null,
              profile.fullFeed ? t('profiles.fullFeedOn') : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Group>
      </Paper>
      <CatalogWizard
        key={profile.name}
        profile={profile}
        meta={meta}
        unfinished={unfinished.get(profile.name) ?? null}
        onRunningChange={setRunning}
      />
      {form}
      <Modal opened={deleting} onClose={() => setDeleting(false)} title={t('profiles.deleteTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('profiles.deleteConfirm', { profile: profile.name })}</Text>
          {remove.error ? (
            <Alert role="alert" color="red">
              {t(errorMessageKey(remove.error))}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(false)}>
              {t('actions.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(profile.name, {
                  onSuccess: () => {
                    setDeleting(false);
                    setSelected(null);
                  },
                })
              }
            >
              {t('profiles.deleteYes')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
