import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import {
  readCalendarContext,
  readCalendarView,
  type CalendarContext,
  type CalendarRef,
} from '../providers/calendar-provider.ts';
import type { DataSource } from '../providers/data-source.ts';
import { useDataSource } from './data-context.ts';
import { calendarKeys } from './keys.ts';
import { META_STALE_MS } from './query-client.ts';

/** The current user, their hidden sections and the workgroups (profile, user.option.get, sonet_group.get). */
export function calendarContextQueryOptions(source: DataSource) {
  return queryOptions({
    queryKey: calendarKeys.context(),
    queryFn: () => readCalendarContext(source.client),
    staleTime: META_STALE_MS,
  });
}

/**
 * What the calendar screens need before anything else: the user's id and display zone, the sections they
 * hid and the workgroups to pick from. Mounted beside `useCalendarView`, it joins the view's batch.
 * @example const { data: context } = useCalendarContext(); context?.me.timeZone // 'Europe/Berlin'
 */
export function useCalendarContext() {
  return useQuery(calendarContextQueryOptions(useDataSource()));
}

/**
 * One calendar over the days `from`…`to` (`YYYY-MM-DD`, inclusive): sections and events in one batch.
 * The current user's calendar (`ownerId: 'me'`) uses the id the context query learnt, or lets the portal
 * fill it in from a `profile` call in the same batch.
 */
export function calendarViewQueryOptions(source: DataSource, calendar: CalendarRef, from: string, to: string) {
  return queryOptions({
    queryKey: calendarKeys.view(calendar.type, calendar.ownerId, from, to),
    queryFn: ({ client }) =>
      readCalendarView(
        source.client,
        calendar,
        from,
        to,
        client.getQueryData<CalendarContext>(calendarKeys.context())?.me.id,
      ),
  });
}

/**
 * A calendar's sections and events over a range of days; while another range of the same calendar loads,
 * the previous answer stays (`isPlaceholderData`), so the sections list does not flicker between weeks.
 * @example const view = useCalendarView(MY_CALENDAR, '2026-03-09', '2026-03-15'); view.data?.events.length
 */
export function useCalendarView(calendar: CalendarRef, from: string, to: string) {
  const own = calendarKeys.calendar(calendar.type, calendar.ownerId);
  return useQuery({
    ...calendarViewQueryOptions(useDataSource(), calendar, from, to),
    placeholderData: (previous, query) =>
      query && own.every((part, i) => query.queryKey[i] === part) ? keepPreviousData(previous) : undefined,
  });
}
