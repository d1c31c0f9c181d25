import { Alert, Button, Group, Loader, Stack, Stepper, Text } from '@mantine/core';
import IconArrowLeft from '@tabler/icons-react/icons/IconArrowLeft';
import IconArrowRight from '@tabler/icons-react/icons/IconArrowRight';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconRefresh from '@tabler/icons-react/icons/IconRefresh';
import { useEffect, useMemo, useState } from 'react';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useCatalogDryRun, useCatalogProperties, useCatalogSync } from '../../data/query/sync-catalog.ts';
import { useSaveSyncProfile } from '../../data/query/sync-profiles.ts';
import { feedHash, type FeedFile } from '../../data/sync/load-feed.ts';
import type { ColumnTarget } from '../../data/sync/mapping.ts';
import type { PortalMeta } from '../../data/sync/portal-catalog.ts';
import type { RunRecord, SyncProfile } from '../../data/sync/sync-store.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { ApplyProgress } from './apply-progress.tsx';
import {
  choiceOf,
  profileForRun,
  profileToSave,
  proposeMapping,
  readCatalog,
  sameMapping,
  sameSource,
  type ReadResult,
  type ReadingChoice,
} from './catalog-feed-setup.ts';
import { CatalogResult } from './catalog-result.tsx';
import { FeedErrors } from './feed-errors.tsx';
import { FeedSource } from './feed-source.tsx';
import { formatDateTime, formatNumber } from './format.ts';
import './locales.ts';
import { MappingTable } from './mapping-table.tsx';
import { PlanTable } from './plan-table.tsx';
import { ReadingOptions } from './reading-options.tsx';

const STEP = { feed: 0, mapping: 1, dryRun: 2, apply: 3 } as const;

export interface CatalogWizardProps {
  profile: SyncProfile;
  meta: PortalMeta;
  /** This profile's last run, when it did not finish (failed, cancelled, left running by a closed tab). */
  unfinished: RunRecord | null;
  /** Told when a run starts and ends (the screen keeps the profile fixed meanwhile). */
  onRunningChange?: (running: boolean) => void;
}

/**
 * One catalog sync, step by step: the feed (a file or the profile's URL; how it is read detected and
 * overridable) → the mapping (saved in the profile) → the dry run (faults with line/field/value, or
 * counts and every planned change) → apply (progress, cancel, resume) with an exact account of what was
 * and was not written.
 */
