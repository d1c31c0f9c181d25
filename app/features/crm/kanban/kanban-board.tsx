import { Alert, Box, Group, SegmentedControl, Select, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
// Specific files, not the data barrel: the barrel would pull every write and platform module into this chunk.
import { errorDetail, errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useCategories } from '../../../data/query/get-categories.ts';
import { usePipelineRecords } from '../../../data/query/get-pipeline-records.ts';
import { stageOf, useStages } from '../../../data/query/get-stages.ts';
import { userIdOf, useUserNames } from '../../../data/query/get-users.ts';
import { useMoveStage } from '../../../data/query/move-stage.ts';
import type { Category, RecordData, Resource, Stage } from '../../../data/types.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { formatValue } from '../../../ui/format-value.ts';
import { recordTitle } from '../../../ui/record-title.ts';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states.tsx';
import { columnsOf, formatSums, pipelineStages } from './board-model.ts';
import { KanbanCard } from './kanban-card.tsx';
import { KanbanColumn } from './kanban-column.tsx';
import { StageFunnel } from './stage-funnel.tsx';
import './locales.ts';

export interface KanbanBoardProps {
  resource: Resource;
  onOpen: (id: string) => void;
}

/** Cards rendered per column at first and per "Show more": a column never holds thousands of DOM cards. */
export const CARDS_PER_PAGE = 50;

/** Up to this many pipelines fit a segmented control; more get a select. */
const SEGMENTS_MAX = 4;

type Notice =
  | { kind: 'refused'; title: string; stage: string; from: string; error: unknown }
  | { kind: 'kept'; title: string; stage: string };

/**
 * The kanban of a CRM resource (deals, leads, smart processes): one pipeline at a time, a column per
 * stage with its count and totals, cards dragged (or moved from their menu) to another stage, and the
 * pipeline's funnel. Pipelines and stages are read in one batch, then the pipeline's records in one
 * request per 2,500, then the responsible users' names in one `user.get`. A move shows at once and is
 * undone, with the portal's reason, if the portal refuses it.
 */
export function KanbanBoard({ resource, onOpen }: KanbanBoardProps) {
  const t = useT('crmKanban');
  const lang = useLanguage();
  const categories = useCategories(resource.name);
  const stages = useStages(resource.name);
  const [chosen, setChosen] = useState<string | null>(null);
  const pipelines = categories.data ?? [];
  const pipeline = pipelines.find((p) => p.id === chosen) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  const records = usePipelineRecords(resource.name, pipeline);
  const rows = useMemo(() => records.data?.data ?? [], [records.data]);
  const users = useUserNames(rows.map((r) => r.assignedById));
  const move = useMoveStage(resource.name, { silent: true });

  const [notice, setNotice] = useState<Notice | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Cards moved on this board, most recent first: they lead their new column, so the user sees them land.
  const [pinned, setPinned] = useState<string[]>([]);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [shown, setShown] = useState<Record<string, number>>({});

  const columnStages = useMemo(() => pipelineStages(stages.data, pipeline), [stages.data, pipeline]);
  const columns = useMemo(() => columnsOf(columnStages, rows, pinned), [columnStages, rows, pinned]);

  const moveCard = useCallback(
    (id: string, stage: Stage) => {
      setDragging(null);
      setOver(null);
      const record = rows.find((r) => r.id === id);
      if (!record || record.stageId === stage.id) return;
      const title = recordTitle(record, resource.titleField);
      const from = stageOf(columnStages, record.stageId)?.name ?? String(record.stageId ?? '');
      setPinned((p) => [id, ...p.filter((x) => x !== id)]);
      setNotice(null);
      setAnnouncement(t('moved', { title, stage: stage.name }));
      move.mutateAsync({ id, stageId: stage.id }).then(
        (saved) => {
          // A portal may answer "done" and keep the record where it was (another pipeline's stage, a robot).
          if (saved.stageId !== stage.id)
            setNotice({
              kind: 'kept',
              title,
              stage: stageOf(stages.data, saved.stageId)?.name ?? String(saved.stageId),
            });
        },
        (error: unknown) => setNotice({ kind: 'refused', title, stage: stage.name, from, error }),
      );
    },
    // `move.mutateAsync` is stable; `move` itself changes with every state of the mutation.
    [rows, resource.titleField, columnStages, stages.data, t, move.mutateAsync],
  );
  const endDrag = useCallback(() => {
    setDragging(null);
    setOver(null);
  }, []);
  const choose = (id: string | null) => {
    if (!id || id === pipeline?.id) return;
    setChosen(id);
    setPinned([]);
    setShown({});
    setNotice(null);
  };

  // A failed first load; a failed refresh (after a move) leaves the board as it is.
  const failed = [categories, stages, records].find((q) => q.error && q.data === undefined);
  if (failed?.error)
    return (
      <ErrorState
        message={messageOf(t, failed.error)}
        onRetry={() => void Promise.all([categories, stages, records].filter((q) => q.error).map((q) => q.refetch()))}
      />
    );
  if (categories.isPending || stages.isPending || (pipeline && records.isPending))
    return <LoadingState label={t('loading')} />;

  const nameOf = (p: Category) => p.name || t('pipelineNumber', { id: p.id });
  const selector =
    pipelines.length < 2 ? null : pipelines.length <= SEGMENTS_MAX ? (
      <SegmentedControl
        aria-label={t('pipeline')}
        value={pipeline?.id ?? ''}
        onChange={choose}
        data={pipelines.map((p) => ({ value: p.id, label: nameOf(p) }))}
      />
    ) : (
      <Select
        label={t('pipeline')}
        value={pipeline?.id ?? null}
        onChange={choose}
        allowDeselect={false}
        data={pipelines.map((p) => ({ value: p.id, label: nameOf(p) }))}
        w={260}
      />
    );

  const cardText = (record: RecordData) => {
    const currency = typeof record.currencyId === 'string' ? record.currencyId : '';
    const amount = Number(record.opportunity) ? record.opportunity : '';
    const userId = userIdOf(record.assignedById);
    return {
      title: recordTitle(record, resource.titleField),
      amount: formatValue(amount, { kind: 'money' }, currency ? { lang, currency } : { lang }),
      responsible: userId ? users[userId]?.fullName || t('userId', { id: userId }) : '',
    };
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        {selector}
        <Text size="xs" c="dimmed">
          {t('hint')}
        </Text>
      </Group>
      {notice ? (
        <Alert
          color={notice.kind === 'refused' ? 'red' : 'yellow'}
          title={notice.kind === 'refused' ? t('refusedTitle') : t('keptTitle')}
          withCloseButton
          closeButtonLabel={t('dismiss')}
          onClose={() => setNotice(null)}
        >
          {notice.kind === 'refused' ? (
            <>
              <Text size="sm">{t('refused', { title: notice.title, stage: notice.stage, from: notice.from })}</Text>
              <Text size="sm">{t('reason', { reason: messageOf(t, notice.error) })}</Text>
            </>
          ) : (
            <Text size="sm">{t('kept', { title: notice.title, stage: notice.stage })}</Text>
          )}
        </Alert>
      ) : null}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      {columnStages.length === 0 ? (
        <EmptyState title={t('noStagesTitle')} hint={t('noStagesHint')} />
      ) : (
        <>
          <Box role="group" aria-label={t('board')} style={{ overflowX: 'auto' }} pb="xs">
            <Group align="flex-start" wrap="nowrap" gap="sm">
              {columns.map((column) => {
                const limit = shown[column.stage.id] ?? CARDS_PER_PAGE;
                return (
                  <KanbanColumn
                    key={column.stage.id}
                    stage={column.stage}
                    count={column.records.length}
                    sums={formatSums(column.sums, lang)}
                    hidden={Math.max(0, column.records.length - limit)}
                    over={over === column.stage.id}
                    dragging={dragging}
                    onShowMore={(id) => setShown((s) => ({ ...s, [id]: limit + CARDS_PER_PAGE }))}
                    onDragOver={setOver}
                    onDrop={moveCard}
                  >
                    {column.records.slice(0, limit).map((record) => (
                      <KanbanCard
                        key={record.id}
                        id={record.id}
                        {...cardText(record)}
                        stageId={column.stage.id}
                        stages={columnStages}
                        dragging={dragging === record.id}
                        onOpen={onOpen}
                        onMove={moveCard}
                        onDragStart={setDragging}
                        onDragEnd={endDrag}
                      />
                    ))}
                  </KanbanColumn>
                );
              })}
            </Group>
          </Box>
          <StageFunnel columns={columns} />
        </>
      )}
    </Stack>
  );
}

/** A failure in the user's language, with the portal's own words after it when it gave any. */
function messageOf(t: ReturnType<typeof useT>, error: unknown): string {
  const detail = errorDetail(error);
  return detail ? `${t(errorMessageKey(error))} (${detail})` : t(errorMessageKey(error));
}
