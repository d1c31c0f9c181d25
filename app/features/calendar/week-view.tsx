import { Box, Text } from '@mantine/core';
import { useCallback, useMemo, useRef, type CSSProperties, type MouseEvent } from 'react';
import type { CalendarEvent } from '../../data/providers/calendar-provider.ts';
import { useT } from '../../i18n/index.ts';
import { CalendarStyles, cls } from './calendar-styles.tsx';
import { formatDay, formatTime, hourLabel } from './dates.ts';
import { EventBlock } from './event-block.tsx';
import { layoutWeek, type BarSlot, type TimedSlot } from './layout.ts';
import { moveEvent, resizeEvent, SNAP_MINUTES, type EventTimes } from './moves.ts';
import { useEventDrag, type DragDelta, type DragKind, type DragState } from './use-event-drag.ts';

/** What the week and month grids get from the section. */
export interface CalendarGridProps {
  days: string[];
  events: CalendarEvent[];
  /** The zone times are shown in. */
  zone: string;
  lang: string;
  today: string;
  /** Whether the user may move (and resize) an event. */
  canMove: (event: CalendarEvent) => boolean;
  onOpen: (event: CalendarEvent) => void;
  /** A new event at a day and minute, or all-day (`null`). Absent when nothing can be added. */
  onCreate?: (day: string, minutes: number | null) => void;
  onChange: (event: CalendarEvent, times: EventTimes) => void;
}

const HOUR_PX = 40;
const PX_PER_MINUTE = HOUR_PX / 60;
const GUTTER_PX = 60;
const LANE_PX = 22;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * The accessible name of an event block (`Review, 10:00–11:00`, `Fair, All day`). The translation is
 * rendered once as a template: a busy week names hundreds of blocks per render.
 */
export function useEventLabel(zone: string, lang: string) {
  const t = useT('calendar');
  return useMemo(() => {
    const template = t('eventLabel', { name: '\u0000', time: '\u0001' });
    const untitled = t('untitled');
    const allDay = t('allDay');
    return (event: CalendarEvent) => {
      const time = event.allDay
        ? allDay
        : `${formatTime(event.start, lang, zone)}–${formatTime(event.end, lang, zone)}`;
      // Functions as replacements: a name may contain `$&`.
      return template.replace('\u0000', () => event.name || untitled).replace('\u0001', () => time);
    };
  }, [t, zone, lang]);
}

/**
 * The week: day headers, an all-day row (all-day and overnight events as bars) and a 24-hour time grid
 * with overlapping events in columns. Events are dragged to another day or time, and by their bottom edge
 * to change the end; a click on free time creates an event there.
 */
