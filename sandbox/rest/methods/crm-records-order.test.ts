import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

type Deal = { id: number; opportunity: number | null; title: string };

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => t?.close());

async function page(order: Record<string, string>, start: number): Promise<{ items: Deal[]; total: number }> {
  const r = await t.hook('crm.item.list', { entityTypeId: 2, select: ['id', 'title', 'opportunity'], order, start });
  expect(r.status).toBe(200);
  return { items: (r.body.result as { items: Deal[] }).items, total: r.body.total as number };
}

describe('crm.item.list sorted by a field', () => {
  it('pages through the whole set in order and reads it through an index on the sort key', async () => {
    const order = { opportunity: 'DESC', id: 'DESC' };
    const first = await page(order, 0);
    const rows = [...first.items];
    for (let start = 50; start < first.total; start += 50) rows.push(...(await page(order, start)).items);
    expect(rows).toHaveLength(first.total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(first.total);
    const sorted = [...rows].sort((a, b) => (b.opportunity ?? -Infinity) - (a.opportunity ?? -Infinity) || b.id - a.id);
    expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));

    const db = t.sandbox.env.db;
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, data FROM crm_deal ORDER BY json_extract(data, '$."OPPORTUNITY"') DESC, id DESC LIMIT 50`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('USING INDEX crm_deal_order_OPPORTUNITY');
  });

  it('keeps sorting by title and by id as before', async () => {
    const byTitle = (await page({ title: 'ASC', id: 'ASC' }, 0)).items.map((r) => r.title);
    expect(byTitle).toEqual([...byTitle].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byId = (await page({ id: 'DESC' }, 0)).items.map((r) => r.id);
    expect(byId).toEqual([...byId].sort((a, b) => b - a));
  });
});
