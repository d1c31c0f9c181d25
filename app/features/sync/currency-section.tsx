import { Alert, Badge, Button, Checkbox, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import { useState } from 'react';
import { errorDetail, errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useCurrencyApply, useCurrencyDryRun, useCurrencyMeta } from '../../data/query/sync-currency.ts';
import { useSaveSyncProfile, useSyncProfiles } from '../../data/query/sync-profiles.ts';
import type { CurrencyPlan, CurrencyPlanRow } from '../../data/sync/currency-sync.ts';
import type { FeedFile } from '../../data/sync/load-feed.ts';
import type { CurrencySyncResult } from '../../data/sync/run-sync.ts';
import type { SyncProfile } from '../../data/sync/sync-store.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { FeedErrors } from './feed-errors.tsx';
import { FeedSource } from './feed-source.tsx';
import { formatNumber, formatPercent } from './format.ts';
import './locales.ts';
import { ResponsiblePicker } from './responsible-picker.tsx';
import { RunLog } from './run-log.tsx';
import { WriteReport } from './write-report.tsx';

/** The profile the screen keeps its settings in when none is saved yet (the CLI's `--profile "Currency rates"`). */
const DEFAULT_PROFILE: SyncProfile = { name: 'Currency rates', kind: 'currency' };

const STATUS_COLOR: Record<CurrencyPlanRow['status'], string> = {
  update: 'blue',
  unchanged: 'gray',
  new: 'orange',
  base: 'grape',
  'not-in-feed': 'gray',
};

/**
 * The workspace's Currency rates: a rate feed (ECB XML, JSON `{base, date, rates}` or CSV; a file or a
 * URL) converted to the portal's base currency with each currency's AMOUNT_CNT kept, shown as a dry run
 * (old rate, new rate, change), currencies the portal lacks offered for adding, then written in one
 * batch; the run is logged and its summary sent to the responsible person.
 */
export default function CurrencySection() {
  const t = useT('sync');
  const meta = useCurrencyMeta();
  const profiles = useSyncProfiles('currency');

  if (meta.error || profiles.error) {
    const error = meta.error ?? profiles.error;
    const detail = errorDetail(error);
    return (
      <ErrorState
        message={`${t(errorMessageKey(error))}${detail ? ` (${detail})` : ''}`}
        onRetry={() => void Promise.all([meta.refetch(), profiles.refetch()])}
      />
    );
  }
  if (meta.isPending || profiles.isPending) return <LoadingState />;
  const profile = profiles.data[0] ?? DEFAULT_PROFILE;
  return <CurrencySync key={profile.name} saved={profile} isNew={profiles.data.length === 0} base={meta.data.base} />;
}

interface CurrencySyncProps {
  saved: SyncProfile;
  isNew: boolean;
  base: string;
}

function CurrencySync({ saved, isNew, base }: CurrencySyncProps) {
  const t = useT('sync');
  const dryRun = useCurrencyDryRun();
  const apply = useCurrencyApply();
  const save = useSaveSyncProfile();
  const [feed, setFeed] = useState<{ file: FeedFile; url: string | null } | null>(null);
  const [responsibleId, setResponsibleId] = useState<string | null>(saved.responsibleId ?? null);
  const [postToStream, setPostToStream] = useState(!!saved.postToStream);
  const [add, setAdd] = useState<string[]>([]);
  const [saveWarning, setSaveWarning] = useState<string | null>(null);

  const profile: SyncProfile = {
    ...saved,
    source: { ...saved.source, ...(feed?.url ? { location: feed.url } : {}) },
    responsibleId: responsibleId ?? undefined,
    postToStream,
  };
  const load = (file: FeedFile, url: string | null) => {
    setFeed({ file, url });
    setAdd([]);
    apply.reset();
    dryRun.mutate({ profile, feed: file });
  };

  const plan = dryRun.data?.plan ?? null;
  const toWrite = plan
    ? plan.rows.filter((r) => r.status === 'update' || (r.status === 'new' && add.includes(r.currency)))
    : [];
  const written = apply.data;

  const run = async () => {
    if (!feed) return;
    setSaveWarning(null);
    const changed =
      isNew ||
      (saved.responsibleId ?? '') !== (profile.responsibleId ?? '') ||
      !!saved.postToStream !== postToStream ||
      (saved.source?.location ?? '') !== (profile.source?.location ?? '');
    // The settings go with the profile, so the next run (here or `npx kontor sync currency --profile`) has them.
    if (changed) await save.mutateAsync({ profile }).catch((e: unknown) => setSaveWarning(t(errorMessageKey(e))));
    await apply.mutateAsync({ profile, feed: feed.file, add }).catch(() => undefined);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{t('currency.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('currency.intro')}
          </Text>
        </Stack>
        <Badge size="lg" variant="light" radius="sm">
          {t('currency.base', { code: base })}
        </Badge>
      </Group>

      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <FeedSource
            accept=".xml,.json,.csv,.txt"
            defaultUrl={saved.source?.location}
            disabled={apply.isPending}
            onLoad={load}
          />
          <Group align="flex-end" gap="lg">
            <div style={{ minWidth: 280 }}>
              <ResponsiblePicker value={responsibleId} onChange={setResponsibleId} disabled={apply.isPending} />
            </div>
            <Checkbox
              label={t('responsible.stream')}
              checked={postToStream}
              onChange={(e) => setPostToStream(e.currentTarget.checked)}
              disabled={apply.isPending}
              mb={6}
            />
          </Group>
        </Stack>
      </Paper>

      {dryRun.isPending ? (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('currency.checking')}</Text>
        </Group>
      ) : dryRun.error ? (
        <Alert role="alert" color="red" title={t('currency.dryRunFailed')}>
          {t(errorMessageKey(dryRun.error))}
        </Alert>
      ) : dryRun.data ? (
        <DryRunResult
          result={dryRun.data}
          fileName={feed?.file.name ?? ''}
          add={add}
          onAdd={setAdd}
          locked={apply.isPending || !!written}
        />
      ) : null}

      {plan && !written ? (
        <Group gap="sm">
          <Button
            onClick={() => void run()}
            loading={apply.isPending}
            disabled={toWrite.length === 0}
            leftSection={<IconCheck size={16} />}
          >
            {t('currency.apply')}
          </Button>
          <Text size="sm" c="dimmed">
            {toWrite.length === 0 ? t('currency.nothingToWrite') : t('currency.willWrite', { count: toWrite.length })}
          </Text>
        </Group>
      ) : null}

      {saveWarning ? (
        <Alert color="yellow" title={t('profiles.saveFailed')}>
          {saveWarning}
        </Alert>
      ) : null}
      {apply.error ? (
        <Alert role="alert" color="red" title={t('result.notRun')}>
          {t(errorMessageKey(apply.error))}
        </Alert>
      ) : written ? (
        <CurrencyResult result={written} planned={toWrite} notified={!!profile.responsibleId} />
      ) : null}

      <RunLog kind="currency" />
    </Stack>
  );
}

interface DryRunResultProps {
  result: CurrencySyncResult;
  fileName: string;
  add: string[];
  onAdd: (codes: string[]) => void;
  locked: boolean;
}

function DryRunResult({ result, fileName, add, onAdd, locked }: DryRunResultProps) {
  const t = useT('sync');
  if (result.status === 'refused') return <FeedErrors errors={result.errors} more={result.moreErrors} />;
  if (!result.plan) {
    return (
      <Alert role="alert" color="red" title={t('currency.dryRunFailed')}>
        {result.error ? t(errorMessageKey(result.error)) : result.summary}
        {result.error?.message ? ` (${result.error.message})` : ''}
      </Alert>
    );
  }
  const plan = result.plan;
  const missing = plan.rows.filter((r) => r.status === 'new');
  return (
    <Stack gap="sm" component="section" aria-labelledby="currency-dry-run">
      <Group justify="space-between" align="baseline">
        <Title order={4} id="currency-dry-run">
          {t('currency.dryRun')}
        </Title>
        <Text size="sm" c="dimmed">
          {t(plan.date ? 'currency.feedInfo' : 'currency.feedInfoNoDate', {
            file: fileName,
            date: plan.date,
            feedBase: plan.feedBase,
            base: plan.base,
          })}
        </Text>
      </Group>
      <Text size="sm">
        {t('currency.counts', {
          update: plan.counts.update,
          unchanged: plan.counts.unchanged,
          new: plan.counts.new,
        })}
      </Text>
      <RatesTable plan={plan} rows={plan.rows.filter((r) => r.status !== 'new')} />
      {missing.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="currency-missing">
          <Title order={5} id="currency-missing">
            {t('currency.missingTitle', { count: missing.length })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('currency.missingHint', { base: plan.base })}
          </Text>
          <RatesTable plan={plan} rows={missing} add={add} onAdd={locked ? undefined : onAdd} />
        </Stack>
      ) : null}
    </Stack>
  );
}

interface RatesTableProps {
  plan: CurrencyPlan;
  rows: CurrencyPlanRow[];
  add?: string[];
  onAdd?: (codes: string[]) => void;
}

function RatesTable({ plan, rows, add, onAdd }: RatesTableProps) {
  const t = useT('sync');
  const lang = useLanguage();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover fz="sm" aria-label={add ? t('currency.missingLabel') : t('currency.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('currency.columns.currency')}</Table.Th>
            <Table.Th ta="right">{t('currency.columns.perUnit')}</Table.Th>
            <Table.Th ta="right">{t('currency.columns.oldRate', { base: plan.base })}</Table.Th>
            <Table.Th ta="right">{t('currency.columns.newRate', { base: plan.base })}</Table.Th>
            <Table.Th ta="right">{t('currency.columns.change')}</Table.Th>
            <Table.Th>{t('currency.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const chosen = add?.includes(row.currency) ?? false;
            return (
              <Table.Tr key={row.currency} data-currency={row.currency}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.currency}
                  </Text>
                  {row.name && row.name !== row.currency ? (
                    <Text size="xs" c="dimmed">
                      {row.name}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(row.amountCnt, lang, 0)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.oldAmount, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.newAmount, lang)}</Table.Td>
                <Table.Td
                  ta="right"
                  c={row.changePercent ? (row.changePercent > 0 ? 'teal' : 'red') : undefined}
                  data-testid="change"
                >
                  {formatPercent(row.changePercent, lang)}
                </Table.Td>
                <Table.Td>
                  {row.status === 'new' && onAdd ? (
                    <Button
                      size="compact-sm"
                      variant={chosen ? 'filled' : 'light'}
                      aria-pressed={chosen}
                      aria-label={t(chosen ? 'currency.dontAddLabel' : 'currency.addLabel', { code: row.currency })}
                      leftSection={chosen ? <IconCheck size={14} /> : <IconPlus size={14} />}
                      onClick={() => onAdd(chosen ? add!.filter((c) => c !== row.currency) : [...add!, row.currency])}
                    >
                      {chosen ? t('currency.willAdd') : t('currency.add')}
                    </Button>
                  ) : (
                    <Badge color={STATUS_COLOR[row.status]} variant="light" radius="sm">
                      {t(`currency.status.${row.status}`)}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface CurrencyResultProps {
  result: CurrencySyncResult;
  /** The rows the apply was to write (changed rates and the currencies chosen for adding). */
  planned: CurrencyPlanRow[];
  notified: boolean;
}

/** What the apply wrote and what it did not, exactly, with the reasons. */
function CurrencyResult({ result, planned, notified }: CurrencyResultProps) {
  const t = useT('sync');
  if (result.status === 'refused') return <FeedErrors errors={result.errors} more={result.moreErrors} />;
  const applied = result.apply;
  const written = applied ? [...applied.updated, ...applied.added] : [];
  const failed = applied?.failed.map((f) => ({ id: f.currency, reason: f.error })) ?? [];
  const settled = new Set([...written, ...failed.map((f) => f.id)]);
  const notWritten = (result.plan?.rows ?? planned)
    .filter((r) => planned.some((p) => p.currency === r.currency) && !settled.has(r.currency))
    .map((r) => r.currency);
  return (
    <WriteReport
      status={result.status}
      error={result.error}
      summary={result.summary}
      warnings={result.warnings}
      notified={notified}
      counts={[
        { label: t('result.updated'), value: applied?.updated.length ?? 0 },
        { label: t('result.added'), value: applied?.added.length ?? 0 },
        { label: t('result.failedCount'), value: failed.length },
        { label: t('result.notWritten'), value: notWritten.length },
      ]}
      written={written}
      failed={failed}
      notWritten={notWritten}
    />
  );
}
