import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { postRecipients } from '../providers/blogpost-provider.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { departmentTree, type DepartmentNode } from '../providers/department-provider.ts';
import { searchUsers } from '../providers/user-search-provider.ts';
import { requests, sandboxClient } from '../testing/sandbox-client.ts';
import { postToStreamOptions } from './blogpost.ts';
import { departmentsQueryOptions } from './departments-tree.ts';
import { departmentUsersQueryOptions, userCardQueryOptions } from './departments-users.ts';
import { createGroupOptions } from './groups-create.ts';
import { groupEventsQueryOptions, groupMembersQueryOptions, groupQueryOptions } from './groups-detail.ts';
import { groupSearchQueryOptions } from './groups-list.ts';
import { directoryKeys, userKeys } from './keys.ts';
import { sendNotificationOptions } from './notify.ts';
import { createQueryClient } from './query-client.ts';
import { userSearchQueryOptions } from './lookup-records.ts';

// The people/workgroup reads and the notify/post writes over the real client against a demo portal:
// what is asked of the portal (exact requests) and what the portal stored.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let source: DataSource;
let queryClient: QueryClient;

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  source = createDataSource(sandbox.client);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  queryClient = createQueryClient({ retry: false });
  await sandbox.clearLog();
});

const shape = (nodes: DepartmentNode[]): unknown[] =>
  nodes.map((n) => (n.children.length ? [n.name, shape(n.children)] : n.name));

