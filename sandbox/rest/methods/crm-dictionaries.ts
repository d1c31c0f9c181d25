import type { Db } from '../../db/database.ts';
import { errors, RestError } from '../engine/errors.ts';
import { isPlainObject, param, toInt, type Params } from '../engine/params.ts';
import { compileFilter, compileOrder, docResolver, listPage, prepare } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { formatIso } from '../engine/time.ts';
import {
  addStatus,
  allTypes,
  categoriesOf,
  categoryById,
  createCategory,
  createSmartProcess,
  DEAL,
  deleteCategoryRows,
  deleteSmartProcess,
  DICTIONARY_NAMES,
  entityInfo,
  parseStageEntityId,
  stageEntityId,
  stagePrefix,
  stagesOf,
  statusById,
  TYPE_FLAGS,
  typeById,
  typeByEntityTypeId,
  typeTable,
  LEAD,
  type Category,
  type CrmType,
  type Status,
} from './crm-store.ts';
import type { Family } from './family.ts';

/** `crm.status.*`, `crm.category.*`, `crm.type.*` and the deprecated `crm.dealcategory.*`. */

const MISSING_ID = 'ID is not defined or invalid.';

function legacyId(params: Params): number {
  const id = toInt(param(params, 'id'), 0);
  if (id <= 0) throw errors.legacy(MISSING_ID);
  return id;
}

function isoOrNull(stored: unknown): string | null {
  if (typeof stored !== 'string') return null;
  const ms = Date.parse(stored);
  return Number.isNaN(ms) ? null : formatIso(ms);
}

// ---------------------------------------------------------------------------------------------
// crm.status.*

const EXTRA_NAMES: Record<string, string> = { S: 'success', F: 'failure' };

function isStageEntity(entityId: string): boolean {
  return entityId === 'STATUS' || parseStageEntityId(entityId) !== null;
}

export function statusOut(s: Status): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ID: String(s.id),
    ENTITY_ID: s.ENTITY_ID,
    STATUS_ID: s.STATUS_ID,
    NAME: s.NAME,
    NAME_INIT: s.NAME_INIT,
    SORT: String(s.SORT),
    SYSTEM: s.SYSTEM,
    CATEGORY_ID: s.CATEGORY_ID === null || s.ENTITY_ID === 'DEAL_STAGE' ? null : String(s.CATEGORY_ID),
    COLOR: s.COLOR || null,
    SEMANTICS: s.SEMANTICS,
  };
  if (isStageEntity(s.ENTITY_ID)) {
    out.EXTRA = {
      SEMANTICS: s.EXTRA_SEMANTICS ?? (s.SEMANTICS ? EXTRA_NAMES[s.SEMANTICS] : 'process'),
      COLOR: s.COLOR,
    };
  }
  return out;
}

const statusResolver = docResolver(
  {
    ENTITY_ID: 'string',
    STATUS_ID: 'string',
    NAME: 'string',
    NAME_INIT: 'string',
    SORT: 'int',
    SYSTEM: 'string',
    CATEGORY_ID: 'int',
    COLOR: 'string',
    SEMANTICS: 'string',
  },
  { caseInsensitive: true },
);

function statusOrFail(db: Db, params: Params): Status {
  const s = statusById(db, legacyId(params));
  if (!s) throw errors.legacy('Not found');
  return s;
}

function knownEntityId(db: Db, entityId: string): boolean {
  if (entityId in DICTIONARY_NAMES) return true;
  const stage = parseStageEntityId(entityId);
  return stage !== null && categoryById(db, stage.entityTypeId, stage.categoryId) !== null;
}

function upperFields(params: Params): Record<string, unknown> {
  const f = param(params, 'fields');
  if (!isPlainObject(f)) throw errors.legacy("Parameter 'fields' must be array.");
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) out[k.toUpperCase()] = v;
  return out;
}

function semanticsIn(v: unknown): 'S' | 'F' | null {
  const s = String(v ?? '').toUpperCase();
  return s === 'S' ? 'S' : s === 'F' ? 'F' : null;
}

