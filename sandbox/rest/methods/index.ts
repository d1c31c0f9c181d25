import { calendarFamily } from './calendar.ts';
import { catalogFamily } from './catalog.ts';
import { crmDictionariesFamily } from './crm-dictionaries.ts';
import { crmEntitiesFamily } from './crm-entities.ts';
import { crmExtrasFamily } from './crm-extras.ts';
import type { Family } from './family.ts';
import { platformFamily } from './platform.ts';
import { sonetGroupFamily } from './sonet-group.ts';
import { systemFamily } from './system.ts';
import { tasksFamily } from './tasks.ts';
import { usersFamily } from './users.ts';

/** Every method family the sandbox answers. Add a family here and it is registered. */
export function createFamilies(): Family[] {
  return [
    systemFamily,
    usersFamily,
    crmEntitiesFamily,
    crmDictionariesFamily,
    crmExtrasFamily,
    catalogFamily,
    tasksFamily,
    calendarFamily,
    sonetGroupFamily,
    platformFamily,
  ];
}
