import type { Db } from '../../db/database.ts';
import type { CallContext } from '../engine/context.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, isTruthy, param, toInt, type Params } from '../engine/params.ts';
import { compileFilter, compileOrder, type ColumnResolver } from '../engine/query.ts';
import { ListResult, type MethodDef, type MethodTable } from '../engine/registry.ts';
import { entityFields, itemResolver, legacyResolver, type EntityFields, type FieldDef } from './crm-fields.ts';
import {
  collectInput,
  deleteRecord,
  hasMultiFields,
  itemRow,
  legacyRow,
  loadRecord,
  pageRecords,
  writeRecord,
  type StoredRecord,
} from './crm-records.ts';
import { createCrmSchema, DEAL, entityInfo, multiFieldsFor, staticEntityInfo, type EntityInfo } from './crm-store.ts';
import { userFieldMethods } from './crm-userfields.ts';
import type { Family } from './family.ts';

/** Legacy `crm.deal|contact|company|lead.*` and universal `crm.item.*`. */

const MISSING_ID = 'ID is not defined or invalid.';

function positiveId(value: unknown): number | null {
  const id = toInt(value, 0);
  if (id <= 0) return null;
  if (typeof value === 'string' && !/^\s*\d+\s*$/.test(value)) return null;
  return id;
}

function mustBeArray(params: Params, name: string): unknown {
  const v = param(params, name);
  if (v === undefined || v === null || v === '' || isPlainObject(v) || Array.isArray(v)) return v;
  throw errors.legacy(`Parameter '${name}' must be array.`);
}

function fieldsParam(params: Params): Record<string, unknown> {
  const v = param(params, 'fields');
  if (!isPlainObject(v)) throw errors.legacy("Parameter 'fields' must be array.");
  return v;
}

// ---------------------------------------------------------------------------------------------
// Legacy

function legacySelect(fields: EntityFields, select: unknown): { defs: FieldDef[]; multi: boolean } {
  const list = Array.isArray(select)
    ? select.map(String)
    : typeof select === 'string' && select !== ''
      ? [select]
      : isPlainObject(select)
        ? Object.values(select).map(String)
        : [];
  const wanted = new Set<FieldDef>();
  const standard = (f: FieldDef) => f.legacyRead && f.kind !== 'multi' && f.kind !== 'uf';
  if (list.length === 0) {
    for (const f of fields.list) if (standard(f) || f.kind === 'uf') wanted.add(f);
  } else {
    for (const raw of list) {
      const s = raw.trim().toUpperCase();
      if (s === '*') {
        for (const f of fields.list) if (standard(f)) wanted.add(f);
      } else if (s === 'UF_*') {
        for (const f of fields.userFields) wanted.add(f);
      } else {
        const def = fields.byName.get(s);
        if (def && def.legacyRead) wanted.add(def);
      }
    }
  }
  wanted.add(fields.byName.get('ID')!);
  const defs = fields.list.filter((f) => wanted.has(f));
  return { defs, multi: defs.some((d) => d.kind === 'multi') };
}

function orderResolver(resolve: ColumnResolver): ColumnResolver {
  return (field) => {
    const col = resolve(field);
    if (!col || col.multiple) return null;
    // multi-fields resolve to a sub-query on `id`: they cannot be sorted by
    if (col.custom) return col.sql === 'id' ? null : { sql: col.sql, type: col.type };
    return col;
  };
}

function legacyInfo(entityTypeId: number): EntityInfo {
  return staticEntityInfo(entityTypeId)!;
}

function legacyRecordOrFail(db: Db, info: EntityInfo, params: Params): StoredRecord {
  const id = positiveId(param(params, 'id'));
  if (id === null) throw errors.legacy(MISSING_ID);
  const rec = loadRecord(db, info, id);
  if (!rec) throw errors.legacy('Not found');
  return rec;
}

function legacyGet(db: Db, fields: EntityFields, rec: StoredRecord): Record<string, unknown> {
  const defs = fields.list.filter((f) => f.legacyRead);
  const multi = hasMultiFields(fields.info)
    ? multiFieldsFor(db, fields.info.entityTypeId, [rec.id]).get(rec.id)
    : undefined;
  return legacyRow(defs, rec, multi);
}

