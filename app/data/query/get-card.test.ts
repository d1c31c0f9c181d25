import { MutationObserver, QueryObserver, type MutationObserverOptions, type QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client } from '../../b24/client.ts';
import { tokenCaller } from '../platform/testing/token-caller.ts';
import type { CardBundle, CardPart } from '../providers/card-provider.ts';
import { storagesFromOptions, type CardStorage } from '../providers/card-storages.ts';
import { createDataSource, type DataSource } from '../providers/data-source.ts';
import { requests, type LogEntry } from '../testing/sandbox-client.ts';
import type { RecordData, Stage, UserBrief } from '../types.ts';
import { cardActionOptions } from './card-actions.ts';
import { cardQueryOptions } from './get-card.ts';
import { fieldsQueryOptions } from './get-fields.ts';
import { resourcesQueryOptions } from './get-resources.ts';
import { stagesQueryOptions } from './get-stages.ts';
import { cardKeys, recordKeys, stageKeys, userKeys } from './keys.ts';
import { createQueryClient } from './query-client.ts';

// The card tab's bundle against a sandbox (demo seed) with an application token — `entity.*` needs
// application context, as inside the portal frame. Round trips are counted in the portal's request log.
let t: TestSandbox;
let source: DataSource;
let queryClient: QueryClient;

const log = async () => (await (await t.raw('/sandbox/api/log')).json()) as LogEntry[];
const clearLog = () => t.raw('/sandbox/api/log', { method: 'DELETE' });
const DAY = 86_400_000;

type Obj = Record<string, unknown>;
async function hook<T = unknown>(method: string, params: Obj): Promise<T> {
  const res = await t.hook(method, params);
  if (res.body.error) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as T;
}
async function app<T = unknown>(method: string, params: Obj, userId = 1): Promise<T> {
  const res = await t.app(method, params, userId);
  if (res.body.error) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as T;
}
const addItem = async (entityTypeId: number, fields: Obj) =>
  String((await hook<{ item: { id: number } }>('crm.item.add', { entityTypeId, fields })).item.id);

function rows<T>(p: CardPart<T[]> | undefined): T[] {
  if (!p) throw new Error('part missing');
  if (!p.ok) throw p.error;
  return p.data;
}

const STORAGE: CardStorage = { entity: 'cardvisits', title: 'Visits', crmProperty: 'crm' };

// One deal with everything a card shows, and its company and contacts.
let companyId: string;
let contactIds: string[];
let dealId: string;
const taskTitle = 'Prepare the card offer';

beforeAll(async () => {
  t = await startTestSandbox();
  source = createDataSource(new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1))));

  companyId = await addItem(4, { title: 'Card Test ApS', assignedById: 5 });
  contactIds = [
    await addItem(3, { name: 'Ida', lastName: 'Card', post: 'Buyer', companyId: Number(companyId) }),
    await addItem(3, { name: 'Ole', lastName: 'Card', companyId: Number(companyId) }),
  ];
  dealId = await addItem(2, {
    title: 'Card deal',
    assignedById: 3,
    companyId: Number(companyId),
    contactIds: contactIds.map(Number),
  });
  const code = `D_${dealId}`;
  await hook('tasks.task.add', { fields: { TITLE: taskTitle, RESPONSIBLE_ID: 3, UF_CRM_TASK: [code] } });
  const done = await hook<{ task: { id: string } }>('tasks.task.add', {
    fields: { TITLE: 'Done already', RESPONSIBLE_ID: 3, UF_CRM_TASK: [code] },
  });
  await hook('tasks.task.complete', { taskId: done.task.id });
  // Two comments by two other users: both names must arrive in the same batch.
  await app('crm.timeline.comment.add', { fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: 'First' } }, 4);
  await app(
    'crm.timeline.comment.add',
    { fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: '<img src=x onerror=alert(1)>' } },
    6,
  );
  await hook('crm.activity.todo.add', {
    ownerTypeId: 2,
    ownerId: dealId,
    deadline: new Date(Date.now() + 2 * DAY).toISOString(),
    title: 'Call back',
  });
  const event = (name: string, ownerId: number, startMs: number, crm: string[]) =>
    hook('calendar.event.add', {
      type: 'user',
      ownerId,
      name,
      from: new Date(startMs).toISOString(),
      to: new Date(startMs + 3_600_000).toISOString(),
      auto_detect_section: 'Y',
      crm_fields: crm,
    });
  await event('Card kick-off', 3, Date.now() + DAY, [code]);
  await event('Not about this deal', 3, Date.now() + DAY, ['D_999999']);
  await event('Long past', 3, Date.now() - 3 * DAY, [code]);
  // The current user's own meeting with the responsible: in both calendars, listed once.
  await hook('calendar.event.add', {
    type: 'user',
    ownerId: 1,
    name: 'Visit with Sofie',
    from: new Date(Date.now() + 3 * DAY).toISOString(),
    to: new Date(Date.now() + 3 * DAY + 1_800_000).toISOString(),
    auto_detect_section: 'Y',
    attendees: [1, 3],
    crm_fields: [code],
  });

  await app('entity.add', { ENTITY: STORAGE.entity, NAME: 'Visits' });
  await app('entity.item.property.add', { ENTITY: STORAGE.entity, PROPERTY: 'crm', NAME: 'CRM record', TYPE: 'S' });
  await app('entity.item.property.add', { ENTITY: STORAGE.entity, PROPERTY: 'note', NAME: 'Note', TYPE: 'S' });
  await app('entity.item.add', {
    ENTITY: STORAGE.entity,
    NAME: 'Visit 1',
    PROPERTY_VALUES: { crm: code, note: 'Brought samples' },
  });
  await app('entity.item.add', { ENTITY: STORAGE.entity, NAME: 'Elsewhere', PROPERTY_VALUES: { crm: 'D_1' } });
});
afterAll(async () => t?.close());
beforeEach(async () => {
  queryClient = createQueryClient({ retry: false });
  await clearLog();
});

