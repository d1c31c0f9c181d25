import type { Resource, ResourceName } from '../types.ts';

/** The fixed CRM entity types and tasks; smart processes are discovered (smart-processes.ts). */
export const STATIC_RESOURCES: readonly Resource[] = [
  {
    name: 'deals',
    provider: 'crm.item',
    entityTypeId: 2,
    titleField: 'title',
    defaultColumns: ['title', 'stageId', 'opportunity', 'currencyId', 'assignedById', 'closedate'],
    titles: { en: 'Deals', da: 'Aftaler', de: 'Deals', ru: 'Сделки' },
  },
  {
    name: 'contacts',
    provider: 'crm.item',
    entityTypeId: 3,
    titleField: 'lastName',
    defaultColumns: ['name', 'lastName', 'post', 'companyId', 'phone', 'email', 'assignedById'],
    titles: { en: 'Contacts', da: 'Kontakter', de: 'Kontakte', ru: 'Контакты' },
  },
  {
    name: 'companies',
    provider: 'crm.item',
    entityTypeId: 4,
    titleField: 'title',
    defaultColumns: ['title', 'typeId', 'industry', 'phone', 'email', 'assignedById'],
    titles: { en: 'Companies', da: 'Virksomheder', de: 'Unternehmen', ru: 'Компании' },
  },
  {
    name: 'leads',
    provider: 'crm.item',
    entityTypeId: 1,
    titleField: 'title',
    defaultColumns: ['title', 'stageId', 'name', 'lastName', 'opportunity', 'assignedById'],
    titles: { en: 'Leads', da: 'Leads', de: 'Leads', ru: 'Лиды' },
  },
  {
    name: 'tasks',
    provider: 'tasks.task',
    titleField: 'title',
    defaultColumns: ['title', 'status', 'deadline', 'responsibleId', 'priority'],
    titles: { en: 'Tasks', da: 'Opgaver', de: 'Aufgaben', ru: 'Задачи' },
  },
];

const SMART_PROCESS = /^sp-(\d+)$/;

/**
 * The CRM entity type of a resource, without asking the portal (`sp-1030` → 1030); null for tasks.
 * @example entityTypeIdOf('deals') // 2
 */
export function entityTypeIdOf(name: ResourceName): number | null {
  const sp = SMART_PROCESS.exec(name);
  if (sp) return Number(sp[1]);
  return STATIC_RESOURCES.find((r) => r.name === name)?.entityTypeId ?? null;
}

/** Smart processes have entity type ids from 128 (methods.md §2.1); below are the system types. */
export const FIRST_SMART_PROCESS_ID = 128;

/**
 * Whether a string names a resource Kontor knows how to serve.
 * @example isResourceName('sp-1030') // true; isResourceName('quotes') // false
 */
export function isResourceName(value: string): value is ResourceName {
  const sp = SMART_PROCESS.exec(value);
  if (sp) return Number(sp[1]) >= FIRST_SMART_PROCESS_ID;
  return STATIC_RESOURCES.some((r) => r.name === value);
}