function entityTypesList(db: Db): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const semanticInfo = (stages: Status[]) => {
    const success = stages.find((s) => s.SEMANTICS === 'S');
    const failure = stages.find((s) => s.SEMANTICS === 'F');
    return {
      START_FIELD: stages[0]?.STATUS_ID ?? '',
      FINAL_SUCCESS_FIELD: success?.STATUS_ID ?? '',
      FINAL_UNSUCCESS_FIELD: failure?.STATUS_ID ?? '',
      FINAL_SORT: success?.SORT ?? 0,
    };
  };
  out.push({
    ID: 'STATUS',
    NAME: DICTIONARY_NAMES.STATUS,
    SEMANTIC_INFO: semanticInfo(stagesOf(db, LEAD, 0)),
    ENTITY_TYPE_ID: LEAD,
  });
  for (const [id, name] of Object.entries(DICTIONARY_NAMES))
    if (id !== 'STATUS' && id !== 'DEAL_TYPE') out.push({ ID: id, NAME: name });
  out.push({ ID: 'DEAL_TYPE', NAME: DICTIONARY_NAMES.DEAL_TYPE });
  for (const cat of categoriesOf(db, DEAL)) {
    const entityId = stageEntityId(DEAL, cat.id);
    const row: Record<string, unknown> = {
      ID: entityId,
      NAME: cat.id === 0 ? 'Deal stages' : `${cat.NAME} pipeline stages`,
      SEMANTIC_INFO: semanticInfo(stagesOf(db, DEAL, cat.id)),
    };
    if (cat.id !== 0) row.PREFIX = `C${cat.id}`;
    row.ENTITY_TYPE_ID = DEAL;
    row.CATEGORY_ID = cat.id;
    out.push(row);
  }
  for (const type of allTypes(db)) {
    for (const cat of categoriesOf(db, type.ENTITY_TYPE_ID)) {
      out.push({
        ID: stageEntityId(type.ENTITY_TYPE_ID, cat.id),
        NAME: `${type.TITLE} stages (${cat.NAME})`,
        SEMANTIC_INFO: semanticInfo(stagesOf(db, type.ENTITY_TYPE_ID, cat.id)),
        PREFIX: `DT${type.ENTITY_TYPE_ID}_${cat.id}`,
        ENTITY_TYPE_ID: type.ENTITY_TYPE_ID,
        CATEGORY_ID: cat.id,
      });
    }
  }
  return out;
}

const STATUS_FIELD_DESC: Record<string, [string, boolean, boolean, string]> = {
  ID: ['integer', false, true, 'ID'],
  ENTITY_ID: ['string', true, false, 'Entity ID'],
  STATUS_ID: ['string', true, false, 'Status ID'],
  NAME: ['string', true, false, 'Name'],
  NAME_INIT: ['string', false, true, 'Default name'],
  SORT: ['integer', false, false, 'Sort'],
  SYSTEM: ['char', false, true, 'System'],
  CATEGORY_ID: ['integer', false, true, 'Pipeline'],
  COLOR: ['string', false, false, 'Color'],
  SEMANTICS: ['string', false, false, 'Semantics'],
  EXTRA: ['crm_status_extra', false, false, 'Additional'],
};

