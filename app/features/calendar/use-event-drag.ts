import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { CalendarEvent } from '../../data/providers/calendar-provider.ts';
import { snapMinutes } from './moves.ts';

export type DragKind = 'move' | 'resize';

/** How far an event has been dragged: whole days, and minutes (snapped) where the grid has a time axis. */
export interface DragDelta {
  days: number;
  minutes: number;
}

export interface DragState {
  event: CalendarEvent;
  kind: DragKind;
  delta: DragDelta;
}

/** The geometry of the grid an event is dragged over, measured when a drag starts. */
export interface DragGeometry {
  columnWidth: number;
  /** Month grid: a row further is a week further. */
  rowHeight?: number;
  /** Time grid: vertical distance is time. */
  pixelsPerMinute?: number;
}

/** Pointer travel below this is a click, not a drag. */
const THRESHOLD_PX = 4;

/**
 * Dragging events with the pointer (mouse, pen, touch): `begin` on pointerdown; while the pointer moves the
 * state holds the snapped delta (for a preview); on release `onDrop` gets it. Only the preview re-renders
 * while dragging, not the grid. A click that ends a drag is swallowed (`takeClick`).
 * @example const drag = useEventDrag(() => ({ columnWidth: 120, pixelsPerMinute: 2 / 3 }), (e, kind, d) => save(e, d));
 */
export function useEventDrag(
  measure: () => DragGeometry | null,
  onDrop: (event: CalendarEvent, kind: DragKind, delta: DragDelta) => void,
) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const latest = useRef({ measure, onDrop });
  useEffect(() => {
    latest.current = { measure, onDrop };
  });
  const dragged = useRef(false);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const begin = useCallback((e: ReactPointerEvent, event: CalendarEvent, kind: DragKind) => {
    if (e.button !== 0 || !e.isPrimary) return;
    const geometry = latest.current.measure();
    if (!geometry || geometry.columnWidth <= 0) return;
    e.stopPropagation();
    const origin = { x: e.clientX, y: e.clientY };
    let delta: DragDelta | null = null;
    const deltaOf = (x: number, y: number): DragDelta => {
      const dx = x - origin.x;
      const dy = y - origin.y;
      const minutes = geometry.pixelsPerMinute ? snapMinutes(dy, geometry.pixelsPerMinute) : 0;
      if (kind === 'resize') return { days: 0, minutes };
      const rows = geometry.rowHeight ? Math.round(dy / geometry.rowHeight) : 0;
      return { days: Math.round(dx / geometry.columnWidth) + 7 * rows, minutes };
    };
    const move = (ev: PointerEvent) => {
      if (!delta && Math.hypot(ev.clientX - origin.x, ev.clientY - origin.y) < THRESHOLD_PX) return;
      ev.preventDefault();
      const next = deltaOf(ev.clientX, ev.clientY);
      if (!delta || next.days !== delta.days || next.minutes !== delta.minutes) setDrag({ event, kind, delta: next });
      delta = next;
    };
    const finish = (drop: boolean) => {
      stop.current?.();
      setDrag(null);
      if (!delta) return;
      dragged.current = true;
      // The click that follows the release belongs to the drag.
      setTimeout(() => (dragged.current = false), 0);
      if (drop && (delta.days !== 0 || delta.minutes !== 0)) latest.current.onDrop(event, kind, delta);
    };
    const up = () => finish(true);
    const cancel = () => finish(false);
    const key = (ev: KeyboardEvent) => ev.key === 'Escape' && finish(false);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', key);
    stop.current = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', key);
      stop.current = null;
    };
  }, []);

  /** True (once) when the click being handled ends a drag. */
  const takeClick = useCallback(() => {
    const was = dragged.current;
    dragged.current = false;
    return was;
  }, []);

  return { drag, begin, takeClick };
}