describe('people', () => {
  it('reads the company structure in one request and builds the tree with heads', async () => {
    const departments = await queryClient.fetchQuery(departmentsQueryOptions(source));
    expect(requests(await sandbox.log())).toEqual(['department.get']);
    const tree = departmentTree(departments);
    expect(shape(tree)).toEqual([['Nordlys ApS', ['Sales', 'Marketing', 'Support', 'Finance', 'Development']]]);
    expect(tree[0]).toMatchObject({ id: '1', parentId: '', headId: '1', depth: 0 });
    expect(tree[0]!.children[0]).toMatchObject({ name: 'Sales', headId: '3', parentId: '1', depth: 1 });
  });

  it('orders siblings by SORT, keeps orphans and cycles as roots', () => {
    const d = (id: string, parentId: string, sort: number) => ({ id, name: `D${id}`, sort, parentId, headId: '' });
    const tree = departmentTree([
      d('1', '', 1),
      d('2', '1', 20),
      d('3', '1', 10),
      d('4', '99', 1),
      d('5', '6', 1),
      d('6', '5', 2),
    ]);
    expect(shape(tree)).toEqual([['D1', ['D3', 'D2']], 'D4', ['D5', ['D6']]]);
  });

  it("pages a department's active employees and seeds their cards and names", async () => {
    const page = await queryClient.fetchInfiniteQuery(departmentUsersQueryOptions(source, '2'));
    const users = page.pages.flatMap((p) => p.users);
    // Sales: Sofie (3), Jonas (4); Henrik (12) is inactive.
    expect(users.map((u) => u.fullName)).toEqual(['Jonas Dahl', 'Sofie Lindqvist']);
    expect(page.pages[0]!.next).toBeNull();
    expect(queryClient.getQueryData(directoryKeys.userCard('3'))).toMatchObject({ departmentIds: ['2'] });
    expect(queryClient.getQueryData(userKeys.brief('4'))).toMatchObject({ fullName: 'Jonas Dahl' });
    expect(requests(await sandbox.log())).toEqual(['user.get']);
  });

  it("reads a user's card with contacts and departments", async () => {
    const card = await queryClient.fetchQuery(userCardQueryOptions(source, '3'));
    expect(card).toMatchObject({
      id: '3',
      fullName: 'Sofie Lindqvist',
      workPosition: 'Sales manager',
      email: 'sofie.lindqvist@example.com',
      departmentIds: ['2'],
      active: true,
    });
    expect(card.phones.map((p) => p.kind)).toEqual(['work', 'mobile', 'inner']);
    expect(card.phones[0]!.number).toBe('+45 55510003');
    await expect(queryClient.fetchQuery(userCardQueryOptions(source, '999'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('finds active employees by name, position or e-mail and seeds their names', async () => {
    const found = await queryClient.fetchQuery(userSearchQueryOptions(source, 'sof'));
    expect(found.map((u) => u.fullName)).toEqual(['Sofie Lindqvist']);
    expect(queryClient.getQueryData(userKeys.brief('3'))).toMatchObject({ workPosition: 'Sales manager' });
    expect((await searchUsers(source.client, 'support')).map((u) => u.id)).toEqual(['7', '8']);
    // Henrik Bach (12) left the company: a picker does not offer him.
    expect(await searchUsers(source.client, 'henrik')).toEqual([]);
    const first = await searchUsers(source.client, '');
    expect(first.map((u) => u.id)).not.toContain('12');
    expect(first).toHaveLength(11);
    const log = await sandbox.log();
    expect(log.map((e) => e.method)).toEqual(['user.search', 'user.search', 'user.search', 'user.get']);
  });
});

describe('workgroups', () => {
  it('searches workgroups by name and seeds each group', async () => {
    const all = await queryClient.fetchInfiniteQuery(groupSearchQueryOptions(source, ''));
    // Hidden groups show to their members only: the admin (user 1) is in "Year-end closing", Jonas (4) is not.
    expect(all.pages[0]!.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining(['Website relaunch', 'Year-end closing']),
    );
    const asJonas = (await t.app('sonet_group.get', { FILTER: { '%NAME': 'closing' } }, 4)).body.result;
    expect(asJonas).toEqual([]);
    const found = await queryClient.fetchInfiniteQuery(groupSearchQueryOptions(source, 'sales'));
    expect(found.pages[0]!.groups.map((g) => g.name)).toEqual(['Nordic sales push']);
    const id = found.pages[0]!.groups[0]!.id;
    expect(queryClient.getQueryData(directoryKeys.group(id))).toMatchObject({ project: true, ownerId: '3' });
    // One request per search (the third is the check as Jonas above).
    expect(requests(await sandbox.log())).toEqual(['sonet_group.get', 'sonet_group.get', 'sonet_group.get']);
  });

  it('reads a group, its members with roles and its upcoming calendar', async () => {
    const group = await queryClient.fetchQuery(groupQueryOptions(source, '1'));
    expect(group).toMatchObject({ id: '1', name: 'Website relaunch', ownerId: '9', memberCount: 5, visible: true });
    const members = await queryClient.fetchQuery(groupMembersQueryOptions(source, '1'));
    expect(members).toEqual([
      { userId: '9', role: 'owner' },
      { userId: '1', role: 'moderator' },
      { userId: '5', role: 'member' },
      { userId: '6', role: 'member' },
      { userId: '10', role: 'member' },
    ]);
    const from = Date.UTC(2027, 0, 4);
    const sections = (await t.hook('calendar.section.get', { type: 'group', ownerId: 1 })).body.result as {
      ID: string;
    }[];
    const added = await t.hook('calendar.event.add', {
      type: 'group',
      ownerId: 1,
      section: sections[0]!.ID,
      name: 'Launch review',
      from: '2027-01-05T10:00:00+01:00',
      to: '2027-01-05T11:00:00+01:00',
    });
    expect(added.status).toBe(200);
    const events = await queryClient.fetchQuery(groupEventsQueryOptions(source, '1', from, from + 7 * 86_400_000));
    expect(events).toEqual([
      {
        id: String(added.body.result),
        name: 'Launch review',
        from: Date.parse('2027-01-05T09:00:00Z'),
        to: Date.parse('2027-01-05T10:00:00Z'),
        allDay: false,
        location: '',
      },
    ]);
    await expect(queryClient.fetchQuery(groupQueryOptions(source, '999'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates a workgroup owned by the caller and refreshes the group lists', async () => {
    await queryClient.fetchInfiniteQuery(groupSearchQueryOptions(source, 'launch'));
    const id = await new MutationObserver(queryClient, createGroupOptions(source)).mutate({
      name: '  Launch team ',
      description: 'Spring launch',
    });
    const stored = (await t.hook('sonet_group.get', { FILTER: { ID: id } })).body.result as Record<string, unknown>[];
    expect(stored[0]).toMatchObject({ NAME: 'Launch team', DESCRIPTION: 'Spring launch', OWNER_ID: '1', VISIBLE: 'Y' });
    expect(queryClient.getQueryState(directoryKeys.groupSearch('launch'))?.isInvalidated).toBe(true);
    // A user the portal does not let create groups is refused by the portal, not by us.
    t.sandbox.env.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('sonet_group_create', 'admin')").run();
    const refused = await t.app('sonet_group.create', { NAME: 'Mine' }, 4);
    expect(refused.body.error_description).toBe('You have no permissions to create a group');
  });
});

describe('notifications and the activity stream', () => {
  it('sends a personal and a system notification, each once', async () => {
    const notify = () => new MutationObserver(queryClient, sendNotificationOptions(source));
    const personal = await notify().mutate({ userId: '3', message: ' Please call [b]Nordlys[/b] ', kind: 'personal' });
    const system = await notify().mutate({ userId: '3', message: 'Prices updated', kind: 'system', tag: 'kontor|p' });
    const stored = t.sandbox.env.db
      .prepare('SELECT id, user_id, from_user_id, type, message, tag FROM notifications WHERE id IN (?, ?) ORDER BY id')
      .all(Number(personal), Number(system));
    expect(stored).toEqual([
      {
        id: Number(personal),
        user_id: 3,
        from_user_id: 1,
        type: 'personal',
        message: 'Please call [b]Nordlys[/b]',
        tag: null,
      },
      { id: Number(system), user_id: 3, from_user_id: 0, type: 'system', message: 'Prices updated', tag: 'kontor|p' },
    ]);
    expect((await sandbox.log()).map((e) => e.method)).toEqual(['im.notify.personal.add', 'im.notify.system.add']);
  });

  it('reports an undeliverable notification and refuses an empty one without a request', async () => {
    const notify = () => new MutationObserver(queryClient, sendNotificationOptions(source));
    await expect(notify().mutate({ userId: '999', message: 'Hi', kind: 'system' })).rejects.toMatchObject({
      code: 'NOT_DELIVERED',
    });
    await expect(notify().mutate({ userId: '3', message: '  ', kind: 'personal' })).rejects.toMatchObject({
      code: 'MESSAGE_EMPTY',
    });
    expect((await sandbox.log()).map((e) => e.method)).toEqual(['im.notify.system.add']);
  });

  it('posts with a title, text and recipients of every kind', async () => {
    expect(postRecipients({ all: true, userIds: ['3', '3', 'x'], departmentIds: ['2'], groupIds: ['1'] })).toEqual([
      'UA',
      'U3',
      'DR2',
      'SG1',
    ]);
    const post = () => new MutationObserver(queryClient, postToStreamOptions(source));
    const id = await post().mutate({
      title: 'New price list',
      message: 'Prices for [b]2027[/b] are live.',
      recipients: postRecipients({ userIds: ['3'], departmentIds: ['2'], groupIds: ['1'] }),
    });
    const got = (await t.hook('log.blogpost.get', { POST_ID: id })).body.result as Record<string, unknown>[];
    expect(got[0]).toMatchObject({
      TITLE: 'New price list',
      DETAIL_TEXT: 'Prices for [b]2027[/b] are live.',
      DEST: ['U3', 'DR2', 'SG1'],
      AUTHOR_ID: '1',
    });
    const all = await post().mutate({ message: 'Hello everyone', recipients: ['UA'] });
    expect(((await t.hook('log.blogpost.get', { POST_ID: all })).body.result as { DEST: string[] }[])[0]!.DEST).toEqual(
      ['UA'],
    );
    await expect(post().mutate({ message: 'To nobody', recipients: [] })).rejects.toMatchObject({
      code: 'ERROR_ARGUMENT',
    });
    const adds = (await sandbox.log()).filter((e) => e.method === 'log.blogpost.add');
    expect(adds).toHaveLength(2);
  });
});