const statusMethods: MethodTable = {
  'crm.status.fields': {
    scope: 'crm',
    handler: () => {
      const out: Record<string, unknown> = {};
      for (const [k, [type, req, ro, title]] of Object.entries(STATUS_FIELD_DESC)) {
        out[k] = {
          type,
          isRequired: req,
          isReadOnly: ro,
          isImmutable: k === 'ENTITY_ID' || k === 'STATUS_ID',
          isMultiple: false,
          isDynamic: false,
          title,
        };
      }
      return out;
    },
  },
  'crm.status.entity.types': { scope: 'crm', handler: (_p, ctx) => entityTypesList(ctx.db) },
  'crm.status.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const where = compileFilter(param(params, 'filter'), statusResolver);
      const orderBy = compileOrder(param(params, 'order'), statusResolver);
      const page = listPage<{ id: number; data: string }>(ctx.db, {
        from: 'crm_status',
        where,
        orderBy,
        start: param(params, 'start'),
        flavour: 'page',
        select: 'id, data',
      });
      const rows = page.rows.map((r) => statusOut({ ...(JSON.parse(r.data) as Omit<Status, 'id'>), id: r.id }));
      return new ListResult(rows, page.total, page.next);
    },
  },
  'crm.status.get': { scope: 'crm', handler: (params, ctx) => statusOut(statusOrFail(ctx.db, params)) },
  'crm.status.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      const f = upperFields(params);
      const entityId = typeof f.ENTITY_ID === 'string' ? f.ENTITY_ID.trim() : '';
      if (!entityId) throw errors.legacy('The field ENTITY_ID is required.');
      if (!knownEntityId(ctx.db, entityId)) throw errors.legacy(`Entity type '${entityId}' is not supported.`);
      let statusId =
        typeof f.STATUS_ID === 'string' || typeof f.STATUS_ID === 'number' ? String(f.STATUS_ID).trim() : '';
      const name = typeof f.NAME === 'string' ? f.NAME.trim() : '';
      if (!statusId) throw errors.legacy('The field STATUS_ID is required.');
      if (!name) throw errors.legacy('The field NAME is required.');
      const stage = parseStageEntityId(entityId);
      const prefix = stage ? stagePrefix(stage.entityTypeId, stage.categoryId) : '';
      if (prefix && !statusId.startsWith(prefix)) statusId = `${prefix}${statusId}`;
      if (statusId.length > 50) throw errors.legacy('The field STATUS_ID is too long.');
      const dup = prepare(
        ctx.db,
        `SELECT 1 FROM crm_status WHERE json_extract(data, '$.ENTITY_ID') = ? AND json_extract(data, '$.STATUS_ID') = ?`,
      ).get(entityId, statusId);
      if (dup) throw errors.legacy(`Status '${statusId}' already exists.`);
      return addStatus(ctx.db, {
        ENTITY_ID: entityId,
        STATUS_ID: statusId,
        NAME: name,
        SORT: toInt(f.SORT, 10),
        CATEGORY_ID: stage ? stage.categoryId : null,
        COLOR: typeof f.COLOR === 'string' ? f.COLOR : stage ? '#ACE9FB' : '',
        SEMANTICS: stage || entityId === 'STATUS' ? semanticsIn(f.SEMANTICS) : null,
      });
    },
  },
  'crm.status.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      const s = statusOrFail(ctx.db, params);
      const f = upperFields(params);
      const next: Status = { ...s };
      if (typeof f.NAME === 'string' && f.NAME.trim()) next.NAME = f.NAME.trim();
      if (f.SORT !== undefined) next.SORT = toInt(f.SORT, s.SORT);
      if (typeof f.COLOR === 'string') next.COLOR = f.COLOR;
      if (f.SEMANTICS !== undefined && s.SYSTEM !== 'Y' && isStageEntity(s.ENTITY_ID))
        next.SEMANTICS = semanticsIn(f.SEMANTICS);
      const { id, ...data } = next;
      prepare(ctx.db, 'UPDATE crm_status SET data = ? WHERE id = ?').run(JSON.stringify(data), id);
      return true;
    },
  },
  'crm.status.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      const s = statusOrFail(ctx.db, params);
      const p = param(params, 'params');
      const forced = isPlainObject(p) && String(param(p, 'FORCED') ?? '').toUpperCase() === 'Y';
      if (s.SYSTEM === 'Y' && !forced) throw errors.legacy("Can't delete system status");
      prepare(ctx.db, 'DELETE FROM crm_status WHERE id = ?').run(s.id);
      return true;
    },
  },
};

// ---------------------------------------------------------------------------------------------
// crm.category.*

function categoryOut(c: Category): Record<string, unknown> {
  return {
    id: c.id,
    name: c.NAME,
    sort: c.SORT,
    entityTypeId: c.ENTITY_TYPE_ID,
    isDefault: c.IS_DEFAULT,
    originId: c.ORIGIN_ID,
    originatorId: c.ORIGINATOR_ID,
  };
}

