import { Checkbox, Stack, Text } from '@mantine/core';
import type { CalendarSection } from '../../data/providers/calendar-provider.ts';
import { useT } from '../../i18n/index.ts';

export interface SectionListProps {
  sections: CalendarSection[];
  hidden: readonly string[];
  onToggle: (id: string, shown: boolean) => void;
}

/** The calendar's sections with their colours; unticking one hides its events (remembered per user). */
export function SectionList({ sections, hidden, onToggle }: SectionListProps) {
  const t = useT('calendar');
  return (
    <Stack gap={6} component="section" aria-label={t('sections')}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('sections')}
      </Text>
      {sections.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('noSections')}
        </Text>
      ) : (
        sections.map((s) => (
          <Checkbox
            key={s.id}
            label={s.name}
            color={s.color}
            checked={!hidden.includes(s.id)}
            onChange={(e) => onToggle(s.id, e.currentTarget.checked)}
            styles={{ label: { overflowWrap: 'anywhere' } }}
          />
        ))
      )}
    </Stack>
  );
}
