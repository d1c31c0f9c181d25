/**
 * Which REST calls the transport may send more than once (docs/data-layer.md "Retries").
 *
 * A retry after a 5xx, a timeout or a dropped connection repeats a call the portal may already have
 * run. That is harmless for reads and for writes whose second run changes nothing (update by ID,
 * set an option); it duplicates records for `*.add` and turns a successful `*.delete` into a
 * "not found". Unknown verbs are treated as unsafe.
 */
const RETRY_SAFE_VERBS = new Set([
  // reads
  'get',
  'list',
  'fields',
  'getlist',
  'getfields',
  'search',
  'info',
  'current',
  'time',
  'scope',
  'methods',
  'access',
  'admin',
  'profile',
  'version',
  'getinterface',
  // idempotent writes: the same values by the same ID
  'update',
  'set',
]);

/**
 * True when sending `method` twice has the same effect as sending it once.
 *
 * @example isRetrySafe('crm.item.list') // true
 * @example isRetrySafe('crm.item.add') // false
 */
export function isRetrySafe(method: string): boolean {
  const lower = method.toLowerCase();
  const verb = lower.slice(lower.lastIndexOf('.') + 1);
  return RETRY_SAFE_VERBS.has(verb);
}
