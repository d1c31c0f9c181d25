import { mutationOptions, useMutation, type QueryClient, type QueryKey } from '@tanstack/react-query';
import {
  createCalendarEvent,
  deleteCalendarEvent,
  saveHiddenSections,
  updateCalendarEvent,
  type CalendarContext,
  type CalendarEvent,
  type CalendarRef,
  type CalendarView,
  type EventInput,
} from '../providers/calendar-provider.ts';
import { DAY_MS, dayUtc } from '../providers/calendar-time.ts';
import type { DataSource } from '../providers/data-source.ts';
import type { CacheSnapshot } from './cache.ts';
import { restoreSnapshot } from './cache.ts';
import { useDataSource } from './data-context.ts';
import { calendarKeys } from './keys.ts';

/** Every cached range of a calendar: `[key, view]` with the key's days. */
function cachedViews(queryClient: QueryClient, calendar: CalendarRef) {
  return queryClient.getQueriesData<CalendarView>({ queryKey: calendarKeys.calendar(calendar.type, calendar.ownerId) });
}

/** Whether an event belongs in a cached range (the range was read a day wider on each side; so is this). */
function touches(key: QueryKey, event: Pick<CalendarEvent, 'start' | 'end'>): boolean {
  const [, , , , from, to] = key as readonly unknown[];
  if (typeof from !== 'string' || typeof to !== 'string') return false;
  return event.start < dayUtc(to) + 2 * DAY_MS && event.end > dayUtc(from) - DAY_MS;
}

/** Puts an event (new or changed) into every cached range of its calendar it touches, and out of the others. */
function placeEvent(queryClient: QueryClient, calendar: CalendarRef, event: CalendarEvent): void {
  for (const [key, view] of cachedViews(queryClient, calendar)) {
    if (!view) continue;
    const others = view.events.filter((e) => e.id !== event.id);
    const events = touches(key, event) ? [...others, event].sort((a, b) => a.start - b.start) : others;
    queryClient.setQueryData<CalendarView>(key, { ...view, events });
  }
}

function removeEvent(queryClient: QueryClient, calendar: CalendarRef, id: string): void {
  for (const [key, view] of cachedViews(queryClient, calendar))
    if (view?.events.some((e) => e.id === id))
      queryClient.setQueryData<CalendarView>(key, { ...view, events: view.events.filter((e) => e.id !== id) });
}

/**
 * Other calendars may show the event too (an attendee's, a group member's): they are marked stale and
 * read again when shown, not now.
 */
function staleOtherCalendars(queryClient: QueryClient, calendar: CalendarRef): Promise<void> {
  const own = calendarKeys.calendar(calendar.type, calendar.ownerId);
  return queryClient.invalidateQueries({
    queryKey: calendarKeys.views(),
    refetchType: 'none',
    predicate: (q) => own.some((part, i) => q.queryKey[i] !== part),
  });
}

/** The event as it will look once `patch` is written (the optimistic picture). */
function patched(event: CalendarEvent, patch: Partial<EventInput>): CalendarEvent {
  const { attendees, ...rest } = patch;
  const next: CalendarEvent = { ...event, ...rest };
  if (attendees !== undefined) {
    next.isMeeting = attendees.length > 0;
    next.attendees = attendees.map((id) => event.attendees.find((a) => a.id === id) ?? { id, status: 'Q' });
  }
  return next;
}

export interface CreateCalendarEventVariables {
  /** The calendar on screen (its cache key; `'me'` allowed). */
  calendar: CalendarRef;
  /** The calendar's real owner id (the context's user id for `'me'`). */
  ownerId: string;
  input: EventInput;
}

/** Creates an event and puts the portal's answer into every cached range of the calendar. */
export function createCalendarEventOptions(source: DataSource) {
  return mutationOptions<CalendarEvent, Error, CreateCalendarEventVariables>({
    mutationKey: [...calendarKeys.all(), 'create'],
    mutationFn: ({ calendar, ownerId, input }) =>
      createCalendarEvent(source.client, { type: calendar.type, ownerId }, input),
    onSuccess: (event, { calendar }, _result, { client }) => {
      placeEvent(client, calendar, event);
      return staleOtherCalendars(client, calendar);
    },
  });
}

