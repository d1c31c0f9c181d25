import { errors, RestError } from '../engine/errors.ts';
import { param, toInt, upperKeys } from '../engine/params.ts';
import { compileFilter, compileOrder, DocTable, jsonField } from '../engine/query.ts';
import { ListResult, type MethodTable } from '../engine/registry.ts';
import { departmentResolver, departmentRow, type Doc } from './users-store.ts';

const RESERVED = new Set(['SORT', 'ORDER', 'START', 'FILTER', 'AUTH']);

const table = (ctx: { db: import('../../db/database.ts').Db }) => new DocTable<Doc>(ctx.db, 'departments');

export const departmentMethods: MethodTable = {
  'department.fields': {
    scope: 'department',
    handler: () => ({ ID: 'ID', NAME: 'Name', SORT: 'Sort index', PARENT: 'Parent department', UF_HEAD: 'Supervisor' }),
  },
  'department.get': {
    scope: 'department',
    handler: (params, ctx) => {
      const filter: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(params)) if (!RESERVED.has(k.toUpperCase())) filter[k] = v;
      const inner = param(params, 'FILTER');
      if (inner && typeof inner === 'object' && !Array.isArray(inner)) Object.assign(filter, inner);
      const where = compileFilter(filter, departmentResolver);
      const sort = param(params, 'sort');
      const order = param(params, 'order');
      const orderBy =
        typeof sort === 'string' && sort.trim()
          ? compileOrder({ [sort.trim()]: typeof order === 'string' ? order : 'ASC' }, departmentResolver)
          : `${jsonField('SORT')} ASC, id ASC`;
      const page = table(ctx).page(where, orderBy, param(params, 'start'), 'page');
      return new ListResult(
        page.rows.map((r) => departmentRow(r.id, r)),
        page.total,
        page.next,
      );
    },
  },
  'department.add': {
    scope: 'department',
    adminOnly: true,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const name = typeof p.NAME === 'string' ? p.NAME.trim() : '';
      if (!name) throw new RestError('ERROR_CORE', 'Department name is empty', 400);
      const parent = toInt(p.PARENT, 0);
      const t = table(ctx);
      if (parent <= 0 || !t.get(parent)) throw new RestError('ERROR_CORE', 'Parent department not found', 400);
      const data: Doc = { NAME: name, SORT: toInt(p.SORT, 500), PARENT: parent };
      const head = toInt(p.UF_HEAD, 0);
      if (head > 0) data.UF_HEAD = head;
      return t.insert(data);
    },
  },
  'department.update': {
    scope: 'department',
    adminOnly: true,
    handler: (params, ctx) => {
      const p = upperKeys(params);
      const id = toInt(p.ID, 0);
      if (id <= 0) throw errors.argument('ID');
      const t = table(ctx);
      const current = t.get(id);
      if (!current) throw new RestError('ERROR_CORE', 'Department not found', 400);
      const patch: Doc = {};
      if (typeof p.NAME === 'string' && p.NAME.trim()) patch.NAME = p.NAME.trim();
      if (p.SORT !== undefined) patch.SORT = toInt(p.SORT, 500);
      if (p.PARENT !== undefined) {
        const parent = toInt(p.PARENT, 0);
        if (parent === id || (parent > 0 && !t.get(parent)))
          throw new RestError('ERROR_CORE', 'Parent department not found', 400);
        if (parent > 0) patch.PARENT = parent;
      }
      if (p.UF_HEAD !== undefined) patch.UF_HEAD = toInt(p.UF_HEAD, 0);
      t.patch(id, patch);
      return true;
    },
  },
  'department.delete': {
    scope: 'department',
    adminOnly: true,
    handler: (params, ctx) => {
      const id = toInt(param(params, 'ID'), 0);
      if (id <= 0) throw errors.argument('ID');
      const t = table(ctx);
      const current = t.get(id);
      if (!current) throw new RestError('ERROR_CORE', 'Department not found', 400);
      if (current.PARENT === undefined || current.PARENT === null)
        throw new RestError('ERROR_CORE', 'The root department cannot be deleted', 400);
      t.delete(id);
      return true;
    },
  },
};
