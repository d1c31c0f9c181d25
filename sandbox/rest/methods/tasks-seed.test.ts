import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { seedWork } from '../../db/seed/work.ts';
import { Rng } from '../../db/seed/rng.ts';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';
import { calendarSchema } from './calendar.ts';
import { sonetSchema } from './sonet-group.ts';
import { tasksSchema } from './tasks-store.ts';

let t: TestSandbox;
type Obj = Record<string, unknown>;

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'demo' });
});
afterAll(async () => t.close());

describe('work seed (demo)', () => {
  it('has 80 tasks, some overdue, about 25 bound to CRM, and the hostile titles', async () => {
    const all = await t.hook('tasks.task.list', { select: ['ID'] });
    expect(all.body.total).toBe(80);
    const overdue = await t.hook('tasks.task.list', { filter: { STATUS: -1 }, select: ['ID'] });
    expect(overdue.body.total).toBeGreaterThan(0);
    const bound = await t.hook('tasks.task.list', { filter: { '%UF_CRM_TASK': '_' }, select: ['ID', 'UF_CRM_TASK'] });
    expect(bound.body.total).toBeGreaterThanOrEqual(20);
    for (const row of (bound.body.result as { tasks: Obj[] }).tasks)
      expect((row.ufCrmTask as string[]).length).toBeGreaterThan(0);
    const xss = await t.hook('tasks.task.list', {
      filter: { TITLE: '<img src=x onerror=alert(1)>' },
      select: ['ID', 'TITLE'],
    });
    expect(xss.body.total).toBe(1);
    const bb = await t.hook('tasks.task.list', {
      filter: { '%DESCRIPTION': 'javascript:alert' },
      select: ['ID', 'DESCRIPTION'],
    });
    expect((bb.body.result as { tasks: Obj[] }).tasks[0]!.description).toBe('[url=javascript:alert(1)]x[/url]');
    const commented = await t.hook('tasks.task.list', {
      filter: { '>COMMENTS_COUNT': 0 },
      select: ['ID', 'COMMENTS_COUNT'],
    });
    const first = (commented.body.result as { tasks: Obj[] }).tasks[0]!;
    const comments = await t.hook('task.commentitem.getlist', { 0: Number(first.id) });
    expect(String((comments.body.result as Obj[]).length)).toBe(first.commentsCount);
  });

  it('has 5 workgroups, user sections and about 60 events', async () => {
    expect((await t.hook('sonet_group.get', { IS_ADMIN: 'Y' })).body.total).toBe(5);
    const sections = (await t.hook('calendar.section.get', { type: 'user', ownerId: 1 })).body.result as Obj[];
    expect(sections.length).toBeGreaterThanOrEqual(2);
    const db = t.sandbox.env.db;
    expect((db.prepare('SELECT COUNT(*) AS n FROM calendar_event').get() as { n: number }).n).toBe(60);
    const events = (
      await t.hook('calendar.event.get', { type: 'user', ownerId: 1, from: '2026-10-01', to: '2027-01-31' })
    ).body.result as Obj[];
    expect(events.some((e) => e.DT_SKIP_TIME === 'Y')).toBe(true);
    expect(events.some((e) => e.IS_MEETING === true)).toBe(true);
  });

  it('seeds 5,000 tasks for the large portal deterministically', () => {
    const run = () => {
      const db = openDatabase(':memory:');
      sonetSchema(db);
      tasksSchema(db);
      calendarSchema(db);
      db.prepare('INSERT INTO users (id, data) VALUES (1, ?)').run(JSON.stringify({ NAME: 'Anna' }));
      db.transaction(() => seedWork(db, 'large', new Rng(5)))();
      const n = (db.prepare('SELECT COUNT(*) AS n FROM tasks_task').get() as { n: number }).n;
      const sample = (db.prepare('SELECT data FROM tasks_task WHERE id = 4321').get() as { data: string }).data;
      db.close();
      return { n, sample };
    };
    const a = run();
    const b = run();
    expect(a.n).toBe(5000);
    expect(JSON.parse(a.sample)).toEqual(JSON.parse(b.sample));
  });
});