function categoryEntity(db: Db, params: Params): number {
  const entityTypeId = toInt(param(params, 'entityTypeId'), 0);
  if (entityTypeId === DEAL) return DEAL;
  const info = entityTypeId > 0 ? entityInfo(db, entityTypeId) : null;
  if (!info) throw errors.notFound('Smart process not found');
  if (!info.dynamic || (info.type?.FLAGS.isCategoriesEnabled === 'N' && categoriesOf(db, entityTypeId).length === 0)) {
    throw new RestError('ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${info.name} is not supported`, 400);
  }
  return entityTypeId;
}

function categoryOrFail(db: Db, entityTypeId: number, params: Params): Category {
  const raw = param(params, 'id');
  const id = toInt(raw, -1);
  const cat = id >= 0 && raw !== undefined && raw !== '' ? categoryById(db, entityTypeId, id) : null;
  if (!cat) throw errors.notFound('Category not found');
  return cat;
}

function camelFields(params: Params): Record<string, unknown> {
  const f = param(params, 'fields');
  if (!isPlainObject(f)) throw errors.invalidArgValue("Invalid value for parameter 'fields': an object is expected");
  return f;
}

function saveCategory(db: Db, c: Category): void {
  const { id, ...data } = c;
  prepare(db, 'UPDATE crm_category SET data = ? WHERE id = ?').run(JSON.stringify(data), id);
}

function makeDefault(db: Db, c: Category): void {
  for (const other of categoriesOf(db, c.ENTITY_TYPE_ID)) {
    if (other.id !== c.id && other.IS_DEFAULT === 'Y') saveCategory(db, { ...other, IS_DEFAULT: 'N' });
  }
}

function categoryHasItems(db: Db, entityTypeId: number, categoryId: number): boolean {
  const info = entityInfo(db, entityTypeId);
  if (!info) return false;
  return !!prepare(db, `SELECT 1 FROM ${info.table} WHERE json_extract(data, '$.CATEGORY_ID') = ? LIMIT 1`).get(
    categoryId,
  );
}

const categoryMethods: MethodTable = {
  'crm.category.fields': {
    scope: 'crm',
    handler: (params, ctx) => {
      categoryEntity(ctx.db, params);
      const d = (type: string, title: string, ro = false, req = false) => ({
        type,
        isRequired: req,
        isReadOnly: ro,
        isImmutable: false,
        isMultiple: false,
        isDynamic: false,
        title,
      });
      return {
        fields: {
          id: d('integer', 'ID', true),
          name: d('string', 'Name', false, true),
          sort: d('integer', 'Sort'),
          entityTypeId: d('integer', 'Entity type', true),
          isDefault: d('boolean', 'Default'),
        },
      };
    },
  },
  'crm.category.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const list = categoriesOf(ctx.db, categoryEntity(ctx.db, params)).map(categoryOut);
      return new ListResult({ categories: list }, list.length, undefined);
    },
  },
  'crm.category.get': {
    scope: 'crm',
    handler: (params, ctx) => ({
      category: categoryOut(categoryOrFail(ctx.db, categoryEntity(ctx.db, params), params)),
    }),
  },
  'crm.category.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      const entityTypeId = categoryEntity(ctx.db, params);
      const f = camelFields(params);
      const name = typeof f.name === 'string' ? f.name.trim() : '';
      if (!name) throw new RestError('CRM_FIELD_ERROR_REQUIRED', 'Field "Name" is required', 400);
      const cat = createCategory(ctx.db, entityTypeId, {
        name,
        sort: toInt(f.sort, 500),
        isDefault: String(f.isDefault ?? '').toUpperCase() === 'Y' || f.isDefault === true,
      });
      if (cat.IS_DEFAULT === 'Y') makeDefault(ctx.db, cat);
      return { category: categoryOut(cat) };
    },
  },
  'crm.category.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      const entityTypeId = categoryEntity(ctx.db, params);
      const cat = categoryOrFail(ctx.db, entityTypeId, params);
      const f = camelFields(params);
      const next: Category = { ...cat };
      if (typeof f.name === 'string' && f.name.trim()) next.NAME = f.name.trim();
      if (f.sort !== undefined) next.SORT = toInt(f.sort, cat.SORT);
      if (f.isDefault !== undefined && (String(f.isDefault).toUpperCase() === 'Y' || f.isDefault === true))
        next.IS_DEFAULT = 'Y';
      saveCategory(ctx.db, next);
      if (next.IS_DEFAULT === 'Y' && cat.IS_DEFAULT !== 'Y') makeDefault(ctx.db, next);
      return { category: categoryOut(next) };
    },
  },
  'crm.category.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      const entityTypeId = categoryEntity(ctx.db, params);
      const cat = categoryOrFail(ctx.db, entityTypeId, params);
      if (cat.IS_DEFAULT === 'Y' || (entityTypeId === DEAL && cat.id === 0))
        throw new RestError('ERROR_CORE', 'The default pipeline cannot be deleted', 400);
      if (categoryHasItems(ctx.db, entityTypeId, cat.id))
        throw new RestError('ERROR_CORE', 'The pipeline has items and cannot be deleted', 400);
      deleteCategoryRows(ctx.db, cat);
      return [];
    },
  },
};

