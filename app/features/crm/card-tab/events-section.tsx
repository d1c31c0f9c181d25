import { Stack, Text } from '@mantine/core';
import type { CardEvent, CardPart } from '../../../data/providers/card-provider.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { CardSection } from './card-section.tsx';
import { formatMoment } from './format.ts';
import './locales.ts';
import { ShowMore } from './show-more.tsx';

/** Upcoming calendar events linked to the record (its responsible's and the user's calendars). */
export function EventsSection({ part }: { part: CardPart<CardEvent[]> }) {
  const t = useT('crmTab');
  const lang = useLanguage();
  return (
    <CardSection title={t('events')} part={part} empty={t('noEvents')}>
      {(rows) => (
        <Stack gap={8}>
          <ShowMore rows={rows}>
            {(shown) =>
              shown.map((event) => (
                <Stack key={event.id} gap={0}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {event.name}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {event.allDay
                      ? `${formatMoment(event.from, lang, { dateOnly: true, utc: true })}, ${t('allDay')}`
                      : formatMoment(event.from, lang)}
                    {event.location ? ` · ${event.location}` : ''}
                  </Text>
                </Stack>
              ))
            }
          </ShowMore>
        </Stack>
      )}
    </CardSection>
  );
}
