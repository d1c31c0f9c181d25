import { registerLocales } from '../../i18n/index.ts';

const en = {
  view: 'View',
  list: 'List',
  kanban: 'Kanban',
};

/** The `crmSection` namespace (the workspace's CRM section shell). */
export type CrmSectionMessages = typeof en;

registerLocales('crmSection', {
  en,
  da: () => Promise.resolve({ default: { view: 'Visning', list: 'Liste', kanban: 'Kanban' } }),
  de: () => Promise.resolve({ default: { view: 'Ansicht', list: 'Liste', kanban: 'Kanban' } }),
  ru: () => Promise.resolve({ default: { view: 'Вид', list: 'Список', kanban: 'Канбан' } }),
});