// ---------------------------------------------------------------------------------------------
// crm.dealcategory.* (deprecated)

function dealCategoryOut(c: Category): Record<string, unknown> {
  return {
    ID: String(c.id),
    CREATED_DATE: isoOrNull(c.CREATED_DATE),
    NAME: c.NAME,
    IS_LOCKED: 'N',
    SORT: String(c.SORT),
  };
}

function dealCategoryOrFail(db: Db, params: Params): Category {
  const cat = categoryById(db, DEAL, legacyId(params));
  if (!cat) throw errors.legacy('Not found');
  return cat;
}

const dealCategoryMethods: MethodTable = {
  'crm.dealcategory.fields': {
    scope: 'crm',
    handler: () => {
      const d = (type: string, title: string, ro = false) => ({
        type,
        isRequired: false,
        isReadOnly: ro,
        isImmutable: false,
        isMultiple: false,
        isDynamic: false,
        title,
      });
      return {
        ID: d('integer', 'ID', true),
        CREATED_DATE: d('date', 'Created on', true),
        NAME: d('string', 'Name'),
        IS_LOCKED: d('char', 'Locked', true),
        SORT: d('integer', 'Sort'),
      };
    },
  },
  'crm.dealcategory.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const resolver = docResolver(
        { NAME: 'string', SORT: 'int', CREATED_DATE: 'datetime' },
        { caseInsensitive: true },
      );
      const base = compileFilter(param(params, 'filter'), resolver);
      const where = {
        sql: `(${base.sql}) AND id > 0 AND json_extract(data, '$.ENTITY_TYPE_ID') = ${DEAL}`,
        params: base.params,
      };
      const orderBy = compileOrder(param(params, 'order'), resolver);
      const page = listPage<{ id: number; data: string }>(ctx.db, {
        from: 'crm_category',
        where,
        orderBy,
        start: param(params, 'start'),
        flavour: 'page',
        select: 'id, data',
      });
      const rows = page.rows.map((r) => dealCategoryOut({ ...(JSON.parse(r.data) as Omit<Category, 'id'>), id: r.id }));
      return new ListResult(rows, page.total, page.next);
    },
  },
  'crm.dealcategory.get': {
    scope: 'crm',
    handler: (params, ctx) => dealCategoryOut(dealCategoryOrFail(ctx.db, params)),
  },
  'crm.dealcategory.add': {
    scope: 'crm',
    handler: (params, ctx) => {
      const f = upperFields(params);
      const name = typeof f.NAME === 'string' ? f.NAME.trim() : '';
      if (!name) throw errors.legacy('The field NAME is required.');
      return createCategory(ctx.db, DEAL, { name, sort: toInt(f.SORT, 500) }).id;
    },
  },
  'crm.dealcategory.update': {
    scope: 'crm',
    handler: (params, ctx) => {
      const cat = dealCategoryOrFail(ctx.db, params);
      const f = upperFields(params);
      saveCategory(ctx.db, {
        ...cat,
        NAME: typeof f.NAME === 'string' && f.NAME.trim() ? f.NAME.trim() : cat.NAME,
        SORT: f.SORT !== undefined ? toInt(f.SORT, cat.SORT) : cat.SORT,
      });
      return true;
    },
  },
  'crm.dealcategory.delete': {
    scope: 'crm',
    handler: (params, ctx) => {
      const cat = dealCategoryOrFail(ctx.db, params);
      if (categoryHasItems(ctx.db, DEAL, cat.id)) throw errors.legacy('The pipeline has deals and cannot be deleted.');
      deleteCategoryRows(ctx.db, cat);
      return true;
    },
  },
  'crm.dealcategory.default.get': {
    scope: 'crm',
    handler: (_p, ctx) => {
      const cat = categoryById(ctx.db, DEAL, 0);
      return { ID: 0, NAME: cat?.NAME ?? 'General' };
    },
  },
  'crm.dealcategory.status': {
    scope: 'crm',
    handler: (params, ctx) => {
      const id = toInt(param(params, 'id'), -1);
      if (id < 0 || !categoryById(ctx.db, DEAL, id)) throw errors.legacy('Not found');
      return stageEntityId(DEAL, id);
    },
  },
  'crm.dealcategory.stage.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const id = toInt(param(params, 'id'), 0);
      if (id < 0 || !categoryById(ctx.db, DEAL, id)) throw errors.legacy('Not found');
      return stagesOf(ctx.db, DEAL, id).map((s) => ({ NAME: s.NAME, SORT: String(s.SORT), STATUS_ID: s.STATUS_ID }));
    },
  },
};

