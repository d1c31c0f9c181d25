import { Box, Text, UnstyledButton } from '@mantine/core';
import { useCallback, useMemo, useRef } from 'react';
import type { CalendarEvent } from '../../data/providers/calendar-provider.ts';
import { dayIn, utcDay } from '../../data/providers/calendar-time.ts';
import { useT } from '../../i18n/index.ts';
import { CalendarStyles } from './calendar-styles.tsx';
import { formatDay, formatTime } from './dates.ts';
import { EventBlock } from './event-block.tsx';
import { layoutMonth } from './layout.ts';
import { moveEvent } from './moves.ts';
import { useEventDrag, type DragDelta, type DragKind } from './use-event-drag.ts';
import { useEventLabel, type CalendarGridProps } from './week-view.tsx';

/** How many events a day cell lists before "+N more". */
const SHOWN = 3;
const CELL_PX = 112;
const CHIP_STYLE = {
  position: 'relative',
  display: 'block',
  marginBottom: 2,
  whiteSpace: 'nowrap',
  textOverflow: 'ellipsis',
} as const;

export interface MonthViewProps extends CalendarGridProps {
  /** Opens the week of a day (a cell's "+N more"). */
  onShowDay: (day: string) => void;
}

/**
 * Six weeks from the Monday before the month's first day: each day lists its first events (all-day and
 * multi-day first, then by time) and how many more there are. Events are dragged to another day; their
 * time of day stays.
 */
export function MonthView({
  days,
  events,
  zone,
  lang,
  today,
  canMove,
  onOpen,
  onCreate,
  onChange,
  onShowDay,
}: MonthViewProps) {
  const t = useT('calendar');
  const lists = useMemo(() => layoutMonth(events, days, zone), [events, days, zone]);
  const labelOf = useEventLabel(zone, lang);
  const gridRef = useRef<HTMLDivElement>(null);
  const month = days[15]!.slice(0, 7);

  const drop = useCallback(
    (event: CalendarEvent, _kind: DragKind, delta: DragDelta) => onChange(event, moveEvent(event, delta.days, 0, zone)),
    [onChange, zone],
  );
  const drag = useEventDrag(() => {
    const rect = gridRef.current?.getBoundingClientRect();
    return rect ? { columnWidth: rect.width / 7, rowHeight: rect.height / (days.length / 7) } : null;
  }, drop);
  const takeClick = drag.takeClick;
  const open = useCallback((event: CalendarEvent) => !takeClick() && onOpen(event), [takeClick, onOpen]);
  const keyMove = useCallback((event: CalendarEvent, delta: DragDelta) => drop(event, 'move', delta), [drop]);
  const startDrag = drag.begin;
  const fadedId = drag.drag?.event.id ?? null;

  const placed = useMemo(
    () =>
      lists.map((list, i) =>
        list.slice(0, SHOWN).map((event) => ({
          event,
          label: labelOf(event),
          time: event.allDay || dayIn(event.start, zone) !== days[i] ? '' : formatTime(event.start, lang, zone),
          movable: canMove(event),
        })),
      ),
    [lists, days, labelOf, zone, lang, canMove],
  );
  const cells = placed.map((chips) =>
    chips.map(({ event, label, time, movable }) => (
      <EventBlock
        key={`${event.id}:${event.start}`}
        event={event}
        label={label}
        time={time}
        style={CHIP_STYLE}
        movable={movable}
        resizable={false}
        resizeLabel=""
        keyMinutes={0}
        onOpen={open}
        onDragStart={startDrag}
        onKeyMove={keyMove}
        faded={fadedId === event.id}
      />
    )),
  );

  // The day a dragged event would start on, outlined.
  const target = drag.drag
    ? days.indexOf(drag.drag.event.allDay ? utcDay(drag.drag.event.start) : dayIn(drag.drag.event.start, zone)) +
      drag.drag.delta.days
    : -1;

  return (
    <Box aria-label={t('month')} role="region" style={{ minWidth: 640 }}>
      <CalendarStyles />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))' }}>
        {days.slice(0, 7).map((day) => (
          <Text key={day} size="xs" c="dimmed" tt="uppercase" ta="center" py={4}>
            {formatDay(day, lang, { weekday: 'short' })}
          </Text>
        ))}
      </div>
      <div
        ref={gridRef}
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(7, minmax(0, 1fr))',
          gridAutoRows: CELL_PX,
          borderTop: '1px solid var(--mantine-color-gray-3)',
          borderLeft: '1px solid var(--mantine-color-gray-3)',
        }}
      >
        {days.map((day, i) => {
          const more = lists[i]!.length - SHOWN;
          return (
            <div
              key={day}
              data-day={day}
              onClick={onCreate ? () => !takeClick() && onCreate(day, 9 * 60) : undefined}
              style={{
                position: 'relative',
                minWidth: 0,
                overflow: 'hidden',
                padding: 2,
                borderRight: '1px solid var(--mantine-color-gray-3)',
                borderBottom: '1px solid var(--mantine-color-gray-3)',
                background: day.slice(0, 7) === month ? undefined : 'var(--mantine-color-gray-0)',
                outline: i === target ? '2px dashed var(--mantine-color-blue-6)' : undefined,
                outlineOffset: -2,
                cursor: onCreate ? 'cell' : 'default',
              }}
            >
              <Text
                size="xs"
                fw={day === today ? 700 : 400}
                c={day === today ? 'blue' : day.slice(0, 7) === month ? undefined : 'dimmed'}
                aria-current={day === today ? 'date' : undefined}
                px={2}
              >
                {formatDay(day, lang, { day: 'numeric' })}
              </Text>
              {cells[i]}
              {more > 0 ? (
                <UnstyledButton
                  fz={12}
                  c="blue"
                  px={4}
                  aria-label={t('moreLabel', {
                    count: lists[i]!.length,
                    day: formatDay(day, lang, { dateStyle: 'long' }),
                  })}
                  onClick={(e) => {
                    e.stopPropagation();
                    onShowDay(day);
                  }}
                >
                  {t('more', { count: more })}
                </UnstyledButton>
              ) : null}
            </div>
          );
        })}
      </div>
    </Box>
  );
}
