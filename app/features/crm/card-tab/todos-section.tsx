import { Group, Stack, Text } from '@mantine/core';
import type { CardPart, CardTodo } from '../../../data/providers/card-provider.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { CardSection } from './card-section.tsx';
import { formatMoment } from './format.ts';
import './locales.ts';
import { ShowMore } from './show-more.tsx';

/** The record's open activities, soonest deadline first; overdue ones say so. */
export function TodosSection({ part }: { part: CardPart<CardTodo[]> }) {
  const t = useT('crmTab');
  const lang = useLanguage();
  const now = Date.now();
  return (
    <CardSection title={t('todos')} part={part} empty={t('noTodos')}>
      {(rows) => (
        <Stack gap={8}>
          <ShowMore rows={rows}>
            {(shown) =>
              shown.map((todo) => {
                const overdue = todo.deadline !== '' && Date.parse(todo.deadline) < now;
                return (
                  <Group key={todo.id} gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
                    <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                      {todo.subject || '—'}
                    </Text>
                    <Text size="xs" c={overdue ? 'red' : 'dimmed'} style={{ flexShrink: 0 }}>
                      {todo.deadline ? formatMoment(todo.deadline, lang) : t('noDeadline')}
                      {overdue ? ` · ${t('overdue')}` : ''}
                    </Text>
                  </Group>
                );
              })
            }
          </ShowMore>
        </Stack>
      )}
    </CardSection>
  );
}
