import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPortalEvent } from '../../events/bus.ts';
import { startTestSandbox, type TestSandbox } from '../../test-utils.ts';
import { DocTable } from '../engine/query.ts';

let t: TestSandbox;
let dealId: number;
let dealId2: number;
let contactId: number;
const events: { event: string; data: unknown }[] = [];
let stopListening: () => void;

type Row = Record<string, unknown>;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

beforeAll(async () => {
  t = await startTestSandbox({ seed: 'demo' });
  const db = t.sandbox.env.db;
  // CRM records straight in the CRM tables: this file tests only what hangs off them.
  dealId = new DocTable(db, 'crm_deal').insert({ TITLE: 'Extras test deal' });
  dealId2 = new DocTable(db, 'crm_deal').insert({ TITLE: 'Extras test deal 2' });
  contactId = new DocTable(db, 'crm_contact').insert({ NAME: 'Extras', LAST_NAME: 'Contact' });
  stopListening = onPortalEvent((_ctx, event, data) => events.push({ event, data }));
});
afterAll(async () => {
  stopListening();
  await t.close();
});

describe('crm.timeline.comment.*', () => {
  let commentId: number;

  it('adds a comment and returns an integer id; emits ONCRMTIMELINECOMMENTADD {ID: n}', async () => {
    const { status, body } = await t.hook('crm.timeline.comment.add', {
      fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: 'Called the client' },
    });
    expect(status).toBe(200);
    expect(typeof body.result).toBe('number');
    commentId = body.result as number;
    expect(events).toContainEqual({ event: 'ONCRMTIMELINECOMMENTADD', data: { ID: commentId } });
  });

  it('reads it back with string values and FILES {} when there are none', async () => {
    const { body } = await t.hook('crm.timeline.comment.get', { id: commentId });
    const r = body.result as Row;
    expect(r).toEqual({
      ID: String(commentId),
      ENTITY_ID: String(dealId),
      ENTITY_TYPE: 'deal',
      CREATED: expect.stringMatching(ISO),
      COMMENT: 'Called the client',
      AUTHOR_ID: '1',
      FILES: {},
    });
  });

  it('stores files sent as [name, base64] pairs', async () => {
    const gif = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
    const add = await t.hook('crm.timeline.comment.add', {
      fields: { ENTITY_ID: contactId, ENTITY_TYPE: 'contact', COMMENT: 'With a file', FILES: [['1.gif', gif]] },
    });
    const { body } = await t.hook('crm.timeline.comment.get', { id: add.body.result });
    const files = (body.result as Row).FILES as Record<string, Row>;
    const [key, file] = Object.entries(files)[0]!;
    expect(file).toMatchObject({
      id: Number(key),
      name: '1.gif',
      type: 'image',
      size: 43,
      authorId: 1,
      date: expect.stringMatching(ISO),
    });
    expect(typeof file.urlDownload).toBe('string');
  });

  it('accepts only lower-case fields and names the missing parameter with code "100"', async () => {
    const { status, body } = await t.hook('crm.timeline.comment.add', {
      FIELDS: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: 'x' },
    });
    expect(status).toBe(400);
    expect(body).toEqual({ error: '100', error_description: 'Could not find value for parameter {fields}' });
  });

  it('refuses an empty comment (INVALID_ARG_VALUE) and a missing owner (OWNER_NOT_FOUND)', async () => {
    const empty = await t.hook('crm.timeline.comment.add', {
      fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: '  ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe('INVALID_ARG_VALUE');
    const owner = await t.hook('crm.timeline.comment.add', {
      fields: { ENTITY_ID: 999999, ENTITY_TYPE: 'deal', COMMENT: 'x' },
    });
    expect(owner.body.error).toBe('OWNER_NOT_FOUND');
    const badType = await t.hook('crm.timeline.comment.add', {
      fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'spaceship', COMMENT: 'x' },
    });
    expect(badType.body.error).toBe('OWNER_NOT_FOUND');
  });

  it('updates the text, keeps the markup verbatim, and answers NOT_FOUND "Not found." for unknown ids', async () => {
    const up = await t.hook('crm.timeline.comment.update', {
      id: commentId,
      fields: { COMMENT: '<img src=x onerror=alert(1)>' },
    });
    expect(up.body.result).toBe(commentId);
    const { body } = await t.hook('crm.timeline.comment.get', { id: commentId });
    expect((body.result as Row).COMMENT).toBe('<img src=x onerror=alert(1)>');
    const missing = await t.hook('crm.timeline.comment.update', { id: 987654, fields: { COMMENT: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'NOT_FOUND', error_description: 'Not found.' });
    const noId = await t.hook('crm.timeline.comment.update', { fields: { COMMENT: 'x' } });
    expect(noId.body.error).toBe('100');
    expect(events).toContainEqual({ event: 'ONCRMTIMELINECOMMENTUPDATE', data: { ID: commentId } });
  });

  it('lists by ENTITY_ID + ENTITY_TYPE with legacy paging and refuses a list without them', async () => {
    for (let i = 0; i < 55; i++)
      await t.hook('crm.timeline.comment.add', {
        fields: { ENTITY_ID: dealId2, ENTITY_TYPE: 'deal', COMMENT: `Note ${i}` },
      });
    const first = await t.hook('crm.timeline.comment.list', {
      filter: { ENTITY_ID: dealId2, ENTITY_TYPE: 'deal' },
      select: ['ID', 'COMMENT'],
    });
    expect(first.body.total).toBe(55);
    expect(first.body.next).toBe(50);
    const rows = first.body.result as Row[];
    expect(rows).toHaveLength(50);
    expect(Object.keys(rows[0]!)).toEqual(['ID', 'COMMENT']);
    const second = await t.hook('crm.timeline.comment.list', {
      filter: { ENTITY_ID: String(dealId2), ENTITY_TYPE: 'DEAL' },
      start: '70',
    });
    expect(second.body.result).toHaveLength(5);
    expect(second.body.next).toBeUndefined();
    const desc = await t.hook('crm.timeline.comment.list', {
      filter: { ENTITY_ID: dealId2, ENTITY_TYPE: 'deal' },
      order: { ID: 'DESC' },
      start: -1,
    });
    expect((desc.body.result as Row[])[0]!.COMMENT).toBe('Note 54');
    expect(desc.body.total).toBe(0);
    const noFilter = await t.hook('crm.timeline.comment.list', {});
    expect(noFilter.status).toBe(400);
    expect(noFilter.body).toEqual({ error: '', error_description: 'Access denied.' });
  });

  it('get answers legacy errors for bad and unknown ids', async () => {
    expect((await t.hook('crm.timeline.comment.get', {})).body).toEqual({
      error: '',
      error_description: 'ID is not defined or invalid.',
    });
    expect((await t.hook('crm.timeline.comment.get', { id: 987654 })).body).toEqual({
      error: '',
      error_description: 'Not found.',
    });
  });

  it('deletes with result null; owner mismatch is NOT_FOUND', async () => {
    const mismatch = await t.hook('crm.timeline.comment.delete', { id: commentId, ownerTypeId: 2, ownerId: dealId2 });
    expect(mismatch.body.error).toBe('NOT_FOUND');
    const del = await t.hook('crm.timeline.comment.delete', { id: commentId, ownerTypeId: 2, ownerId: dealId });
    expect(del.status).toBe(200);
    expect(del.body.result).toBeNull();
    expect((await t.hook('crm.timeline.comment.delete', { id: commentId })).body.error).toBe('NOT_FOUND');
    expect(events).toContainEqual({ event: 'ONCRMTIMELINECOMMENTDELETE', data: { ID: commentId } });
  });

  it('describes its fields', async () => {
    const { body } = await t.hook('crm.timeline.comment.fields');
    const r = body.result as Record<string, Row>;
    expect(Object.keys(r)).toEqual(['ID', 'CREATED', 'ENTITY_ID', 'ENTITY_TYPE', 'AUTHOR_ID', 'COMMENT', 'FILES']);
    expect(r.FILES).toMatchObject({ type: 'attached_diskfile', isMultiple: true });
  });
});