// ---------------------------------------------------------------------------------------------
// crm.type.*

export function typeOut(t: CrmType): Record<string, unknown> {
  return {
    id: t.id,
    title: t.TITLE,
    code: t.CODE,
    createdBy: t.CREATED_BY,
    entityTypeId: t.ENTITY_TYPE_ID,
    customSectionId: t.CUSTOM_SECTION_ID,
    ...t.FLAGS,
    createdTime: isoOrNull(t.CREATED_TIME),
    updatedTime: isoOrNull(t.UPDATED_TIME),
    updatedBy: t.UPDATED_BY,
    relations: t.RELATIONS,
  };
}

function typeOrFail(t: CrmType | null): CrmType {
  if (!t) throw errors.notFound('Smart process not found');
  return t;
}

function flagsFrom(f: Record<string, unknown>, base?: Record<string, 'Y' | 'N'>): Record<string, 'Y' | 'N'> {
  const out: Record<string, 'Y' | 'N'> = { ...(base ?? {}) };
  for (const k of TYPE_FLAGS) {
    const v = f[k];
    if (v === undefined) continue;
    out[k] = v === true || String(v).toUpperCase() === 'Y' || v === 1 || v === '1' ? 'Y' : 'N';
  }
  return out;
}

function relationsFrom(v: unknown): CrmType['RELATIONS'] | undefined {
  if (!isPlainObject(v)) return undefined;
  const list = (x: unknown) => (Array.isArray(x) ? x : isPlainObject(x) ? Object.values(x) : []).filter(isPlainObject);
  return { parent: list(v.parent), child: list(v.child) };
}

