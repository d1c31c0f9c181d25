import { Checkbox, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTaskChecklist } from '../../data/query/task-detail.ts';
import { useToggleChecklistItem } from '../../data/query/task-write.ts';
import { useT } from '../../i18n/index.ts';
import './card-locales.ts';
import { messageOf } from './task-view.ts';

/** A task's checklist: each item ticks and unticks at once (put back if the portal refuses). */
export function TaskChecklist({ taskId }: { taskId: string }) {
  const t = useT('taskCard');
  const items = useTaskChecklist(taskId);
  const toggle = useToggleChecklistItem({ silent: true });
  const [failure, setFailure] = useState<unknown>(null);

  if (items.error)
    return (
      <Text c="red" size="sm">
        {messageOf(t, items.error)}
      </Text>
    );
  if (!items.data)
    return (
      <Text c="dimmed" size="sm">
        …
      </Text>
    );
  if (items.data.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('noChecklist')}
      </Text>
    );
  const done = items.data.filter((i) => i.done).length;
  return (
    <Stack gap={6}>
      <Progress
        value={(done / items.data.length) * 100}
        size="sm"
        aria-label={t('checklistProgress', { done, count: items.data.length })}
      />
      {items.data.map((item) => (
        <Checkbox
          key={item.id}
          label={item.title}
          checked={item.done}
          onChange={(e) => {
            setFailure(null);
            toggle.mutate(
              { taskId, itemId: item.id, done: e.currentTarget.checked },
              { onError: (error) => setFailure(error) },
            );
          }}
        />
      ))}
      {failure ? (
        <Text c="red" size="sm" role="alert">
          {messageOf(t, failure)}
        </Text>
      ) : null}
    </Stack>
  );
}
