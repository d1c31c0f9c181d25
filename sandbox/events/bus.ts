import type { CallContext } from '../rest/engine/context.ts';

/**
 * REST writes announce themselves here (`ONCRMDEALADD`, `ONTASKUPDATE`, …) with the event's
 * `data` payload as the portal sends it. Delivery to bound handlers is done by listeners
 * (see `rest/methods/events.ts`); the bus itself only fans out.
 */
export type EventListener = (ctx: CallContext, event: string, data: unknown) => void;

const listeners = new Set<EventListener>();

export function onPortalEvent(listener: EventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitEvent(ctx: CallContext, event: string, data: unknown): void {
  for (const l of listeners) {
    try {
      l(ctx, event.toUpperCase(), data);
    } catch (err) {
      console.error(`[sandbox] event listener for ${event} failed:`, err);
    }
  }
}