export function legacyFieldDescription(f: FieldDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: f.type,
    isRequired: f.required,
    isReadOnly: f.readOnly,
    isImmutable: f.immutable,
    isMultiple: f.multiple,
    isDynamic: f.kind === 'uf',
    title: f.kind === 'uf' ? f.name : f.title,
  };
  if (f.statusType) out.statusType = f.statusType;
  if (f.uf) {
    if (f.uf.USER_TYPE_ID === 'enumeration')
      out.items = (f.uf.LIST ?? []).map((i) => ({ ID: String(i.ID), VALUE: i.VALUE }));
    out.listLabel = f.uf.LIST_COLUMN_LABEL.en ?? f.title;
    out.formLabel = f.uf.EDIT_FORM_LABEL.en ?? f.title;
    out.filterLabel = f.uf.LIST_FILTER_LABEL.en ?? f.title;
    out.settings = f.uf.SETTINGS;
  }
  return out;
}

function legacyMethods(prefix: string, entityTypeId: number): MethodTable {
  const info = legacyInfo(entityTypeId);
  const m = (handler: MethodDef['handler']): MethodDef => ({ scope: 'crm', handler });
  return {
    [`crm.${prefix}.fields`]: m((_p, ctx) => {
      const fields = entityFields(ctx.db, info);
      const out: Record<string, unknown> = {};
      for (const f of fields.list) if (f.legacy) out[f.name] = legacyFieldDescription(f);
      return out;
    }),
    [`crm.${prefix}.get`]: m((params, ctx) => {
      const rec = legacyRecordOrFail(ctx.db, info, params);
      return legacyGet(ctx.db, entityFields(ctx.db, info), rec);
    }),
    [`crm.${prefix}.list`]: m((params, ctx) => {
      const fields = entityFields(ctx.db, info);
      const filter = mustBeArray(params, 'filter');
      const order = mustBeArray(params, 'order');
      const resolve = legacyResolver(fields);
      const where = compileFilter(filter, resolve);
      const orderBy = compileOrder(order, orderResolver(resolve));
      const page = pageRecords(ctx.db, info, where, orderBy, param(params, 'start'), 'page');
      const { defs, multi } = legacySelect(fields, param(params, 'select'));
      const multiRows = multi
        ? multiFieldsFor(
            ctx.db,
            entityTypeId,
            page.rows.map((r) => r.id),
          )
        : null;
      const rows = page.rows.map((rec) => legacyRow(defs, rec, multiRows?.get(rec.id)));
      return new ListResult(rows, page.total, page.next);
    }),
    [`crm.${prefix}.add`]: m((params, ctx) => {
      const fields = entityFields(ctx.db, info);
      const input = collectInput(fields, fieldsParam(params), 'legacy', false);
      return writeRecord(ctx, fields, null, input, 'legacy');
    }),
    [`crm.${prefix}.update`]: m((params, ctx) => {
      const id = positiveId(param(params, 'id'));
      if (id === null) throw errors.legacy(MISSING_ID);
      const fieldsRaw = fieldsParam(params);
      const rec = loadRecord(ctx.db, info, id);
      if (!rec) throw errors.legacy('Not found');
      const fields = entityFields(ctx.db, info);
      writeRecord(ctx, fields, rec, collectInput(fields, fieldsRaw, 'legacy', true), 'legacy');
      return true;
    }),
    [`crm.${prefix}.delete`]: m((params, ctx) => {
      const rec = legacyRecordOrFail(ctx.db, info, params);
      deleteRecord(ctx, info, rec.id);
      return true;
    }),
    ...userFieldMethods(prefix, info),
  };
}

// ---------------------------------------------------------------------------------------------
// crm.deal.contact.*