describe('to-dos and crm.activity.*', () => {
  let todoId: number;

  it('creates a to-do and reads it as an all-string activity row', async () => {
    const add = await t.hook('crm.activity.todo.add', {
      ownerTypeId: 2,
      ownerId: dealId,
      deadline: '2030-02-03T15:00:00',
      title: 'Call back',
      description: 'About the quote',
      responsibleId: 3,
      colorId: '2',
    });
    expect(add.status).toBe(200);
    expect(add.body.result).toEqual({ id: expect.any(Number) });
    todoId = (add.body.result as { id: number }).id;
    expect(events).toContainEqual({ event: 'ONCRMACTIVITYADD', data: { FIELDS: { ID: String(todoId) } } });

    const { body } = await t.hook('crm.activity.get', { id: todoId });
    const r = body.result as Row;
    expect(r).toMatchObject({
      ID: String(todoId),
      OWNER_ID: String(dealId),
      OWNER_TYPE_ID: '2',
      TYPE_ID: '6',
      PROVIDER_ID: 'CRM_TODO',
      SUBJECT: 'Call back',
      DESCRIPTION: 'About the quote',
      COMPLETED: 'N',
      STATUS: '1',
      RESPONSIBLE_ID: '3',
      AUTHOR_ID: '1',
      PRIORITY: '2',
      DEADLINE: '2030-02-03T15:00:00+01:00',
      SETTINGS: [],
      PROVIDER_DATA: null,
    });
    for (const [k, v] of Object.entries(r)) {
      if (v !== null && !Array.isArray(v)) expect(typeof v, k).toBe('string');
    }
  });

  it('validates to-do input: "100" per missing parameter, NOT_FOUND owner, WRONG_DATETIME_FORMAT', async () => {
    const noDeadline = await t.hook('crm.activity.todo.add', { ownerTypeId: 2, ownerId: dealId });
    expect(noDeadline.body).toEqual({
      error: '100',
      error_description: 'Could not find value for parameter {deadline}',
    });
    const owner = await t.hook('crm.activity.todo.add', {
      ownerTypeId: 2,
      ownerId: 999999,
      deadline: '2030-01-01T10:00:00',
    });
    expect(owner.body).toEqual({ error: 'NOT_FOUND', error_description: 'Not found.' });
    const date = await t.hook('crm.activity.todo.add', { ownerTypeId: 2, ownerId: dealId, deadline: 'next tuesday' });
    expect(date.body.error).toBe('WRONG_DATETIME_FORMAT');
  });

  it('updates deadline, description and the whole to-do', async () => {
    const dl = await t.hook('crm.activity.todo.updateDeadline', {
      id: todoId,
      ownerTypeId: 2,
      ownerId: dealId,
      value: '2030-03-01T09:30:00+01:00',
    });
    expect(dl.body.result).toEqual({ id: todoId });
    const desc = await t.hook('crm.activity.todo.updateDescription', {
      id: todoId,
      ownerTypeId: 2,
      ownerId: dealId,
      value: 'New text',
    });
    expect(desc.body.result).toEqual({ id: todoId });
    const up = await t.hook('crm.activity.todo.update', {
      id: todoId,
      ownerTypeId: 2,
      ownerId: dealId,
      deadline: '2030-03-02T10:00:00',
      title: 'Call back again',
    });
    expect(up.body.result).toEqual({ id: todoId });
    const r = (await t.hook('crm.activity.get', { id: todoId })).body.result as Row;
    expect(r).toMatchObject({
      DEADLINE: '2030-03-02T10:00:00+01:00',
      DESCRIPTION: 'New text',
      SUBJECT: 'Call back again',
    });
    const wrongOwner = await t.hook('crm.activity.todo.updateDeadline', {
      id: todoId,
      ownerTypeId: 2,
      ownerId: dealId2,
      value: '2030-03-01T09:30:00',
    });
    expect(wrongOwner.body.error).toBe('NOT_FOUND');
  });

  it('completes through crm.activity.update and then refuses to-do edits', async () => {
    const done = await t.hook('crm.activity.update', { id: todoId, fields: { COMPLETED: 'Y' } });
    expect(done.body.result).toBe(true);
    const r = (await t.hook('crm.activity.get', { id: todoId })).body.result as Row;
    expect(r).toMatchObject({ COMPLETED: 'Y', STATUS: '2' });
    const edit = await t.hook('crm.activity.todo.updateDescription', {
      id: todoId,
      ownerTypeId: 2,
      ownerId: dealId,
      value: 'x',
    });
    expect(edit.body.error).toBe('CAN_NOT_UPDATE_COMPLETED_TODO');
  });

  it('filters to-dos by owner, completion, responsible and deadline with operators; pages by 50', async () => {
    for (let i = 0; i < 52; i++) {
      await t.hook('crm.activity.todo.add', {
        ownerTypeId: 3,
        ownerId: contactId,
        deadline: `2031-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00`,
        title: `T${i}`,
        responsibleId: i % 2 ? 4 : 5,
      });
    }
    const base = { OWNER_TYPE_ID: 3, OWNER_ID: contactId };
    const all = await t.hook('crm.activity.list', { filter: base, order: { ID: 'ASC' } });
    expect(all.body.total).toBe(52);
    expect(all.body.next).toBe(50);
    const page2 = await t.hook('crm.activity.list', { filter: base, start: 50 });
    expect(page2.body.result).toHaveLength(2);
    const mine = await t.hook('crm.activity.list', {
      filter: { ...base, RESPONSIBLE_ID: '4', COMPLETED: 'N' },
      select: ['ID', 'RESPONSIBLE_ID'],
    });
    expect(mine.body.total).toBe(26);
    expect((mine.body.result as Row[]).every((x) => x.RESPONSIBLE_ID === '4' && Object.keys(x).length === 2)).toBe(
      true,
    );
    const early = await t.hook('crm.activity.list', { filter: { ...base, '<DEADLINE': '2031-01-03T00:00:00' } });
    expect(early.body.total).toBe(4);
    const done = await t.hook('crm.activity.list', {
      filter: { OWNER_TYPE_ID: 2, OWNER_ID: dealId, COMPLETED: 'Y', PROVIDER_ID: 'CRM_TODO' },
    });
    expect((done.body.result as Row[]).map((x) => x.ID)).toEqual([String(todoId)]);
    const cursor = await t.hook('crm.activity.list', {
      filter: { ...base, '>ID': 0 },
      order: { ID: 'ASC' },
      start: -1,
    });
    expect(cursor.body.total).toBe(0);
    expect(cursor.body.next).toBeUndefined();
  });

  it('has seeded demo to-dos only when CRM records exist, all CRM_TODO', async () => {
    const { body } = await t.hook('crm.activity.list', { filter: { PROVIDER_ID: 'CRM_TODO', '<ID': todoId } });
    for (const r of body.result as Row[]) expect(r.PROVIDER_ID).toBe('CRM_TODO');
  });

  it('adds a classic activity, deletes activities, and answers legacy errors', async () => {
    const add = await t.hook('crm.activity.add', {
      fields: {
        OWNER_TYPE_ID: 2,
        OWNER_ID: dealId,
        TYPE_ID: 2,
        SUBJECT: 'Outgoing call',
        START_TIME: '2030-01-01T10:00:00',
        END_TIME: '2030-01-01T10:30:00',
        DIRECTION: 2,
      },
    });
    expect(typeof add.body.result).toBe('number');
    const r = (await t.hook('crm.activity.get', { id: add.body.result })).body.result as Row;
    expect(r).toMatchObject({
      TYPE_ID: '2',
      PROVIDER_ID: 'VOXIMPLANT_CALL',
      DIRECTION: '2',
      DEADLINE: '2030-01-01T10:30:00+01:00',
    });
    const bad = await t.hook('crm.activity.add', { fields: { OWNER_TYPE_ID: 2, TYPE_ID: 2 } });
    expect(bad.body).toEqual({ error: '', error_description: 'The field OWNER_ID is not defined or invalid.' });
    expect((await t.hook('crm.activity.delete', { id: add.body.result })).body.result).toBe(true);
    expect((await t.hook('crm.activity.get', { id: add.body.result })).body).toEqual({
      error: '',
      error_description: 'Not found',
    });
    expect((await t.hook('crm.activity.get', { id: 'abc' })).body).toEqual({
      error: '',
      error_description: 'ID is not defined or invalid.',
    });
    const fields = (await t.hook('crm.activity.fields')).body.result as Record<string, Row>;
    expect(fields.DEADLINE).toMatchObject({ type: 'datetime' });
  });
});

