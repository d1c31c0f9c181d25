import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Flex,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import IconChevronLeft from '@tabler/icons-react/icons/IconChevronLeft';
import IconChevronRight from '@tabler/icons-react/icons/IconChevronRight';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import { useCallback, useMemo, useState } from 'react';
import { errorDetail, errorMessageKey } from '../../data/errors/error-message-key.ts';
import {
  MY_CALENDAR,
  type CalendarEvent,
  type CalendarRef,
  type CalendarSection as Section,
} from '../../data/providers/calendar-provider.ts';
import { systemZone } from '../../data/providers/calendar-time.ts';
import { useCalendarContext, useCalendarView } from '../../data/query/calendar-view.ts';
import { useHiddenSections, useUpdateCalendarEvent } from '../../data/query/calendar-write.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { rangeTitle, step, today, visibleDays, type CalendarMode } from './dates.ts';
import { EventForm, type EventDraft } from './event-form.tsx';
import './locales.ts';
import { MonthView } from './month-view.tsx';
import type { EventTimes } from './moves.ts';
import { SectionList } from './section-list.tsx';
import { WeekView } from './week-view.tsx';

const NONE: readonly string[] = [];
const NO_EVENTS: CalendarEvent[] = [];
const NO_SECTIONS: Section[] = [];

const refValue = (c: CalendarRef) => `${c.type}:${c.ownerId}`;
function refOf(value: string): CalendarRef {
  const [type, ownerId = 'me'] = value.split(':');
  return type === 'group' ? { type: 'group', ownerId } : MY_CALENDAR;
}

/**
 * The workspace's Calendar: the user's own calendar or a workgroup's, by week or month, with its sections
 * (colours; show/hide remembered per user). Events are created by a click on free time or "New event",
 * moved and resized by dragging (or in the event dialog, or with Alt + arrow keys), edited and deleted in
 * the dialog. Everything the first page needs is read in one request; times show in the user's zone.
 */
