import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useFrame } from '../../../b24/react.tsx';
import type { CardPart, CardTask } from '../../../data/providers/card-provider.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { CardSection } from './card-section.tsx';
import { formatMoment } from './format.ts';
import './locales.ts';
import { ShowMore } from './show-more.tsx';

const STATUS = { '2': 's2', '3': 's3', '4': 's4', '6': 's6' } as const;

/** Open tasks bound to the record: title (opens the task), status, deadline, responsible. */
export function TasksSection({ part, meId }: { part: CardPart<CardTask[]>; meId: string }) {
  const t = useT('crmTab');
  const lang = useLanguage();
  const frame = useFrame();
  const now = Date.now();
  return (
    <CardSection title={t('tasks')} part={part} empty={t('noTasks')}>
      {(rows) => (
        <Stack gap={8}>
          <ShowMore rows={rows}>
            {(shown) =>
              shown.map((task) => {
                const status = STATUS[task.status as keyof typeof STATUS];
                const overdue = task.deadline !== '' && Date.parse(task.deadline) < now;
                return (
                  <Stack key={task.id} gap={0}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="left"
                      style={{ overflowWrap: 'anywhere' }}
                      onClick={() =>
                        void frame
                          .openPath(`/company/personal/user/${meId || '0'}/tasks/task/view/${task.id}/`)
                          .catch(() => undefined)
                      }
                    >
                      {task.title}
                    </Anchor>
                    <Group gap={8} wrap="wrap">
                      {status ? (
                        <Text size="xs" c="dimmed">
                          {t(`taskStatus.${status}`)}
                        </Text>
                      ) : null}
                      <Text size="xs" c={overdue ? 'red' : 'dimmed'}>
                        {task.deadline ? formatMoment(task.deadline, lang) : t('noDeadline')}
                        {overdue ? ` · ${t('overdue')}` : ''}
                      </Text>
                      {task.responsibleName ? (
                        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {task.responsibleName}
                        </Text>
                      ) : null}
                    </Group>
                  </Stack>
                );
              })
            }
          </ShowMore>
        </Stack>
      )}
    </CardSection>
  );
}