export function CatalogWizard({ profile, meta, unfinished, onRunningChange }: CatalogWizardProps) {
  const t = useT('sync');
  const lang = useLanguage();
  const properties = useCatalogProperties(meta.iblockId);
  const save = useSaveSyncProfile();
  const dryRun = useCatalogDryRun();
  const sync = useCatalogSync();
  const [step, setStep] = useState<number>(STEP.feed);
  const [loaded, setLoaded] = useState<{ file: FeedFile; url: string | null } | null>(null);
  const [choice, setChoice] = useState<ReadingChoice>(() => choiceOf(profile));
  const [read, setRead] = useState<ReadResult | null>(null);
  const [edits, setEdits] = useState<Record<string, ColumnTarget>>({});
  const [saveWarning, setSaveWarning] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);

  const feed = read?.feed ?? null;
  const proposal = feed ? proposeMapping(feed.columns, profile.mapping) : null;
  const mapping =
    feed && proposal
      ? { columns: Object.fromEntries(feed.columns.map((c) => [c, edits[c] ?? proposal.columns[c]!])) }
      : null;

  const load = (file: FeedFile, url: string | null) => {
    const result = readCatalog(file.bytes, file.name, choice);
    setLoaded({ file, url });
    setRead(result);
    setEdits({});
    dryRun.reset();
    sync.reset();
    setStep(result.feed ? STEP.mapping : STEP.feed);
  };
  const rechoose = (next: ReadingChoice) => {
    setChoice(next);
    setEdits({});
    if (!loaded) return;
    const result = readCatalog(loaded.file.bytes, loaded.file.name, next);
    setRead(result);
    // A feed that no longer reads shows its faults where the reading options are.
    if (!result.feed) setStep(STEP.feed);
  };

  const runDry = async () => {
    if (!loaded || !feed || !mapping) return;
    setSaveWarning(null);
    const next = profileToSave(profile, choice, mapping, loaded.url);
    // The mapping (and the reading options chosen) are kept per profile: the next run and the CLI use them.
    if (!sameMapping(profile.mapping, mapping) || !sameSource(profile.source, next.source ?? {}))
      await save.mutateAsync({ profile: next }).catch((e: unknown) => setSaveWarning(t(errorMessageKey(e))));
    setStep(STEP.dryRun);
    dryRun.mutate({ profile: profileForRun(profile, feed, choice, mapping, loaded.url), feed: loaded.file });
  };

  const apply = async (takeOver = false) => {
    if (!loaded || !feed || !mapping) return;
    setCancelled(false);
    setStep(STEP.apply);
    await sync
      .start({ profile: profileForRun(profile, feed, choice, mapping, loaded.url), feed: loaded.file, takeOver })
      .catch(() => undefined);
  };
  const cancel = () => {
    setCancelled(true);
    sync.cancel();
  };
  const startOver = () => {
    setLoaded(null);
    setRead(null);
    setEdits({});
    dryRun.reset();
    sync.reset();
    setStep(STEP.feed);
  };

  const plan = dryRun.data?.status === 'planned' ? dryRun.data.plan : null;
  const writes = plan ? plan.counts.create + plan.counts.update + plan.counts.deactivate : 0;
  const sameFeed = unfinished && loaded ? unfinished.feedHash === feedHash(loaded.file.bytes) : null;
  const running = sync.isRunning;
  const propertyNames = useMemo(() => new Map((properties.data ?? []).map((p) => [p.id, p.name])), [properties.data]);
  useEffect(() => {
    onRunningChange?.(running);
    if (!running) return;
    // Closing the tab mid-run stops it (the run log keeps where): ask first.
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [running, onRunningChange]);
  const reading = loaded ? (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('reading.title', { file: loaded.file.name })}
      </Text>
      <ReadingOptions choice={choice} onChange={rechoose} feed={feed} />
    </Stack>
  ) : null;

  return (
    <Stepper active={step} onStepClick={(s) => !running && s < step && s !== STEP.apply && setStep(s)} size="sm">
      <Stepper.Step label={t('steps.feed')} description={t('steps.feedHint')}>
        <Stack gap="md" pt="md">
          {unfinished ? (
            <Alert color="yellow" variant="light" title={t('resume.title')}>
              {t('resume.chooseSame', { source: unfinished.source ?? '—' })}
            </Alert>
          ) : null}
          <FeedSource accept=".csv,.json,.xml,.txt" defaultUrl={profile.source?.location} onLoad={load} />
          {loaded ? (
            <Stack gap="sm">
              {reading}
              {read?.refused ? <FeedErrors errors={read.refused.errors} more={read.refused.more} /> : null}
              {feed ? (
                <Group>
                  <Button rightSection={<IconArrowRight size={16} />} onClick={() => setStep(STEP.mapping)}>
                    {t('steps.toMapping')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          ) : null}
        </Stack>
      </Stepper.Step>

      <Stepper.Step label={t('steps.mapping')} description={t('steps.mappingHint')}>
        {feed && mapping && proposal ? (
          <Stack gap="md" pt="md">
            {reading}
            <Text size="sm" c="dimmed">
              {t('mapping.intro')}
            </Text>
            <MappingTable
              feed={feed}
              columns={mapping.columns}
              origin={proposal.origin}
              missing={proposal.missing}
              properties={properties.data ?? []}
              onChange={(column, target) => setEdits((e) => ({ ...e, [column]: target }))}
            />
            <Group>
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(STEP.feed)}>
                {t('actions.back')}
              </Button>
              <Button
                onClick={() => void runDry()}
                loading={save.isPending}
                rightSection={<IconArrowRight size={16} />}
              >
                {t('steps.toDryRun')}
              </Button>
              <Text size="xs" c="dimmed">
                {t('mapping.savedNote', { profile: profile.name })}
              </Text>
            </Group>
          </Stack>
        ) : null}
      </Stepper.Step>

      <Stepper.Step label={t('steps.dryRun')} description={t('steps.dryRunHint')}>
        <Stack gap="md" pt="md">
          {saveWarning ? (
            <Alert color="yellow" title={t('profiles.saveFailed')}>
              {saveWarning}
            </Alert>
          ) : null}
          {dryRun.isPending ? (
            <Group gap="xs">
              <Loader size="sm" />
              <Text size="sm">{t('plan.checking')}</Text>
            </Group>
          ) : dryRun.error ? (
            <Alert role="alert" color="red" title={t('plan.failed')}>
              {t(errorMessageKey(dryRun.error))}
            </Alert>
          ) : dryRun.data?.status === 'refused' ? (
            <FeedErrors errors={dryRun.data.errors} more={dryRun.data.moreErrors} />
          ) : dryRun.data && !plan ? (
            <Alert role="alert" color="red" title={t('plan.failed')}>
              {dryRun.data.error
                ? `${t(errorMessageKey(dryRun.data.error))} (${dryRun.data.error.message})`
                : dryRun.data.summary}
            </Alert>
          ) : plan ? (
            <>
              {unfinished && sameFeed !== null ? (
                <Alert color={sameFeed ? 'blue' : 'yellow'} variant="light">
                  {t(sameFeed ? 'resume.sameFeed' : 'resume.otherFeed', {
                    done: formatNumber(unfinished.counts.done, lang, 0),
                    total: formatNumber(unfinished.counts.total, lang, 0),
                  })}
                </Alert>
              ) : null}
              <PlanTable plan={plan} propertyNames={propertyNames} />
            </>
          ) : null}
          <Group>
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(STEP.mapping)}>
              {t('actions.back')}
            </Button>
            {plan ? (
              <>
                <Button leftSection={<IconCheck size={16} />} disabled={writes === 0} onClick={() => void apply()}>
                  {t('apply.button')}
                </Button>
                <Text size="sm" c="dimmed">
                  {writes === 0
                    ? t('apply.nothing')
                    : t('apply.willWrite', {
                        create: formatNumber(plan.counts.create, lang, 0),
                        update: formatNumber(plan.counts.update, lang, 0),
                        deactivate: formatNumber(plan.counts.deactivate, lang, 0),
                      })}
                </Text>
              </>
            ) : null}
          </Group>
        </Stack>
      </Stepper.Step>

      <Stepper.Step label={t('steps.apply')} description={t('steps.applyHint')}>
        <Stack gap="md" pt="md">
          {running ? (
            <ApplyProgress progress={sync.progress} onCancel={cancel} cancelling={cancelled} />
          ) : sync.error ? (
            <Alert role="alert" color="red" title={t('result.notRun')}>
              <Text size="sm">
                {t(errorMessageKey(sync.error))} ({sync.error.message})
              </Text>
              <Text size="sm">{t('result.checkLog')}</Text>
            </Alert>
          ) : sync.result ? (
            <CatalogResult
              result={sync.result}
              cancelled={cancelled}
              notified={!!profile.responsibleId}
              onTakeOver={() => void apply(true)}
            />
          ) : null}
          {!running && (sync.result || sync.error) ? (
            <Group>
              {sync.result && sync.result.status !== 'done' && sync.result.status !== 'refused' ? (
                <Button leftSection={<IconRefresh size={16} />} onClick={() => void apply()}>
                  {t('result.continue')}
                </Button>
              ) : null}
              <Button variant="default" onClick={startOver}>
                {t('result.startOver')}
              </Button>
              {sync.result?.run ? (
                <Text size="xs" c="dimmed">
                  {t('result.logged', { at: formatDateTime(sync.result.run.startedAt, lang) })}
                </Text>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </Stepper.Step>
    </Stepper>
  );
}
