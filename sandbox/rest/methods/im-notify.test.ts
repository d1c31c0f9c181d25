import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => t.close());

interface Listed {
  total_count?: number;
  total_unread_count?: number;
  notifications: {
    id: number;
    author_id: number;
    notify_type: number;
    text: string;
    notify_read: string;
    notify_tag: string;
  }[];
  users: { id: number; name: string }[];
}

describe('im.notify.get', () => {
  it("lists the caller's notifications newest first, with their authors, page by page", async () => {
    const empty = await t.app('im.notify.get', {}, 5);
    expect(empty.body.result).toEqual({ notifications: [], users: [] });

    const a = (await t.app('im.notify.personal.add', { USER_ID: 5, MESSAGE: 'Call me' }, 3)).body.result as number;
    const b = (await t.app('im.notify.system.add', { USER_ID: 5, MESSAGE: 'Prices updated', TAG: 'kontor|p' }, 1)).body
      .result as number;
    await t.app('im.notify.system.add', { USER_ID: 6, MESSAGE: 'Not for 5' }, 1);

    const page = (await t.app('im.notify.get', {}, 5)).body.result as Listed;
    expect(page.total_count).toBe(2);
    expect(page.total_unread_count).toBe(2);
    expect(page.notifications.map((n) => [n.id, n.author_id, n.notify_type, n.text, n.notify_tag])).toEqual([
      [b, 0, 4, 'Prices updated', 'kontor|p'],
      [a, 3, 2, 'Call me', ''],
    ]);
    expect(page.users).toMatchObject([{ id: 3, name: 'Sofie Lindqvist' }]);

    const first = (await t.app('im.notify.get', { LIMIT: 1 }, 5)).body.result as Listed;
    expect(first.notifications.map((n) => n.id)).toEqual([b]);
    const next = (await t.app('im.notify.get', { LIMIT: 1, LAST_ID: b, LAST_TYPE: 3 }, 5)).body.result as Listed;
    expect(next.notifications.map((n) => n.id)).toEqual([a]);

    await t.app('im.notify.read', { ID: a, ONLY_CURRENT: 'Y' }, 5);
    const after = (await t.app('im.notify.get', {}, 5)).body.result as Listed;
    expect(after.total_unread_count).toBe(1);
    expect(after.notifications.find((n) => n.id === a)?.notify_read).toBe('Y');
  });

  it('refuses half a cursor and a text cursor', async () => {
    expect((await t.hook('im.notify.get', { LAST_ID: 5 })).body.error).toBe('LAST_ID_AND_LAST_TYPE');
    expect((await t.hook('im.notify.get', { LAST_ID: 'x', LAST_TYPE: 3 })).body.error).toBe('LAST_ID_STRING');
  });
});
