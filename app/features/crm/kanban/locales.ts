import { registerLocales } from '../../../i18n/index.ts';

// English is inline: it is the fallback and the source of the keys every translation must have.
const en = {
  board: 'Kanban board',
  pipeline: 'Pipeline',
  pipelineNumber: 'Pipeline {{id}}',
  loading: 'Loading the board…',
  hint: 'Drag a card to another stage, or use the move button on the card.',
  noStagesTitle: 'This pipeline has no stages',
  noStagesHint: 'Add stages to the pipeline in the Bitrix24 CRM settings; they show up here as columns.',
  count: 'Records in this stage: {{count}}',
  empty: 'No records',
  showMore: 'Show more ({{count}} not shown)',
  moveButton: 'Move “{{title}}” to another stage',
  moveMenu: 'Move to stage',
  userId: 'User #{{id}}',
  moved: '“{{title}}” moved to “{{stage}}”.',
  refusedTitle: 'The card was not moved',
  refused: 'Bitrix24 did not move “{{title}}” to “{{stage}}”, so it is back in “{{from}}”.',
  reason: 'Reason: {{reason}}',
  keptTitle: 'The stage did not change',
  kept: 'Bitrix24 kept “{{title}}” in “{{stage}}”.',
  dismiss: 'Close',
  funnel: 'Funnel',
  funnelHint:
    'Each bar counts the records that reached the stage: those in it now and those further along, won ones included. Lost ones are counted apart.',
  reached: 'Reached: {{count}}',
  inStage: 'In this stage: {{count}}',
  conversion: '{{percent}} of the previous stage',
  lost: 'Lost: {{count}}',
  funnelEmpty: 'No records in this pipeline yet.',
};

/** The `crmKanban` namespace's messages; `locales.<lang>.ts` translate exactly these keys. */
export type CrmKanbanMessages = typeof en;

registerLocales('crmKanban', {
  en,
  da: () => import('./locales.da.ts'),
  de: () => import('./locales.de.ts'),
  ru: () => import('./locales.ru.ts'),
});
