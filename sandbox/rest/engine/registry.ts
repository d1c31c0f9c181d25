import type { CallContext } from './context.ts';
import type { Params } from './params.ts';

/**
 * One REST method. `scope` null means "basic" (always available); a list means any of them.
 * `appOnly` methods refuse webhooks (`WRONG_AUTH_TYPE` or `ACCESS_DENIED` per `appOnlyError`);
 * `adminOnly` methods refuse regular users with `ACCESS_DENIED`.
 */
export interface MethodDef {
  scope: string | readonly string[] | null;
  appOnly?: boolean;
  appOnlyError?: 'WRONG_AUTH_TYPE' | 'ACCESS_DENIED';
  adminOnly?: boolean;
  /** Status for ACCESS_DENIED from the admin check (crm.item.* documents 400). */
  accessDeniedStatus?: number;
  handler: (params: Params, ctx: CallContext) => unknown;
}

export type MethodTable = Record<string, MethodDef>;

/**
 * A list answer: `result` plus `total`/`next` lifted next to it in the envelope.
 * `total` undefined means the method sends none (`task.commentitem.getlist`).
 */
export class ListResult {
  constructor(
    readonly result: unknown,
    readonly total: number | undefined,
    readonly next: number | undefined,
  ) {}
}

export class Registry {
  private readonly methods = new Map<string, MethodDef>();

  add(table: MethodTable): void {
    for (const [name, def] of Object.entries(table)) {
      const key = name.toLowerCase();
      if (this.methods.has(key)) throw new Error(`REST method registered twice: ${name}`);
      this.methods.set(key, def);
    }
  }

  get(name: string): MethodDef | undefined {
    return this.methods.get(name.toLowerCase());
  }

  names(): string[] {
    return [...this.methods.keys()].sort();
  }

  entries(): [string, MethodDef][] {
    return [...this.methods.entries()];
  }
}

export function scopesOf(def: MethodDef): readonly string[] {
  if (def.scope === null) return [];
  return typeof def.scope === 'string' ? [def.scope] : def.scope;
}