function dealContactMethods(): MethodTable {
  const info = legacyInfo(DEAL);
  const items = (rec: StoredRecord) => {
    const ids = Array.isArray(rec.doc.CONTACT_IDS) ? (rec.doc.CONTACT_IDS as number[]) : [];
    return ids.map((id, i) => ({ CONTACT_ID: id, SORT: (i + 1) * 10, ROLE_ID: 0, IS_PRIMARY: i === 0 ? 'Y' : 'N' }));
  };
  const setIds = (ctx: CallContext, rec: StoredRecord, ids: number[]) => {
    const fields = entityFields(ctx.db, info);
    writeRecord(ctx, fields, rec, collectInput(fields, { CONTACT_IDS: ids }, 'legacy', true), 'legacy');
  };
  const contactId = (v: unknown): number => {
    const id = positiveId(v);
    if (id === null) throw errors.legacy("The parameter 'fields' must contain CONTACT_ID.");
    return id;
  };
  return {
    'crm.deal.contact.fields': {
      scope: 'crm',
      handler: () => ({
        CONTACT_ID: {
          type: 'integer',
          isRequired: true,
          isReadOnly: false,
          isImmutable: false,
          isMultiple: false,
          isDynamic: false,
          title: 'Contact ID',
        },
        SORT: {
          type: 'integer',
          isRequired: false,
          isReadOnly: false,
          isImmutable: false,
          isMultiple: false,
          isDynamic: false,
          title: 'Sort index',
        },
        ROLE_ID: {
          type: 'integer',
          isRequired: false,
          isReadOnly: false,
          isImmutable: false,
          isMultiple: false,
          isDynamic: false,
          title: 'Role ID',
        },
        IS_PRIMARY: {
          type: 'char',
          isRequired: false,
          isReadOnly: false,
          isImmutable: false,
          isMultiple: false,
          isDynamic: false,
          title: 'Primary contact',
        },
      }),
    },
    'crm.deal.contact.items.get': {
      scope: 'crm',
      handler: (params, ctx) => items(legacyRecordOrFail(ctx.db, info, params)),
    },
    'crm.deal.contact.items.set': {
      scope: 'crm',
      handler: (params, ctx) => {
        const rec = legacyRecordOrFail(ctx.db, info, params);
        const raw = param(params, 'items');
        const list = (Array.isArray(raw) ? raw : isPlainObject(raw) ? Object.values(raw) : []).filter(isPlainObject);
        const sorted = list
          .map((it, i) => ({
            id: contactId(param(it, 'CONTACT_ID')),
            sort: toInt(param(it, 'SORT'), i),
            primary: isTruthy(param(it, 'IS_PRIMARY')),
          }))
          .sort((x, y) => Number(y.primary) - Number(x.primary) || x.sort - y.sort);
        setIds(
          ctx,
          rec,
          sorted.map((x) => x.id),
        );
        return true;
      },
    },
    'crm.deal.contact.items.delete': {
      scope: 'crm',
      handler: (params, ctx) => {
        setIds(ctx, legacyRecordOrFail(ctx.db, info, params), []);
        return true;
      },
    },
    'crm.deal.contact.add': {
      scope: 'crm',
      handler: (params, ctx) => {
        const rec = legacyRecordOrFail(ctx.db, info, params);
        const f = fieldsParam(params);
        const id = contactId(param(f, 'CONTACT_ID'));
        const current = items(rec)
          .map((x) => x.CONTACT_ID)
          .filter((x) => x !== id);
        setIds(
          ctx,
          rec,
          isTruthy(param(f, 'IS_PRIMARY')) || current.length === 0 ? [id, ...current] : [...current, id],
        );
        return true;
      },
    },
    'crm.deal.contact.delete': {
      scope: 'crm',
      handler: (params, ctx) => {
        const rec = legacyRecordOrFail(ctx.db, info, params);
        const id = contactId(param(fieldsParam(params), 'CONTACT_ID'));
        setIds(
          ctx,
          rec,
          items(rec)
            .map((x) => x.CONTACT_ID)
            .filter((x) => x !== id),
        );
        return true;
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// crm.item.*

function itemEntity(db: Db, params: Params): EntityFields {
  const raw = param(params, 'entityTypeId');
  const entityTypeId = toInt(raw, 0);
  const info = entityTypeId > 0 ? entityInfo(db, entityTypeId) : null;
  if (!info) throw errors.notFound('Smart process not found');
  return entityFields(db, info);
}

function itemRecordOrFail(db: Db, fields: EntityFields, params: Params): StoredRecord {
  const id = positiveId(param(params, 'id'));
  const rec = id === null ? null : loadRecord(db, fields.info, id);
  if (!rec) throw errors.notFound('Element not found');
  return rec;
}

function invalidArg(text: string): RestError {
  return errors.invalidArgValue(text);
}

function itemSelect(fields: EntityFields, select: unknown): { defs: FieldDef[]; fm: boolean } {
  const list = Array.isArray(select)
    ? select.map(String)
    : typeof select === 'string' && select !== ''
      ? [select]
      : isPlainObject(select)
        ? Object.values(select).map(String)
        : ['*'];
  const wanted = new Set<FieldDef>();
  let fm = false;
  for (const s of list.length === 0 ? ['*'] : list) {
    if (s === '*') {
      for (const f of fields.list) if (f.item) wanted.add(f);
      fm = true;
    } else if (s === 'ufCrm*' || s === 'UF_*' || s === 'ufCrm_*' || s === 'UF_CRM_*') {
      for (const f of fields.userFields) wanted.add(f);
    } else if (s === 'fm') {
      fm = true;
    } else {
      const def = fields.byCamel.get(s) ?? fields.byName.get(s);
      if (!def || !def.item) throw invalidArg(`Invalid select: field '${s}' is not allowed in select`);
      wanted.add(def);
    }
  }
  wanted.add(fields.byName.get('ID')!);
  return { defs: fields.list.filter((f) => wanted.has(f)), fm };
}

function fullItem(db: Db, fields: EntityFields, rec: StoredRecord, useOriginal: boolean): Record<string, unknown> {
  const defs = fields.list.filter((f) => f.item);
  const multi = hasMultiFields(fields.info)
    ? (multiFieldsFor(db, fields.info.entityTypeId, [rec.id]).get(rec.id) ?? [])
    : null;
  return itemRow(fields, defs, rec, multi, useOriginal);
}

function itemFieldsParam(params: Params): Record<string, unknown> {
  const v = param(params, 'fields');
  if (!isPlainObject(v)) throw invalidArg("Invalid value for parameter 'fields': an object is expected");
  return v;
}

export function itemFieldDescription(f: FieldDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: f.type,
    isRequired: f.required,
    isReadOnly: f.readOnly,
    isImmutable: f.immutable,
    isMultiple: f.multiple,
    isDynamic: f.kind === 'uf',
    title: f.title,
    upperName: f.name,
  };
  if (f.statusType) out.statusType = f.statusType;
  if (f.uf) {
    if (f.uf.USER_TYPE_ID === 'enumeration') out.items = (f.uf.LIST ?? []).map((i) => ({ ID: i.ID, VALUE: i.VALUE }));
    out.settings = f.uf.SETTINGS;
  }
  return out;
}

const itemMethods: MethodTable = {
  'crm.item.fields': {
    scope: 'crm',
    handler: (params, ctx) => {
      const fields = itemEntity(ctx.db, params);
      const original = isTruthy(param(params, 'useOriginalUfNames'));
      const out: Record<string, unknown> = {};
      for (const f of fields.list)
        if (f.item) out[f.kind === 'uf' && original ? f.name : f.camel] = itemFieldDescription(f);
      return { fields: out };
    },
  },
  'crm.item.get': {
    scope: 'crm',
    handler: (params, ctx) => {
      const fields = itemEntity(ctx.db, params);
      const rec = itemRecordOrFail(ctx.db, fields, params);
      return { item: fullItem(ctx.db, fields, rec, isTruthy(param(params, 'useOriginalUfNames'))) };
    },
  },
  'crm.item.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const fields = itemEntity(ctx.db, params);
      const resolve = itemResolver(fields);
      const where = compileFilter(param(params, 'filter'), resolve, {
        allowLogic: true,
        onUnknown: (f) => invalidArg(`Invalid filter: field '${f}' is not allowed in filter`),
      });
      const orderBy = compileOrder(param(params, 'order'), itemResolver(fields, true), {
        strictDirection: true,
        onUnknown: (f) => invalidArg(`Invalid order: field '${f}' is not allowed in order`),
      });
      const { defs, fm } = itemSelect(fields, param(params, 'select'));
      const page = pageRecords(ctx.db, fields.info, where, orderBy, param(params, 'start'), 'offset');
      const multi =
        fm && hasMultiFields(fields.info)
          ? multiFieldsFor(
              ctx.db,
              fields.info.entityTypeId,
              page.rows.map((r) => r.id),
            )
          : null;
      const original = isTruthy(param(params, 'useOriginalUfNames'));
      const items = page.rows.map((rec) =>
        itemRow(fields, defs, rec, multi ? (multi.get(rec.id) ?? []) : null, original),
      );
      return new ListResult({ items }, page.total, page.next);
    },
  },
  'crm.item.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      const fields = itemEntity(ctx.db, params);
      const input = collectInput(fields, itemFieldsParam(params), 'item', false);
      const id = writeRecord(ctx, fields, null, input, 'item');
      return {
        item: fullItem(
          ctx.db,
          fields,
          loadRecord(ctx.db, fields.info, id)!,
          isTruthy(param(params, 'useOriginalUfNames')),
        ),
      };
    },
  },
  'crm.item.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      const fields = itemEntity(ctx.db, params);
      const rec = itemRecordOrFail(ctx.db, fields, params);
      const input = collectInput(fields, itemFieldsParam(params), 'item', true);
      writeRecord(ctx, fields, rec, input, 'item');
      return {
        item: fullItem(
          ctx.db,
          fields,
          loadRecord(ctx.db, fields.info, rec.id)!,
          isTruthy(param(params, 'useOriginalUfNames')),
        ),
      };
    },
  },
  'crm.item.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      const fields = itemEntity(ctx.db, params);
      const rec = itemRecordOrFail(ctx.db, fields, params);
      deleteRecord(ctx, fields.info, rec.id);
      return [];
    },
  },
};

export const crmEntitiesFamily: Family = {
  name: 'crm-entities',
  schema: createCrmSchema,
  methods: {
    ...legacyMethods('deal', 2),
    ...legacyMethods('contact', 3),
    ...legacyMethods('company', 4),
    ...legacyMethods('lead', 1),
    ...dealContactMethods(),
    ...itemMethods,
  },
};
