import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

// The demo seed's hostile markup around deal 3 (titled `<img src=x onerror=alert(1)>`): a CRM card tab
// of that deal shows it in every section, so apps can prove they render portal text inert.
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seed: 'demo' });
});
afterAll(async () => t.close());

const IMG = '<img src=x onerror=alert(1)>';
const BB = '[url=javascript:alert(1)]x[/url]';

describe('hostile markup around deal 3 (demo seed)', () => {
  it('is in the deal’s title, comments, open to-dos and bound open tasks', async () => {
    const deal = (await t.hook('crm.item.get', { entityTypeId: 2, id: 3 })).body.result as { item: { title: string } };
    expect(deal.item.title).toBe(IMG);
    const comments = (await t.hook('crm.timeline.comment.list', { filter: { ENTITY_ID: 3, ENTITY_TYPE: 'deal' } })).body
      .result as { COMMENT: string }[];
    expect(comments.map((c) => c.COMMENT)).toEqual(expect.arrayContaining([IMG, BB]));
    const todos = (await t.hook('crm.activity.list', { filter: { OWNER_TYPE_ID: 2, OWNER_ID: 3, COMPLETED: 'N' } }))
      .body.result as { SUBJECT: string }[];
    expect(todos.map((a) => a.SUBJECT)).toContain(`${BB} ${IMG}`);
    const tasks = (
      await t.hook('tasks.task.list', {
        filter: { UF_CRM_TASK: 'D_3', '!REAL_STATUS': 5 },
        select: ['ID', 'TITLE', 'DESCRIPTION'],
      })
    ).body.result as { tasks: { title: string; description: string }[] };
    expect(tasks.tasks.map((x) => x.title)).toContain(IMG);
    expect(tasks.tasks.map((x) => x.description)).toContain(BB);
  });
});
