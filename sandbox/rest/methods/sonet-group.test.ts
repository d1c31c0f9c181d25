import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMeta } from '../../db/database.ts';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';

let t: TestSandbox;
type Obj = Record<string, unknown>;

function addUser(id: number, name: string, admin = false): void {
  t.sandbox.env.db
    .prepare('INSERT OR IGNORE INTO users (id, data) VALUES (?, ?)')
    .run(id, JSON.stringify({ ACTIVE: true, NAME: name, LAST_NAME: 'Test', _ADMIN: admin, UF_DEPARTMENT: [1] }));
}

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'none' });
  addUser(2, 'Bo');
  addUser(3, 'Cleo');
  addUser(4, 'Dan');
});
afterAll(async () => t.close());

describe('sonet_group.*', () => {
  it('creates a group owned by the caller and lists it with string values', async () => {
    const r = await t.app('sonet_group.create', { NAME: 'Launch team', PROJECT: 'Y', VISIBLE: 'Y', OPENED: 'N' }, 2);
    expect(r.status).toBe(200);
    const id = r.body.result as number;
    expect(typeof id).toBe('number');
    const list = await t.hook('sonet_group.get', { FILTER: { ID: id } });
    expect(list.body.total).toBe(1);
    const g = (list.body.result as Obj[])[0]!;
    expect(g).toMatchObject({
      ID: String(id),
      SITE_ID: 's1',
      NAME: 'Launch team',
      DESCRIPTION: null,
      ACTIVE: 'Y',
      VISIBLE: 'Y',
      OPENED: 'N',
      CLOSED: 'N',
      OWNER_ID: '2',
      NUMBER_OF_MEMBERS: '1',
      PROJECT: 'Y',
      IS_EXTRANET: 'N',
      SUBJECT_NAME: 'Workgroups',
    });
    expect(g.DATE_CREATE).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect((await t.hook('sonet_group.user.get', { ID: id })).body.result).toEqual([{ USER_ID: '2', ROLE: 'A' }]);
  });

  it('manages members with roles A/E/K and protects the owner', async () => {
    const id = (await t.app('sonet_group.create', { NAME: 'Members', INITIATE_PERMS: 'E' }, 2)).body.result as number;
    expect((await t.app('sonet_group.user.add', { GROUP_ID: id, USER_ID: [3, 4, 999] }, 2)).body.result).toEqual([
      '3',
      '4',
    ]);
    expect((await t.app('sonet_group.user.add', { GROUP_ID: id, USER_ID: 3 }, 2)).body.result).toEqual([]);
    const denied = await t.app('sonet_group.user.add', { GROUP_ID: id, USER_ID: 1 }, 3);
    expect(denied.status).toBe(400);
    expect(denied.body).toEqual({ error: '', error_description: 'No permissions to add users' });

    expect(
      (await t.app('sonet_group.user.update', { GROUP_ID: id, USER_ID: [3, 2], ROLE: 'E' }, 2)).body.result,
    ).toEqual(['3']);
    const badRole = await t.app('sonet_group.user.update', { GROUP_ID: id, USER_ID: 3, ROLE: 'A' }, 2);
    expect(badRole.body).toEqual({ error: '', error_description: 'Incorrect role code' });
    // A moderator may invite when INITIATE_PERMS is E.
    expect((await t.app('sonet_group.user.add', { GROUP_ID: id, USER_ID: 1 }, 3)).body.result).toEqual(['1']);

    expect((await t.app('sonet_group.user.delete', { GROUP_ID: id, USER_ID: [2, 4] }, 2)).body.result).toEqual(['4']);
    const members = (await t.hook('sonet_group.user.get', { ID: id })).body.result as Obj[];
    expect(members).toEqual([
      { USER_ID: '1', ROLE: 'K' },
      { USER_ID: '2', ROLE: 'A' },
      { USER_ID: '3', ROLE: 'E' },
    ]);

    const mine = (await t.app('sonet_group.user.groups', {}, 3)).body.result as Obj[];
    expect(mine).toContainEqual({
      GROUP_ID: String(id),
      GROUP_NAME: 'Members',
      ROLE: 'E',
      GROUP_IMAGE_ID: null,
      GROUP_IMAGE: '',
    });
  });

  it('changes the owner, updates and deletes with permission checks', async () => {
    const id = (await t.app('sonet_group.create', { NAME: 'Handover' }, 2)).body.result as number;
    await t.app('sonet_group.user.add', { GROUP_ID: id, USER_ID: 3 }, 2);
    const notOwner = await t.app('sonet_group.update', { GROUP_ID: id, NAME: 'Hijack' }, 3);
    expect(notOwner.body).toEqual({ error: '', error_description: 'User has no permissions to update group' });
    expect(
      (await t.app('sonet_group.update', { GROUP_ID: id, NAME: 'Handover 2', DESCRIPTION: 'Now' }, 2)).body.result,
    ).toBe(id);
    expect((await t.app('sonet_group.setowner', { GROUP_ID: id, USER_ID: 3 }, 2)).body.result).toBe(true);
    expect((await t.hook('sonet_group.user.get', { ID: id })).body.result).toEqual([
      { USER_ID: '2', ROLE: 'E' },
      { USER_ID: '3', ROLE: 'A' },
    ]);
    const g = ((await t.hook('sonet_group.get', { FILTER: { ID: id } })).body.result as Obj[])[0]!;
    expect(g).toMatchObject({ NAME: 'Handover 2', DESCRIPTION: 'Now', OWNER_ID: '3' });
    const del = await t.app('sonet_group.delete', { GROUP_ID: id }, 2);
    expect(del.body).toEqual({ error: '', error_description: 'User has no permissions to delete group' });
    expect((await t.app('sonet_group.delete', { GROUP_ID: id }, 3)).body.result).toBe(true);
    const gone = await t.hook('sonet_group.delete', { GROUP_ID: id });
    expect(gone.body).toEqual({ error: '', error_description: 'Socialnetwork group not found' });
    expect((await t.hook('sonet_group.update', { NAME: 'x' })).body).toEqual({
      error: '',
      error_description: 'Wrong group ID',
    });
  });

  it('hides invisible groups from non-members, filters by name and lets admins restrict creation', async () => {
    const hidden = (await t.hook('sonet_group.create', { NAME: 'Secret board', VISIBLE: 'N' })).body.result as number;
    const seenByDan = (await t.app('sonet_group.get', { FILTER: { ID: hidden } }, 4)).body;
    expect(seenByDan.result).toEqual([]);
    expect(seenByDan.total).toBe(0);
    const byName = (await t.hook('sonet_group.get', { FILTER: { '%NAME': 'Secret' } })).body.result as Obj[];
    expect(byName.map((g) => g.ID)).toEqual([String(hidden)]);

    setMeta(t.sandbox.env.db, 'sonet_group_create', 'admin');
    const refused = await t.app('sonet_group.create', { NAME: 'Nope' }, 4);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: '', error_description: 'You have no permissions to create a group' });
    expect(typeof (await t.hook('sonet_group.create', { NAME: 'Admins may' })).body.result).toBe('number');
    setMeta(t.sandbox.env.db, 'sonet_group_create', 'all');
    expect((await t.hook('sonet_group.create', { NAME: '' })).body).toEqual({
      error: '',
      error_description: 'Cannot create group',
    });
  });

  it('makes group tasks visible to group members', async () => {
    const id = (await t.hook('sonet_group.create', { NAME: 'Task group' })).body.result as number;
    const task = (
      (await t.hook('tasks.task.add', { fields: { TITLE: 'In group', RESPONSIBLE_ID: 1, GROUP_ID: id } })).body
        .result as { task: Obj }
    ).task;
    expect(task.group).toMatchObject({ id: String(id), name: 'Task group', membersCount: 1 });
    expect((await t.app('tasks.task.get', { taskId: task.id }, 4)).body.result).toEqual([]);
    await t.hook('sonet_group.user.add', { GROUP_ID: id, USER_ID: 4 });
    const list = await t.app('tasks.task.list', { filter: { GROUP_ID: id }, select: ['ID'] }, 4);
    expect((list.body.result as { tasks: Obj[] }).tasks).toEqual([{ id: task.id }]);
  });
});