describe('crm.currency.*', () => {
  it('lists currencies with string values and total 0', async () => {
    const { body } = await t.hook('crm.currency.list');
    expect(body.total).toBe(0);
    expect(body.next).toBeUndefined();
    const rows = body.result as Row[];
    expect(rows.map((r) => r.CURRENCY)).toEqual(['DKK', 'EUR', 'USD', 'GBP', 'SEK', 'NOK']);
    expect(rows[0]).toEqual({
      CURRENCY: 'DKK',
      AMOUNT_CNT: '1',
      AMOUNT: '1.0000',
      SORT: '100',
      BASE: 'Y',
      FULL_NAME: 'Danish krone',
      LID: 'en',
      FORMAT_STRING: '# kr.',
      DEC_POINT: '.',
      THOUSANDS_SEP: null,
      DECIMALS: '2',
      DATE_UPDATE: expect.stringMatching(ISO),
    });
    expect(rows.find((r) => r.CURRENCY === 'SEK')).toMatchObject({ AMOUNT_CNT: '100', AMOUNT: '67.8100' });
    const desc = await t.hook('crm.currency.list', { order: { CURRENCY: 'desc' } });
    expect((desc.body.result as Row[])[0]!.CURRENCY).toBe('USD');
  });

  it('gets one currency with LANG, and "" Not found for unknown codes', async () => {
    const { body } = await t.hook('crm.currency.get', { id: 'eur' });
    const r = body.result as Row;
    expect(r.CURRENCY).toBe('EUR');
    expect((r.LANG as Record<string, Row>).en).toEqual({
      FORMAT_STRING: '€#',
      FULL_NAME: 'Euro',
      DEC_POINT: '.',
      THOUSANDS_SEP: null,
      DECIMALS: '2',
      THOUSANDS_VARIANT: 'C',
      HIDE_ZERO: 'Y',
    });
    expect((await t.hook('crm.currency.get', { id: 'XYZ' })).body).toEqual({
      error: '',
      error_description: 'Not found',
    });
    expect(await t.hook('crm.currency.base.get')).toMatchObject({ body: { result: 'DKK' } });
  });

  it('adds a currency; validation errors name the field', async () => {
    const missing = await t.hook('crm.currency.add', { fields: { CURRENCY: 'CHF', AMOUNT_CNT: 1 } });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'ERROR_CORE', error_description: 'Undefined array key "AMOUNT"' });
    const badRate = await t.hook('crm.currency.add', { fields: { CURRENCY: 'CHF', AMOUNT_CNT: 1, AMOUNT: '-3' } });
    expect(badRate.body.error).toBe('ERROR_CORE');
    expect(badRate.body.error_description).toContain('AMOUNT');
    const badCode = await t.hook('crm.currency.add', { fields: { CURRENCY: 'CH', AMOUNT_CNT: 1, AMOUNT: 7 } });
    expect(badCode.body.error_description).toContain('CURRENCY');
    const dup = await t.hook('crm.currency.add', { fields: { CURRENCY: 'EUR', AMOUNT_CNT: 1, AMOUNT: 7 } });
    expect(dup.body.error_description).toContain('EUR');
    const ok = await t.hook('crm.currency.add', {
      fields: {
        CURRENCY: 'chf',
        AMOUNT_CNT: '1',
        AMOUNT: '7.9512',
        SORT: 700,
        LANG: { en: { FULL_NAME: 'Swiss franc', FORMAT_STRING: 'CHF #', DECIMALS: 2 } },
      },
    });
    expect(ok.body.result).toBe('CHF');
    expect(events).toContainEqual({ event: 'ONCRMCURRENCYADD', data: { FIELDS: { ID: 'CHF' } } });
    const r = (await t.hook('crm.currency.get', { id: 'CHF' })).body.result as Row;
    expect(r).toMatchObject({
      AMOUNT: '7.9512',
      SORT: '700',
      BASE: 'N',
      FULL_NAME: 'Swiss franc',
      FORMAT_STRING: 'CHF #',
    });
  });

  it('updates, sets localizations, deletes; the base currency cannot be deleted', async () => {
    expect((await t.hook('crm.currency.update', { id: 'CHF', fields: { AMOUNT: 8 } })).body.result).toBe(true);
    expect(((await t.hook('crm.currency.get', { id: 'CHF' })).body.result as Row).AMOUNT).toBe('8.0000');
    expect(
      (
        await t.hook('crm.currency.localizations.set', {
          id: 'CHF',
          localizations: { da: { FULL_NAME: 'Schweizerfranc', FORMAT_STRING: '# CHF', DEC_POINT: ',' } },
        })
      ).body.result,
    ).toBe(true);
    const langs = (await t.hook('crm.currency.localizations.get', { id: 'CHF' })).body.result as Record<string, Row>;
    expect(Object.keys(langs).sort()).toEqual(['da', 'en']);
    expect(langs.da).toMatchObject({ FULL_NAME: 'Schweizerfranc', DEC_POINT: ',', DECIMALS: '2' });
    expect((await t.hook('crm.currency.localizations.get', {})).body).toEqual({
      error: '',
      error_description: 'The parameter id is invalid or not defined.',
    });
    expect((await t.hook('crm.currency.delete', { id: 'DKK' })).body).toEqual({
      error: '',
      error_description: 'Cannot delete base currency.',
    });
    expect((await t.hook('crm.currency.delete', { id: 'CHF' })).body.result).toBe(true);
    expect((await t.hook('crm.currency.get', { id: 'CHF' })).body.error).toBe('');
  });

  it('refuses writes by non-admins with the legacy empty code', async () => {
    const res = await t.app('crm.currency.add', { fields: { CURRENCY: 'PLN', AMOUNT_CNT: 1, AMOUNT: 1.6 } }, 5);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: '', error_description: 'Access denied.' });
  });

  it('base.set rebases every rate on the new base currency', async () => {
    expect((await t.hook('crm.currency.base.set', { id: 'EUR' })).body.result).toBe(true);
    expect((await t.hook('crm.currency.base.get')).body.result).toBe('EUR');
    const rows = Object.fromEntries(
      ((await t.hook('crm.currency.list')).body.result as Row[]).map((r) => [r.CURRENCY, r]),
    );
    expect(rows.EUR).toMatchObject({ BASE: 'Y', AMOUNT_CNT: '1', AMOUNT: '1.0000' });
    expect(rows.DKK).toMatchObject({ BASE: 'N', AMOUNT_CNT: '1', AMOUNT: (1 / 7.4604).toFixed(4) });
    expect(rows.SEK).toMatchObject({ AMOUNT_CNT: '100', AMOUNT: (67.81 / 7.4604).toFixed(4) });
    await t.hook('crm.currency.base.set', { id: 'DKK' });
    const back = Object.fromEntries(
      ((await t.hook('crm.currency.list')).body.result as Row[]).map((r) => [r.CURRENCY, r]),
    );
    expect(back.DKK).toMatchObject({ BASE: 'Y', AMOUNT: '1.0000' });
    expect(Number(back.EUR!.AMOUNT)).toBeCloseTo(7.4604, 2);
  });
});
