import { Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useGroupEvents } from '../../data/query/groups-detail.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';

const DAYS = 60;
const DAY = 86_400_000;

/** The group calendar's events of the next weeks, by start (the Calendar section has the full views). */
export function GroupCalendar({ groupId }: { groupId: string }) {
  const t = useT('directory');
  const lang = useLanguage();
  // From the start of today, fixed for the component's life so the query key stays put.
  const [from] = useState(() => new Date().setHours(0, 0, 0, 0));
  const events = useGroupEvents(groupId, from, from + DAYS * DAY);
  const timed = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  // All-day events are stored as UTC midnights of their days.
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });

  if (events.error)
    return (
      <ErrorState
        message={`${t(errorMessageKey(events.error))} ${t('group.calendarFailed')}`}
        onRetry={() => void events.refetch()}
      />
    );
  if (!events.data) return <LoadingState />;
  if (events.data.length === 0)
    return <EmptyState title={t('group.noEvents', { days: DAYS })} hint={t('group.noEventsHint')} />;

  return (
    <Stack gap="xs" component="section" aria-label={t('group.upcoming', { days: DAYS })}>
      <Text size="sm" fw={600}>
        {t('group.upcoming', { days: DAYS })}
      </Text>
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {events.data.map((e) => (
          <li key={e.id}>
            <Group gap="sm" wrap="nowrap" align="baseline">
              <Text size="sm" c="dimmed" w={190} style={{ flexShrink: 0 }}>
                {e.allDay ? `${day.format(e.from)} · ${t('group.allDay')}` : timed.format(e.from)}
              </Text>
              <div style={{ minWidth: 0 }}>
                <Text size="sm">{e.name}</Text>
                {e.location ? (
                  <Text size="xs" c="dimmed">
                    {e.location}
                  </Text>
                ) : null}
              </div>
            </Group>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
