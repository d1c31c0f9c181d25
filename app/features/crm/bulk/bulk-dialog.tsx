import { Modal } from '@mantine/core';
import { useState } from 'react';
import { BitrixError } from '../../../b24/errors.ts';
import { errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useBulkSelection } from '../../../data/query/get-bulk-selection.ts';
import { useCategories } from '../../../data/query/get-categories.ts';
import { useStages } from '../../../data/query/get-stages.ts';
import { useBulkWrite, type BulkResult, type BulkWrite } from '../../../data/query/bulk-write.ts';
import type { RecordData, Resource } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { recordTitle } from '../../../ui/record-title.ts';
import { ErrorState, LoadingState } from '../../../ui/states.tsx';
import {
  failPending,
  initialRows,
  markPending,
  mergeResult,
  narrowWrite,
  writeIds,
  type BulkAction,
  type BulkPlan,
  type RowState,
} from './bulk-model.ts';
import { BulkRunView } from './bulk-run-view.tsx';
import { DeleteForm } from './delete-form.tsx';
import { FieldForm } from './field-form.tsx';
import { ResponsibleForm } from './responsible-form.tsx';
import { StageForm } from './stage-form.tsx';
import './locales.ts';

export interface BulkDialogProps {
  resource: Resource;
  ids: string[];
  action: BulkAction;
  /** `ran`: something was sent (the selection has served its purpose). */
  onClose: (ran: boolean) => void;
}

/** The props every action's form gets: the selection as read from the portal, and where to hand the plan. */
export interface BulkFormProps {
  resource: Resource;
  ids: string[];
  /** The selected records the portal still has: id, name, stage and pipeline where the type has them. */
  rows: RecordData[];
  onSubmit: (plan: BulkPlan) => void;
  onCancel: () => void;
}

/**
 * Mounted next to the selection read when the stage dialog opens, so stages and pipelines go out in the
 * same batch as the field metadata the selection needs, instead of after the selection has arrived.
 */
function StageReads({ resource }: { resource: Resource }) {
  useStages(resource.name);
  useCategories(resource.name);
  return null;
}

const TITLES: Record<BulkAction, string> = {
  stage: 'changeStage',
  responsible: 'changeResponsible',
  field: 'changeField',
  delete: 'delete',
};

/**
 * One bulk action from choice to result: the action's form over the selection (read once, names and
 * pipelines only), then the run — progress after each batch, a stop between batches — and the outcome
 * of every record, with the failed ones retried and the unsent ones sent on request. While a batch is on
 * its way the dialog cannot be closed: nothing is left half-done without the user seeing it.
 */
export function BulkDialog({ resource, ids, action, onClose }: BulkDialogProps) {
  const t = useT('crmBulk');
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  // Read for the form only: once the run starts, the run's own invalidation must not read it again.
  const selection = useBulkSelection(resource, ids, plan === null);
  const bulk = useBulkWrite(resource.name);
  const [rows, setRows] = useState<ReadonlyMap<string, RowState>>(new Map());
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [last, setLast] = useState<BulkResult | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const [stopping, setStopping] = useState(false);

  const send = async (write: BulkWrite) => {
    setStopping(false);
    setRunError(null);
    setLast(null);
    setRows((r) => markPending(r, writeIds(write)));
    try {
      const result = await bulk.start(write);
      setRows((r) => mergeResult(r, result));
      setLast(result);
    } catch (e) {
      setRows((r) => failPending(r, e));
      setRunError(e);
    }
  };

  const begin = (next: BulkPlan) => {
    // Names are kept from before the run: after a delete the portal no longer has them.
    setNames(new Map((selection.data ?? []).map((r) => [r.id, recordTitle(r, resource.titleField)])));
    setRows(initialRows(next, (id) => new BitrixError('NOT_FOUND', `No record with id "${id}"`, 0)));
    setPlan(next);
    void send(next.write);
  };

  const running = bulk.isRunning;
  const close = () => {
    if (!running) onClose(plan !== null);
  };
  const formProps = {
    resource,
    ids,
    rows: selection.data ?? [],
    onSubmit: begin,
    onCancel: close,
  };

  let body;
  if (plan) {
    body = (
      <BulkRunView
        kind={plan.write.kind}
        rows={rows}
        names={names}
        progress={bulk.progress}
        running={running}
        stopping={stopping}
        last={last}
        runError={runError}
        onStop={() => {
          setStopping(true);
          bulk.cancel();
        }}
        onSend={(sendIds) => void send(narrowWrite(plan.write, sendIds))}
        onClose={close}
      />
    );
  } else if (selection.error) {
    body = <ErrorState message={t(errorMessageKey(selection.error))} onRetry={() => void selection.refetch()} />;
  } else if (selection.isPending) {
    body = <LoadingState label={t('loadingSelection')} />;
  } else if (action === 'stage') {
    body = <StageForm {...formProps} />;
  } else if (action === 'responsible') {
    body = <ResponsibleForm {...formProps} />;
  } else if (action === 'field') {
    body = <FieldForm {...formProps} />;
  } else {
    body = <DeleteForm {...formProps} />;
  }

  return (
    <Modal
      opened
      onClose={close}
      title={t(TITLES[action])}
      size="lg"
      closeOnClickOutside={!running}
      closeOnEscape={!running}
      withCloseButton={!running}
    >
      {action === 'stage' && !plan ? <StageReads resource={resource} /> : null}
      {body}
    </Modal>
  );
}