export function WeekView({ days, events, zone, lang, today, canMove, onOpen, onCreate, onChange }: CalendarGridProps) {
  const t = useT('calendar');
  const layout = useMemo(() => layoutWeek(events, days, zone), [events, days, zone]);
  const labelOf = useEventLabel(zone, lang);
  const gridRef = useRef<HTMLDivElement>(null);
  const barsRef = useRef<HTMLDivElement>(null);
  const columns = days.length;

  const drop = useCallback(
    (event: CalendarEvent, kind: DragKind, delta: DragDelta) =>
      onChange(
        event,
        kind === 'resize' ? resizeEvent(event, delta.minutes) : moveEvent(event, delta.days, delta.minutes, zone),
      ),
    [onChange, zone],
  );
  const timedDrag = useEventDrag(() => {
    const width = gridRef.current?.getBoundingClientRect().width ?? 0;
    return { columnWidth: width / columns, pixelsPerMinute: PX_PER_MINUTE };
  }, drop);
  const barDrag = useEventDrag(() => {
    const width = barsRef.current?.getBoundingClientRect().width ?? 0;
    return { columnWidth: width / columns };
  }, drop);
  const takeTimedClick = timedDrag.takeClick;
  const takeBarClick = barDrag.takeClick;
  const takeClick = useCallback(() => takeTimedClick() || takeBarClick(), [takeTimedClick, takeBarClick]);

  const open = useCallback((event: CalendarEvent) => !takeClick() && onOpen(event), [takeClick, onOpen]);
  const keyMove = useCallback((event: CalendarEvent, delta: DragDelta) => drop(event, 'move', delta), [drop]);
  const startTimed = timedDrag.begin;
  const startBar = barDrag.begin;
  const dragging = timedDrag.drag ?? barDrag.drag;
  const fadedId = dragging?.event.id ?? null;

  // Everything of a block that only the events decide, computed once per layout: when a drag starts and
  // ends, only the dragged block's `faded` changes, so the memoised blocks of the others do not re-render.
  const placed = useMemo(
    () => ({
      timed: layout.timed.map((slots) =>
        slots.map((slot) => ({
          slot,
          label: labelOf(slot.event),
          time: slot.bottom - slot.top >= 45 ? formatTime(slot.event.start, lang, zone) : '',
          style: timedStyle(slot),
          movable: canMove(slot.event),
        })),
      ),
      bars: layout.bars.map((bar) => ({
        bar,
        label: labelOf(bar.event),
        time: bar.event.allDay || bar.before ? '' : formatTime(bar.event.start, lang, zone),
        style: barStyle(bar, columns),
        movable: canMove(bar.event),
      })),
    }),
    [layout, labelOf, lang, zone, columns, canMove],
  );
  const resizeLabel = t('resize');
  const timedBlocks = placed.timed.map((day) =>
    day.map(({ slot, label, time, style, movable }) => (
      <EventBlock
        key={`${slot.event.id}:${slot.event.start}`}
        event={slot.event}
        label={label}
        time={time}
        style={style}
        movable={movable}
        resizable={movable}
        resizeLabel={resizeLabel}
        keyMinutes={SNAP_MINUTES}
        onOpen={open}
        onDragStart={startTimed}
        onKeyMove={keyMove}
        faded={fadedId === slot.event.id}
      />
    )),
  );
  const barBlocks = placed.bars.map(({ bar, label, time, style, movable }) => (
    <EventBlock
      key={`${bar.event.id}:${bar.event.start}`}
      event={bar.event}
      label={label}
      time={time}
      style={style}
      movable={movable}
      resizable={false}
      resizeLabel=""
      keyMinutes={0}
      onOpen={open}
      onDragStart={startBar}
      onKeyMove={keyMove}
      faded={fadedId === bar.event.id}
    />
  ));

  // The hour labels change with the language only; a drag re-renders the week many times a second.
  const gutter = useMemo(
    () => (
      <div style={{ width: GUTTER_PX, flexShrink: 0, position: 'relative', height: 24 * HOUR_PX }} aria-hidden>
        {HOURS.slice(1).map((h) => (
          <div
            key={h}
            style={{
              position: 'absolute',
              top: h * HOUR_PX - 7,
              right: 6,
              whiteSpace: 'nowrap',
              fontSize: 11,
              color: 'var(--mantine-color-dimmed)',
            }}
          >
            {hourLabel(h, lang)}
          </div>
        ))}
      </div>
    ),
    [lang],
  );

  const preview = useMemo(() => (dragging ? previewOf(dragging, days, zone) : null), [dragging, days, zone]);

  const createAt = (day: string) => (e: MouseEvent<HTMLDivElement>) => {
    if (!onCreate || takeClick()) return;
    const y = e.clientY - e.currentTarget.getBoundingClientRect().top;
    const minutes = Math.min(Math.max(Math.floor(y / PX_PER_MINUTE / 30) * 30, 0), 23 * 60);
    onCreate(day, minutes);
  };

  return (
    <Box aria-label={t('week')} role="region" style={{ minWidth: 640 }}>
      <CalendarStyles />
      <div style={{ display: 'flex', paddingLeft: GUTTER_PX }}>
        {days.map((day) => (
          <Box
            key={day}
            ta="center"
            py={4}
            style={{ flex: 1, minWidth: 0, borderBottom: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Text size="xs" c="dimmed" tt="uppercase">
              {formatDay(day, lang, { weekday: 'short' })}
            </Text>
            <Text
              fw={day === today ? 700 : 500}
              c={day === today ? 'blue' : undefined}
              aria-current={day === today ? 'date' : undefined}
            >
              {formatDay(day, lang, { day: 'numeric' })}
            </Text>
          </Box>
        ))}
      </div>

      <div style={{ display: 'flex', borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text
          size="xs"
          c="dimmed"
          style={{ width: GUTTER_PX, flexShrink: 0, padding: '4px 4px 0 0', textAlign: 'right' }}
        >
          {t('allDay')}
        </Text>
        <div
          ref={barsRef}
          aria-label={t('allDayRow')}
          role="group"
          style={{ position: 'relative', flex: 1, height: Math.max(layout.lanes, 1) * LANE_PX + 6 }}
        >
          <div style={{ position: 'absolute', inset: 0, display: 'flex' }}>
            {days.map((day) => (
              <div
                key={day}
                data-day={day}
                onClick={onCreate ? () => !takeClick() && onCreate(day, null) : undefined}
                style={{
                  flex: 1,
                  borderLeft: '1px solid var(--mantine-color-gray-2)',
                  cursor: onCreate ? 'cell' : 'default',
                }}
              />
            ))}
          </div>
          {barBlocks}
          {preview?.bar ? <PreviewBlock style={barStyle(preview.bar, columns)} name={preview.bar.event.name} /> : null}
        </div>
      </div>

      <div style={{ display: 'flex' }}>
        {gutter}
        <div
          ref={gridRef}
          style={{
            position: 'relative',
            flex: 1,
            display: 'flex',
            height: 24 * HOUR_PX,
            backgroundImage: `repeating-linear-gradient(to bottom, var(--mantine-color-gray-2) 0 1px, transparent 1px ${HOUR_PX}px)`,
          }}
        >
          {days.map((day, i) => (
            <div
              key={day}
              data-day={day}
              onClick={createAt(day)}
              style={{
                position: 'relative',
                flex: 1,
                minWidth: 0,
                borderLeft: '1px solid var(--mantine-color-gray-2)',
                background: day === today ? 'rgba(0, 117, 255, 0.04)' : undefined,
                cursor: onCreate ? 'cell' : 'default',
              }}
            >
              {timedBlocks[i]}
              {preview?.timed && preview.day === i ? (
                <PreviewBlock
                  style={{ ...timedStyle(preview.timed), left: 0, width: '100%' }}
                  name={preview.timed.event.name}
                />
              ) : null}
            </div>
          ))}
        </div>
      </div>
    </Box>
  );
}

// Positions only (the rest is in the stylesheet); percentages, so a resize of the frame needs no re-render.
function timedStyle(slot: TimedSlot): CSSProperties {
  const width = 100 / slot.columns;
  return {
    top: slot.top * PX_PER_MINUTE,
    height: Math.max((slot.bottom - slot.top) * PX_PER_MINUTE, 12),
    left: `${slot.column * width}%`,
    width: `${width}%`,
  };
}

function barStyle(bar: BarSlot, columns: number): CSSProperties {
  return {
    top: bar.lane * LANE_PX + 3,
    height: LANE_PX - 3,
    left: `${(bar.first / columns) * 100}%`,
    width: `${(bar.span / columns) * 100}%`,
    whiteSpace: 'nowrap',
  };
}

/** Where a dragged event would land: its new slot in the time grid, or its new bar. */
function previewOf(drag: DragState, days: string[], zone: string) {
  const { event, kind, delta } = drag;
  const times =
    kind === 'resize' ? resizeEvent(event, delta.minutes) : moveEvent(event, delta.days, delta.minutes, zone);
  const layout = layoutWeek([{ ...event, ...times }], days, zone);
  const day = layout.timed.findIndex((slots) => slots.length > 0);
  return { bar: layout.bars[0], timed: day >= 0 ? layout.timed[day]![0] : undefined, day };
}

function PreviewBlock({ style, name }: { style: CSSProperties; name: string }) {
  return (
    <div aria-hidden data-drag-preview="" className={cls.preview} style={style}>
      {name}
    </div>
  );
}
