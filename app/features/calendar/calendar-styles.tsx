/**
 * The calendar grid's static styles as classes. A busy week draws hundreds of event blocks: with the static
 * properties in a stylesheet, each block sets only its position and colours (inline styles are set one
 * property at a time, which was most of a redraw's cost).
 */
export const cls = {
  event: 'kontor-cal-event',
  movable: 'kontor-cal-movable',
  handle: 'kontor-cal-handle',
  time: 'kontor-cal-time',
  preview: 'kontor-cal-preview',
} as const;

const CSS = `
.${cls.event} {
  position: absolute;
  box-sizing: border-box;
  overflow: hidden;
  padding: 1px 4px;
  border-radius: 4px;
  border: 1px solid rgba(255, 255, 255, 0.7);
  font-size: 12px;
  line-height: 16px;
  cursor: pointer;
  user-select: none;
  overflow-wrap: break-word;
}
.${cls.event}:focus-visible {
  outline: 2px solid var(--mantine-color-blue-6);
  outline-offset: 1px;
  z-index: 1;
}
.${cls.movable} {
  cursor: grab;
  touch-action: none;
}
.${cls.time} {
  font-weight: 600;
  margin-right: 4px;
}
.${cls.handle} {
  position: absolute;
  left: 0;
  right: 0;
  bottom: 0;
  height: 6px;
  cursor: ns-resize;
}
.${cls.preview} {
  position: absolute;
  box-sizing: border-box;
  border: 2px dashed var(--mantine-color-blue-6);
  border-radius: 4px;
  background: rgba(0, 117, 255, 0.12);
  font-size: 12px;
  padding: 1px 4px;
  overflow: hidden;
  pointer-events: none;
}
`;

/** The stylesheet, once per page (React hoists and dedupes a `<style>` with `href` and `precedence`). */
export function CalendarStyles() {
  return (
    <style href="kontor-calendar" precedence="default">
      {CSS}
    </style>
  );
}
