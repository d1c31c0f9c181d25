import { registerLocales } from '../../../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
// Counts are written so that no plural forms are needed ("Selected: 1", "3 changed").
const en = {
  toolbar: 'Bulk actions',
  selected: 'Selected: {{count}}',
  changeStage: 'Change stage',
  changeResponsible: 'Change responsible',
  changeField: 'Change a field',
  delete: 'Delete',
  clear: 'Clear selection',
  selectedRecords: 'Selected records: {{count}}',
  loadingSelection: 'Reading the selected records…',
  selectionFailed: 'The selected records could not be read.',
  stage: 'Stage',
  pipeline: 'Pipeline',
  pipelineStage: '{{pipeline}} ({{count}})',
  onePipeline: 'All selected records are in the pipeline “{{pipeline}}”.',
  manyPipelines:
    'The selected records are in {{count}} pipelines. A record can only move to a stage of its own pipeline: choose a stage for each pipeline, or leave one empty to keep its records as they are.',
  leaveAsIs: 'Leave as they are',
  missing:
    'No longer in the portal: {{count}}. They were probably deleted; they will be listed as failed and not sent.',
  responsible: 'New responsible person',
  searchUser: 'Type a name to search',
  noUsers: 'Nobody found',
  field: 'Field',
  chooseField: 'Choose a field',
  noFields: 'This record type has no fields that can be changed in bulk.',
  willClear: 'The value is empty: “{{field}}” will be cleared in every selected record.',
  required: '“{{field}}” is required and cannot be cleared.',
  deleteWarning: 'Delete the selected records ({{count}})? This cannot be undone.',
  apply: 'Apply to the selected ({{count}})',
  deleteConfirm: 'Delete ({{count}})',
  cancel: 'Cancel',
  progress: 'Progress',
  sending: 'Sending… {{done}} of {{total}} answered',
  stop: 'Stop after this batch',
  stopping: 'Stopping after the current batch…',
  soFarUpdate: '{{ok}} changed, {{failed}} failed so far',
  soFarDelete: '{{ok}} deleted, {{failed}} failed so far',
  summaryUpdate: '{{ok}} changed, {{failed}} failed, {{notAttempted}} not attempted',
  summaryDelete: '{{ok}} deleted, {{failed}} failed, {{notAttempted}} not attempted',
  summarySkipped: 'Left as they are (no stage chosen for their pipeline): {{count}}',
  allDone: 'Every record was changed.',
  allDeleted: 'Every record was deleted.',
  cancelled: 'Cancelled. The records not attempted were not sent and are unchanged.',
  stopped:
    'A request failed as a whole ({{message}}), so the rest was not sent. Its records are marked failed: they may or may not have been changed. Retrying is safe: the same values are simply set again, and a record already deleted counts as deleted.',
  runFailed: 'The changes could not be sent: {{message}}',
  results: 'Results',
  record: 'Record',
  result: 'Result',
  statusChanged: 'Changed',
  statusDeleted: 'Deleted',
  statusAlreadyGone: 'Already deleted',
  statusNotAttempted: 'Not attempted',
  statusSkipped: 'Left as it is',
  statusPending: 'Waiting',
  statusFailed: 'Failed',
  moreRows: 'Showing {{shown}} of {{total}} rows (those needing attention first).',
  retryFailed: 'Retry failed ({{count}})',
  sendRest: 'Send the rest ({{count}})',
  close: 'Close',
};

/** The `crmBulk` namespace (bulk actions on selected rows); `locales.<lang>.ts` translate exactly these keys. */
export type CrmBulkMessages = typeof en;

registerLocales('crmBulk', {
  en,
  da: () => import('./locales.da.ts'),
  de: () => import('./locales.de.ts'),
  ru: () => import('./locales.ru.ts'),
});
