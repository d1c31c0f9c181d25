import type { Translation } from '../../../i18n/index.ts';
import type { CrmKanbanMessages } from './locales.ts';

// The `crmKanban` namespace in Danish; fetched only when the page is in this language.
const da: Translation<CrmKanbanMessages> = {
  board: 'Kanban-tavle',
  pipeline: 'Pipeline',
  pipelineNumber: 'Pipeline {{id}}',
  loading: 'Indlæser tavlen…',
  hint: 'Træk et kort til en anden fase, eller brug flyt-knappen på kortet.',
  noStagesTitle: 'Denne pipeline har ingen faser',
  noStagesHint: 'Tilføj faser til pipelinen i Bitrix24’s CRM-indstillinger; de vises her som kolonner.',
  count: 'Poster i denne fase: {{count}}',
  empty: 'Ingen poster',
  showMore: 'Vis flere ({{count}} ikke vist)',
  moveButton: 'Flyt “{{title}}” til en anden fase',
  moveMenu: 'Flyt til fase',
  userId: 'Bruger #{{id}}',
  moved: '“{{title}}” er flyttet til “{{stage}}”.',
  refusedTitle: 'Kortet blev ikke flyttet',
  refused: 'Bitrix24 flyttede ikke “{{title}}” til “{{stage}}”, så kortet er tilbage i “{{from}}”.',
  reason: 'Årsag: {{reason}}',
  keptTitle: 'Fasen blev ikke ændret',
  kept: 'Bitrix24 beholdt “{{title}}” i “{{stage}}”.',
  dismiss: 'Luk',
  funnel: 'Tragt',
  funnelHint:
    'Hver bjælke tæller de poster, der har nået fasen: dem, der er i den nu, og dem, der er længere fremme, inklusive de vundne. Tabte poster tælles for sig.',
  reached: 'Nået: {{count}}',
  inStage: 'I denne fase: {{count}}',
  conversion: '{{percent}} af den forrige fase',
  lost: 'Tabt: {{count}}',
  funnelEmpty: 'Der er endnu ingen poster i denne pipeline.',
};

export default da;
