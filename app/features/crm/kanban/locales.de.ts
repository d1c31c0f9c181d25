import type { Translation } from '../../../i18n/index.ts';
import type { CrmKanbanMessages } from './locales.ts';

// The `crmKanban` namespace in German; fetched only when the page is in this language.
const de: Translation<CrmKanbanMessages> = {
  board: 'Kanban-Board',
  pipeline: 'Pipeline',
  pipelineNumber: 'Pipeline {{id}}',
  loading: 'Board wird geladen…',
  hint: 'Ziehen Sie eine Karte in eine andere Phase oder nutzen Sie die Verschieben-Schaltfläche auf der Karte.',
  noStagesTitle: 'Diese Pipeline hat keine Phasen',
  noStagesHint: 'Legen Sie in den CRM-Einstellungen von Bitrix24 Phasen an; sie erscheinen hier als Spalten.',
  count: 'Einträge in dieser Phase: {{count}}',
  empty: 'Keine Einträge',
  showMore: 'Mehr anzeigen ({{count}} nicht angezeigt)',
  moveButton: '„{{title}}“ in eine andere Phase verschieben',
  moveMenu: 'In Phase verschieben',
  userId: 'Benutzer #{{id}}',
  moved: '„{{title}}“ wurde nach „{{stage}}“ verschoben.',
  refusedTitle: 'Die Karte wurde nicht verschoben',
  refused: 'Bitrix24 hat „{{title}}“ nicht nach „{{stage}}“ verschoben; die Karte ist wieder in „{{from}}“.',
  reason: 'Grund: {{reason}}',
  keptTitle: 'Die Phase hat sich nicht geändert',
  kept: 'Bitrix24 hat „{{title}}“ in „{{stage}}“ belassen.',
  dismiss: 'Schließen',
  funnel: 'Trichter',
  funnelHint:
    'Jeder Balken zählt die Einträge, die die Phase erreicht haben: die jetzt darin und die weiter fortgeschrittenen, gewonnene eingeschlossen. Verlorene werden gesondert gezählt.',
  reached: 'Erreicht: {{count}}',
  inStage: 'In dieser Phase: {{count}}',
  conversion: '{{percent}} der vorigen Phase',
  lost: 'Verloren: {{count}}',
  funnelEmpty: 'In dieser Pipeline gibt es noch keine Einträge.',
};

export default de;