/**
 * Creates an event (`calendar.event.add` + its read-back: one request); it shows in the calendar without
 * another read.
 * @example const create = useCreateCalendarEvent(); create.mutate({ calendar: MY_CALENDAR, ownerId: me.id, input });
 */
export function useCreateCalendarEvent() {
  return useMutation(createCalendarEventOptions(useDataSource()));
}

export interface UpdateCalendarEventVariables {
  calendar: CalendarRef;
  /** The event as shown (it names where it lives and is the picture to roll back to). */
  event: CalendarEvent;
  patch: Partial<EventInput>;
}

/**
 * Changes an event optimistically: every cached range of the calendar shows the change at once, goes
 * back if the portal refuses, and takes the portal's answer (read back in the same request) if it accepts.
 */
export function updateCalendarEventOptions(source: DataSource) {
  return mutationOptions<CalendarEvent, Error, UpdateCalendarEventVariables, CacheSnapshot>({
    mutationKey: [...calendarKeys.all(), 'update'],
    mutationFn: ({ event, patch }) => updateCalendarEvent(source.client, event, patch),
    onMutate: async ({ calendar, event, patch }, { client }) => {
      // A read in flight would land after the optimistic change and undo it.
      await client.cancelQueries({ queryKey: calendarKeys.calendar(calendar.type, calendar.ownerId) });
      const snapshot: CacheSnapshot = cachedViews(client, calendar);
      placeEvent(client, calendar, patched(event, patch));
      return snapshot;
    },
    onError: (_error, _variables, snapshot, { client }) => {
      if (snapshot) restoreSnapshot(client, snapshot);
    },
    onSuccess: (event, { calendar }, _snapshot, { client }) => {
      placeEvent(client, calendar, event);
      return staleOtherCalendars(client, calendar);
    },
  });
}

/**
 * Moves, resizes or edits an event (`calendar.event.update` + its read-back: one request), shown at once.
 * @example const update = useUpdateCalendarEvent(); update.mutate({ calendar, event, patch: { start, end, allDay, tzFrom, tzTo } });
 */
export function useUpdateCalendarEvent() {
  return useMutation(updateCalendarEventOptions(useDataSource()));
}

export interface DeleteCalendarEventVariables {
  calendar: CalendarRef;
  id: string;
}

/** Deletes an event and drops it from every cached range of the calendar. */
export function deleteCalendarEventOptions(source: DataSource) {
  return mutationOptions<void, Error, DeleteCalendarEventVariables>({
    mutationKey: [...calendarKeys.all(), 'delete'],
    mutationFn: ({ id }) => deleteCalendarEvent(source.client, id),
    onSuccess: (_void, { calendar, id }, _result, { client }) => {
      removeEvent(client, calendar, id);
      return staleOtherCalendars(client, calendar);
    },
  });
}

/**
 * Deletes an event (`calendar.event.delete`).
 * @example const remove = useDeleteCalendarEvent(); remove.mutate({ calendar, id: event.id });
 */
export function useDeleteCalendarEvent() {
  return useMutation(deleteCalendarEventOptions(useDataSource()));
}

/** Saves the hidden sections; the context shows the new list at once and goes back if the portal refuses. */
export function hiddenSectionsOptions(source: DataSource) {
  return mutationOptions<void, Error, string[], CalendarContext | undefined>({
    mutationKey: [...calendarKeys.all(), 'hidden'],
    mutationFn: (ids) => saveHiddenSections(source.client, ids),
    onMutate: async (ids, { client }) => {
      await client.cancelQueries({ queryKey: calendarKeys.context() });
      const before = client.getQueryData<CalendarContext>(calendarKeys.context());
      if (before) client.setQueryData<CalendarContext>(calendarKeys.context(), { ...before, hiddenSections: ids });
      return before;
    },
    onError: (_error, _ids, before, { client }) => {
      if (before) client.setQueryData(calendarKeys.context(), before);
    },
  });
}

/**
 * Shows or hides sections, remembered per user (`user.option.set`).
 * @example const hide = useHiddenSections(); hide.mutate([...context.hiddenSections, section.id]);
 */
export function useHiddenSections() {
  return useMutation(hiddenSectionsOptions(useDataSource()));
}