describe('card bundle', () => {
  it('reads a deal card — record, people, company, contacts, tasks, comments, to-dos, events, custom data — in ONE request', async () => {
    // What the tab mounts in its first render: the card, field metadata, the catalogue, the stages.
    const [card] = await Promise.all([
      queryClient.fetchQuery(cardQueryOptions(source, 'deals', dealId, [STORAGE])),
      queryClient.fetchQuery(fieldsQueryOptions(source, 'deals')),
      queryClient.fetchQuery(resourcesQueryOptions(source)),
      queryClient.fetchQuery(stagesQueryOptions(source, 'deals')),
    ]);
    const sent = await log();
    expect(sent).toHaveLength(1);
    expect(requests(sent)[0]).toMatch(/^batch:/);
    expect(sent[0]!.batch).toEqual(
      expect.arrayContaining([
        'crm.item.get',
        'crm.item.fields',
        'crm.type.list',
        'crm.status.list',
        'user.current',
        'user.get',
        'crm.item.list',
        'tasks.task.list',
        'crm.timeline.comment.list',
        'crm.activity.list',
        'calendar.event.get',
        'entity.item.get',
      ]),
    );

    expect(card.record.title).toBe('Card deal');
    expect(card.code).toBe(`D_${dealId}`);
    expect(card.me?.id).toBe('1');
    expect(rows(card.related.companies)).toEqual([{ id: companyId, entityTypeId: 4, title: 'Card Test ApS' }]);
    expect(
      rows(card.related.contacts)
        .map((c) => [c.id, c.title, c.post])
        .sort(),
    ).toEqual([
      [contactIds[0], 'Ida Card', 'Buyer'],
      [contactIds[1], 'Ole Card', ''],
    ]);
    expect(card.related.deals).toBeUndefined();
    const tasks = rows(card.tasks);
    expect(tasks.map((x) => x.title)).toEqual([taskTitle]);
    expect(tasks[0]!.responsibleName).not.toBe('');
    const comments = rows(card.comments);
    expect(comments.map((c) => c.text).sort()).toEqual(['<img src=x onerror=alert(1)>', 'First']);
    expect(rows(card.todos).map((x) => x.subject)).toEqual(['Call back']);
    expect(rows(card.events).map((e) => e.name)).toEqual(['Card kick-off', 'Visit with Sofie']);
    expect(card.customData).toHaveLength(1);
    expect(rows(card.customData[0]!.items)).toEqual([
      expect.objectContaining({ name: 'Visit 1', values: { note: 'Brought samples' } }),
    ]);

    // Names: the responsible, the current user and both comment authors came with the batch.
    const names = new Map(card.users.map((u) => [u.id, u.fullName]));
    for (const id of ['3', '1', '4', '6']) expect(names.get(id)).toBeTruthy();
    // …and sit in the caches the overview reads: nothing more to send.
    expect(queryClient.getQueryData<RecordData>(recordKeys.one('deals', dealId))?.title).toBe('Card deal');
    expect(queryClient.getQueryData<UserBrief>(userKeys.brief('4'))?.fullName).toBe(names.get('4'));
    expect(queryClient.getQueryData<UserBrief>(userKeys.brief('3'))?.fullName).toBe(names.get('3'));
  });

  it('lists nothing for empty links (companyId 0, contactIds []) — never every company or contact', async () => {
    const lone = await addItem(2, { title: 'Lonely deal' });
    await clearLog();
    const card = await queryClient.fetchQuery(cardQueryOptions(source, 'deals', lone));
    expect(rows(card.related.companies)).toEqual([]);
    expect(rows(card.related.contacts)).toEqual([]);
    expect(rows(card.tasks)).toEqual([]);
    expect(rows(card.comments)).toEqual([]);
    expect(rows(card.todos)).toEqual([]);
    expect(rows(card.events)).toEqual([]);
    expect(requests(await log())).toHaveLength(1);

    // The portal side of it: `@id` given a reference to `[]` or `[0]` matches no row at all.
    const batch = await hook<{ result: Record<string, { items: unknown[] }> }>('batch', {
      halt: 0,
      cmd: {
        deal: `crm.item.get?entityTypeId=2&id=${lone}`,
        contacts: 'crm.item.list?entityTypeId=3&select[]=id&filter[@id]=$result[deal][item][contactIds]',
        company: 'crm.item.list?entityTypeId=4&select[]=id&filter[@id][0]=$result[deal][item][companyId]',
      },
    });
    expect(batch.result.contacts!.items).toEqual([]);
    expect(batch.result.company!.items).toEqual([]);
  });

  it('shows a company’s contacts and deals, with the deal stages cached from the same request', async () => {
    const card = await queryClient.fetchQuery(cardQueryOptions(source, 'companies', companyId));
    expect(
      rows(card.related.contacts)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...contactIds].sort());
    const deals = rows(card.related.deals);
    expect(deals.map((d) => d.id)).toEqual([dealId]);
    expect(deals[0]).toMatchObject({ title: 'Card deal', entityTypeId: 2 });
    expect(card.related.companies).toBeUndefined();
    expect(queryClient.getQueryData<Stage[]>(stageKeys.of(2))?.some((s) => s.id === deals[0]!.stageId)).toBe(true);
    expect(requests(await log())).toHaveLength(1);

    // Stages cached: the next company card does not read them again.
    await clearLog();
    await queryClient.fetchQuery(cardQueryOptions(source, 'companies', '1'));
    expect((await log())[0]!.batch).not.toContain('crm.status.list');
  });

  it('shows a contact’s companies and deals', async () => {
    const card = await queryClient.fetchQuery(cardQueryOptions(source, 'contacts', contactIds[0]!));
    expect(rows(card.related.companies).map((c) => c.id)).toEqual([companyId]);
    expect(rows(card.related.deals).map((d) => d.id)).toEqual([dealId]);
  });

  it('shows a lead’s company and contact, and a smart process item’s; a lead without them lists none', async () => {
    const leadId = await addItem(1, {
      title: 'Card lead',
      companyId: Number(companyId),
      contactId: Number(contactIds[1]),
    });
    const lead = await queryClient.fetchQuery(cardQueryOptions(source, 'leads', leadId));
    expect(rows(lead.related.companies).map((c) => c.id)).toEqual([companyId]);
    expect(rows(lead.related.contacts).map((c) => c.id)).toEqual([contactIds[1]]);

    const bare = await queryClient.fetchQuery(cardQueryOptions(source, 'leads', await addItem(1, { title: 'Bare' })));
    expect(rows(bare.related.companies)).toEqual([]);
    expect(rows(bare.related.contacts)).toEqual([]);

    const spId = await addItem(1030, {
      title: 'Card project',
      companyId: Number(companyId),
      contactIds: [Number(contactIds[0])],
    });
    await hook('crm.timeline.comment.add', { fields: { ENTITY_ID: spId, ENTITY_TYPE: 'dynamic_1030', COMMENT: 'SP' } });
    await hook('tasks.task.add', { fields: { TITLE: 'SP task', RESPONSIBLE_ID: 1, UF_CRM_TASK: [`T406_${spId}`] } });
    await clearLog();
    const sp = await queryClient.fetchQuery(cardQueryOptions(source, 'sp-1030', spId));
    expect(sp.code).toBe(`T406_${spId}`);
    expect(rows(sp.related.companies).map((c) => c.id)).toEqual([companyId]);
    expect(rows(sp.related.contacts).map((c) => c.id)).toEqual([contactIds[0]]);
    expect(rows(sp.comments).map((c) => c.text)).toEqual(['SP']);
    expect(rows(sp.tasks).map((c) => c.title)).toEqual(['SP task']);
    expect(requests(await log())).toHaveLength(1);
  });

  it('remembers a comment author the portal does not know as nobody, so no screen asks again', async () => {
    const id = await addItem(2, { title: 'Ghost comment' });
    // A comment by a user that no longer exists (written straight into the portal's store).
    t.sandbox.env.db.prepare('INSERT INTO crm_timeline_comment (data) VALUES (?)').run(
      JSON.stringify({
        ENTITY_TYPE_ID: 2,
        ENTITY_ID: Number(id),
        CREATED: new Date().toISOString(),
        COMMENT: 'From the past',
        AUTHOR_ID: 987654,
        FILES: [],
      }),
    );
    await clearLog();
    const card = await queryClient.fetchQuery(cardQueryOptions(source, 'deals', id));
    expect(rows(card.comments).map((c) => c.authorId)).toEqual(['987654']);
    expect(card.unknownUsers).toEqual(['987654']);
    expect(queryClient.getQueryState(userKeys.brief('987654'))?.data).toBeNull();
    expect(requests(await log())).toHaveLength(1);
  });

  it('fails the card when the record is gone, and each other part alone', async () => {
    await expect(queryClient.fetchQuery(cardQueryOptions(source, 'deals', '999999'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // A storage that does not exist: only the custom data part fails.
    const card: CardBundle = await queryClient.fetchQuery(
      cardQueryOptions(source, 'deals', dealId, [{ entity: 'nosuch', title: 'Nope', crmProperty: 'crm' }]),
    );
    expect(card.customData[0]!.items).toMatchObject({ ok: false, error: { code: 'ERROR_ENTITY_NOT_FOUND' } });
    expect(rows(card.tasks)).toHaveLength(1);
  });
});

describe('custom data storages option', () => {
  it('reads the JSON option and skips what it cannot trust', () => {
    expect(
      storagesFromOptions({
        'kontor.storages': JSON.stringify([
          { entity: 'visits', title: 'Visits', crmProperty: 'crm' },
          { entity: 'bad code!', title: 'x', crmProperty: 'crm' },
          { entity: 'orders', crmProperty: 'deal' },
          'nonsense',
        ]),
      }),
    ).toEqual([
      { entity: 'visits', title: 'Visits', crmProperty: 'crm' },
      { entity: 'orders', title: 'orders', crmProperty: 'deal' },
    ]);
    expect(storagesFromOptions({ 'kontor.storages': [{ entity: 'a', crmProperty: 'b', title: 'A' }] })).toHaveLength(1);
    expect(storagesFromOptions({ 'kontor.storages': '{not json' })).toEqual([]);
    expect(storagesFromOptions({})).toEqual([]);
  });
});

describe('card actions', () => {
  /** Runs a mutation the way useMutation does. */
  const run = <V>(options: unknown, variables: V) =>
    new MutationObserver(queryClient, options as MutationObserverOptions<unknown, Error, V>).mutate(variables);

  it('adds a comment, a bound task and a linked meeting; the card reads itself again (one request each time)', async () => {
    const actions = cardActionOptions(source, 'deals', dealId);
    // The card is on screen (an observer: invalidation refetches active queries).
    const key = cardKeys.bundle('deals', dealId, []);
    const observer = new QueryObserver(queryClient, cardQueryOptions(source, 'deals', dealId));
    const stop = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(observer.getCurrentResult().status).toBe('success'));

    await clearLog();
    await run(actions.addComment, 'Added from the card');
    expect(requests(await log())).toEqual(['crm.timeline.comment.add', expect.stringMatching(/^batch:/)]);
    const afterComment = queryClient.getQueryData<CardBundle>(key)!;
    expect(rows(afterComment.comments)[0]!.text).toBe('Added from the card');

    await run(actions.addTask, {
      title: 'From the card',
      responsibleId: '3',
      deadline: new Date(Date.now() + DAY).toISOString(),
    });
    const bound = await hook<{ tasks: { ufCrmTask: string[] }[] }>('tasks.task.list', {
      filter: { TITLE: 'From the card' },
      select: ['ID', 'UF_CRM_TASK'],
    });
    expect(bound.tasks[0]!.ufCrmTask).toEqual([`D_${dealId}`]);
    expect(rows(queryClient.getQueryData<CardBundle>(key)!.tasks)[0]!.title).toBe('From the card');

    const from = Date.now() + 2 * DAY;
    await run(actions.scheduleMeeting, {
      ownerId: '1',
      name: 'Meeting from the card',
      from: new Date(from).toISOString(),
      to: new Date(from + 3_600_000).toISOString(),
      attendeeIds: ['3'],
    });
    expect(rows(queryClient.getQueryData<CardBundle>(key)!.events).map((e) => e.name)).toContain(
      'Meeting from the card',
    );
    stop();
  });

  it('notifies a user through the bell, and says so when the portal cannot deliver', async () => {
    const actions = cardActionOptions(source, 'deals', dealId);
    const id = await run(actions.notify, { userId: '3', message: 'Please look at [url=/crm/deal/details/1/]x[/url]' });
    expect(id).toMatch(/^\d+$/);
    const row = t.sandbox.env.db
      .prepare('SELECT user_id, type, message FROM notifications WHERE id = ?')
      .get(Number(id));
    expect(row).toMatchObject({ user_id: 3, type: 'personal' });
    await expect(run(actions.notify, { userId: '987654', message: 'x' })).rejects.toMatchObject({
      code: 'NOT_DELIVERED',
    });
  });
});
