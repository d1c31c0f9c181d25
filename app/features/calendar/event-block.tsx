import { memo, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import type { CalendarEvent } from '../../data/providers/calendar-provider.ts';
import { cls } from './calendar-styles.tsx';
import type { DragDelta, DragKind } from './use-event-drag.ts';

export interface EventBlockProps {
  event: CalendarEvent;
  /** The accessible name: the event's name and when it is. */
  label: string;
  /** The time shown before the name (`10:00`), or nothing. */
  time: string;
  /** Where the block sits (the grid positions it). */
  style: CSSProperties;
  /** The event may be moved (drag, or Alt + arrow keys). */
  movable: boolean;
  /** The end may be dragged (timed events in the time grid). */
  resizable: boolean;
  resizeLabel: string;
  /** Wall-clock minutes an arrow key moves a timed event by (0: whole days only). */
  keyMinutes: number;
  onOpen: (event: CalendarEvent) => void;
  onDragStart: (e: PointerEvent, event: CalendarEvent, kind: DragKind) => void;
  onKeyMove: (event: CalendarEvent, delta: DragDelta) => void;
  /** Shown faded (the original while its preview is dragged). */
  faded?: boolean;
}

const KEY_MOVES: Record<string, (minutes: number) => DragDelta> = {
  ArrowLeft: () => ({ days: -1, minutes: 0 }),
  ArrowRight: () => ({ days: 1, minutes: 0 }),
  ArrowUp: (m) => ({ days: m ? 0 : -7, minutes: -m }),
  ArrowDown: (m) => ({ days: m ? 0 : 7, minutes: m }),
};

/**
 * One event on a grid: a focusable button-like block with the event's colour, its time and name (as
 * text). Enter opens it; Alt + arrow keys move it (the keyboard's way to do what a drag does); the pointer
 * drags it, and its bottom edge when it is resizable. Memoised: a busy week re-renders only what changed.
 */
export const EventBlock = memo(function EventBlock({
  event,
  label,
  time,
  style,
  movable,
  resizable,
  resizeLabel,
  keyMinutes,
  onOpen,
  onDragStart,
  onKeyMove,
  faded,
}: EventBlockProps) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(event);
      return;
    }
    const move = KEY_MOVES[e.key];
    if (move && e.altKey && movable) {
      e.preventDefault();
      onKeyMove(event, move(keyMinutes));
    }
  };
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label={label}
      data-event-id={event.id}
      className={movable ? `${cls.event} ${cls.movable}` : cls.event}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(event);
      }}
      onKeyDown={onKeyDown}
      onPointerDown={movable ? (e) => onDragStart(e, event, 'move') : undefined}
      style={{
        background: event.color || 'var(--mantine-color-blue-5)',
        color: event.textColor || '#000000',
        opacity: faded ? 0.4 : undefined,
        ...style,
      }}
    >
      {time ? <span className={cls.time}>{time}</span> : null}
      {event.name}
      {resizable ? (
        <div
          data-resize-handle=""
          className={cls.handle}
          title={resizeLabel}
          aria-hidden
          onPointerDown={(e) => onDragStart(e, event, 'resize')}
        />
      ) : null}
    </div>
  );
});
