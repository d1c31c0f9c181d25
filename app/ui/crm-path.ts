const CARD_PATHS: Record<number, string> = { 1: 'lead', 2: 'deal', 3: 'contact', 4: 'company' };

/**
 * The portal path of a CRM card, for `frame.openPath` (the portal accepts only these card paths, frame.md §9.3).
 * @example crmCardPath(2, '7') // '/crm/deal/details/7/'; crmCardPath(1030, '3') // '/crm/type/1030/details/3/'
 */
export function crmCardPath(entityTypeId: number, id: string): string {
  const kind = CARD_PATHS[entityTypeId];
  return kind ? `/crm/${kind}/details/${id}/` : `/crm/type/${entityTypeId}/details/${id}/`;
}

/**
 * The portal path of an employee card, for `frame.openPath`.
 * @example userCardPath('7') // '/company/personal/user/7/'
 */
export function userCardPath(id: string): string {
  return `/company/personal/user/${id}/`;
}