export default function CalendarSection() {
  const t = useT('calendar');
  const lang = useLanguage();
  const context = useCalendarContext();
  const [calendar, setCalendar] = useState<CalendarRef>(MY_CALENDAR);
  const [mode, setMode] = useState<CalendarMode>('week');
  const zone = context.data?.me.timeZone ?? systemZone();
  const [anchor, setAnchor] = useState(() => today(systemZone()));
  const days = useMemo(() => visibleDays(mode, anchor), [mode, anchor]);
  const view = useCalendarView(calendar, days[0]!, days[days.length - 1]!);
  const hide = useHiddenSections();
  // mutate is stable across renders; the mutation object is not (the grid's memos depend on this).
  const { mutate: updateEvent } = useUpdateCalendarEvent();
  const [editing, setEditing] = useState<{ event?: CalendarEvent; draft?: EventDraft } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const hidden = context.data?.hiddenSections ?? NONE;
  const sections = view.data?.sections ?? NO_SECTIONS;
  const allEvents = view.data?.events ?? NO_EVENTS;
  const events = useMemo(
    () => (hidden.length ? allEvents.filter((e) => !hidden.includes(e.sectionId)) : allEvents),
    [allEvents, hidden],
  );
  const ownerId = calendar.ownerId === 'me' ? (context.data?.me.id ?? '') : calendar.ownerId;
  const addable = useMemo(() => sections.filter((s) => s.canAdd), [sections]);

  /** The event lives in this calendar, in a section the user may edit. */
  const canEdit = useCallback(
    (event: CalendarEvent) =>
      event.calType === calendar.type &&
      event.ownerId === ownerId &&
      sections.some((s) => s.id === event.sectionId && s.canEdit),
    [calendar.type, ownerId, sections],
  );
  // A series moves as a whole on the portal: dragging one occurrence is not offered.
  const canMove = useCallback((event: CalendarEvent) => canEdit(event) && !event.recurring, [canEdit]);
  const change = useCallback(
    (event: CalendarEvent, times: EventTimes) => {
      setFailure(null);
      updateEvent({ calendar, event, patch: times }, { onError: setFailure });
    },
    [updateEvent, calendar],
  );
  const open = useCallback((event: CalendarEvent) => setEditing({ event }), []);
  const create = useCallback((day: string, minutes: number | null) => setEditing({ draft: { day, minutes } }), []);
  const toggle = (id: string, shown: boolean) =>
    hide.mutate(shown ? hidden.filter((h) => h !== id) : [...hidden, id], { onError: setFailure });

  const error = context.error ?? (view.data ? null : view.error);
  if (error) {
    const detail = errorDetail(error);
    return (
      <ErrorState
        message={detail ? `${t(errorMessageKey(error))} (${detail})` : t(errorMessageKey(error))}
        onRetry={() => void Promise.all([context.refetch(), view.refetch()])}
      />
    );
  }

  const groups = context.data?.groups ?? [];
  const calendarData = [
    { group: t('calendar'), items: [{ value: refValue(MY_CALENDAR), label: t('myCalendar') }] },
    ...(groups.length
      ? [{ group: t('groups'), items: groups.map((g) => ({ value: `group:${g.id}`, label: g.name || `#${g.id}` })) }]
      : []),
  ];
  const canAdd = addable.length > 0 && ownerId !== '';
  const now = today(zone);
  const grid = {
    days,
    events,
    zone,
    lang,
    today: now,
    canMove,
    onOpen: open,
    onCreate: canAdd ? create : undefined,
    onChange: change,
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{t('title')}</Title>
        <Button
          leftSection={<IconPlus size={16} />}
          disabled={!canAdd}
          onClick={() => setEditing({ draft: { day: days.includes(now) ? now : days[0]!, minutes: 9 * 60 } })}
        >
          {t('newEvent')}
        </Button>
      </Group>
      <Group gap="sm">
        <Select
          aria-label={t('calendar')}
          data={calendarData}
          value={refValue(calendar)}
          onChange={(v) => v && setCalendar(refOf(v))}
          allowDeselect={false}
          searchable
          w={240}
          comboboxProps={{ withinPortal: true }}
        />
        <SegmentedControl
          aria-label={t('view')}
          value={mode}
          onChange={(v) => setMode(v === 'month' ? 'month' : 'week')}
          data={[
            { value: 'week', label: t('week') },
            { value: 'month', label: t('month') },
          ]}
        />
        <Group gap={4}>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('previous')}
            onClick={() => setAnchor(step(mode, anchor, -1))}
          >
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Button variant="default" onClick={() => setAnchor(now)}>
            {t('today')}
          </Button>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('next')}
            onClick={() => setAnchor(step(mode, anchor, 1))}
          >
            <IconChevronRight size={18} />
          </ActionIcon>
        </Group>
        <Text fw={600} aria-live="polite">
          {rangeTitle(mode, anchor, lang)}
        </Text>
        {view.isFetching ? <Loader size="xs" aria-label={t('loading')} /> : null}
      </Group>
      <Text size="xs" c="dimmed">
        {t('zoneNote', { zone })} · {canAdd ? t('moveHint') : t('readOnlyCalendar')}
      </Text>
      {failure ? (
        <Alert
          role="alert"
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          withCloseButton
          closeButtonLabel={t('dismiss')}
          onClose={() => setFailure(null)}
        >
          {t('saveFailed')} {t(errorMessageKey(failure))}
          {errorDetail(failure) ? ` (${errorDetail(failure)})` : ''}
        </Alert>
      ) : null}
      <Flex gap="md" align="flex-start" direction={{ base: 'column', md: 'row' }}>
        <Box w={{ base: '100%', md: 180 }} style={{ flexShrink: 0 }}>
          {view.data ? <SectionList sections={sections} hidden={hidden} onToggle={toggle} /> : null}
        </Box>
        <Box style={{ flex: 1, minWidth: 0, opacity: view.isPlaceholderData ? 0.6 : 1 }}>
          {!view.data || !context.data ? (
            <LoadingState label={t('loading')} />
          ) : mode === 'week' ? (
            <WeekView {...grid} />
          ) : (
            <MonthView
              {...grid}
              onShowDay={(day) => {
                setAnchor(day);
                setMode('week');
              }}
            />
          )}
        </Box>
      </Flex>
      {editing && ownerId ? (
        <EventForm
          calendar={calendar}
          ownerId={ownerId}
          event={editing.event}
          draft={editing.draft}
          sections={editing.event ? sections.filter((s) => s.canEdit) : addable}
          zone={zone}
          readOnly={editing.event ? !canEdit(editing.event) : false}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