const typeMethods: MethodTable = {
  'crm.type.fields': {
    scope: 'crm',
    handler: () => {
      const d = (type: string, title: string, ro = false) => ({
        type,
        isRequired: false,
        isReadOnly: ro,
        isImmutable: false,
        isMultiple: false,
        isDynamic: false,
        title,
      });
      const fields: Record<string, unknown> = {
        id: d('integer', 'ID', true),
        title: d('string', 'Title'),
        code: d('string', 'Code'),
        entityTypeId: d('integer', 'Entity type ID'),
      };
      for (const f of TYPE_FLAGS) fields[f] = d('boolean', f);
      return { fields };
    },
  },
  'crm.type.list': {
    scope: 'crm',
    handler: (params, ctx) => {
      const resolver = docResolver(
        { TITLE: 'string', CODE: 'string', ENTITY_TYPE_ID: 'int' },
        { caseInsensitive: true },
      );
      const remap: Record<string, string> = { title: 'TITLE', code: 'CODE', entityTypeId: 'ENTITY_TYPE_ID' };
      const r = (field: string) => resolver(remap[field] ?? field);
      const where = compileFilter(param(params, 'filter'), r);
      const orderBy = compileOrder(param(params, 'order'), r);
      const page = listPage<{ id: number; data: string }>(ctx.db, {
        from: 'crm_type',
        where,
        orderBy,
        start: param(params, 'start'),
        flavour: 'offset',
        select: 'id, data',
      });
      const types = page.rows.map((row) => typeOut({ ...(JSON.parse(row.data) as Omit<CrmType, 'id'>), id: row.id }));
      return new ListResult({ types }, page.total, page.next);
    },
  },
  'crm.type.get': {
    scope: 'crm',
    handler: (params, ctx) => ({ type: typeOut(typeOrFail(typeById(ctx.db, toInt(param(params, 'id'), 0)))) }),
  },
  'crm.type.getByEntityTypeId': {
    scope: 'crm',
    handler: (params, ctx) => ({
      type: typeOut(typeOrFail(typeByEntityTypeId(ctx.db, toInt(param(params, 'entityTypeId'), 0)))),
    }),
  },
  'crm.type.add': {
    scope: 'crm',
    adminOnly: true,
    accessDeniedStatus: 400,
    handler: (params, ctx) => {
      const f = camelFields(params);
      const title = typeof f.title === 'string' ? f.title.trim() : '';
      if (!title) throw new RestError('CRM_FIELD_ERROR_REQUIRED', 'Field "Title" is required', 400);
      let entityTypeId: number | undefined;
      if (f.entityTypeId !== undefined && f.entityTypeId !== null && f.entityTypeId !== '') {
        entityTypeId = toInt(f.entityTypeId, 0);
        if (entityTypeId < 128 || typeByEntityTypeId(ctx.db, entityTypeId))
          throw errors.invalidArgValue(`Invalid value for field "entityTypeId": ${String(f.entityTypeId)}`);
      }
      const relations = relationsFrom(f.relations);
      const type = createSmartProcess(ctx.db, {
        title,
        code: typeof f.code === 'string' ? f.code : '',
        createdBy: ctx.auth.userId,
        nowMs: Date.now(),
        flags: flagsFrom(f),
        ...(entityTypeId !== undefined ? { entityTypeId } : {}),
        ...(relations ? { relations } : {}),
      });
      return { type: typeOut(type) };
    },
  },
  'crm.type.update': {
    scope: 'crm',
    adminOnly: true,
    accessDeniedStatus: 400,
    handler: (params, ctx) => {
      const type = typeOrFail(typeById(ctx.db, toInt(param(params, 'id'), 0)));
      const f = camelFields(params);
      const next: CrmType = { ...type, FLAGS: flagsFrom(f, type.FLAGS), UPDATED_BY: ctx.auth.userId };
      if (typeof f.title === 'string' && f.title.trim()) next.TITLE = f.title.trim();
      if (typeof f.code === 'string') next.CODE = f.code;
      const relations = relationsFrom(f.relations);
      if (relations) next.RELATIONS = relations;
      const nowIso = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
      next.UPDATED_TIME =
        nowIso > type.UPDATED_TIME
          ? nowIso
          : new Date(Date.parse(type.UPDATED_TIME) + 1000).toISOString().replace('.000Z', 'Z');
      const { id, ...data } = next;
      typeTable(ctx.db).put(id, data as unknown as Record<string, unknown>);
      return { type: typeOut(next) };
    },
  },
  'crm.type.delete': {
    scope: 'crm',
    adminOnly: true,
    accessDeniedStatus: 400,
    handler: (params, ctx) => {
      deleteSmartProcess(ctx.db, typeOrFail(typeById(ctx.db, toInt(param(params, 'id'), 0))));
      return [];
    },
  },
};

export const crmDictionariesFamily: Family = {
  name: 'crm-dictionaries',
  methods: { ...statusMethods, ...categoryMethods, ...dealCategoryMethods, ...typeMethods },
};
