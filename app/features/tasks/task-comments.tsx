import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTaskComments } from '../../data/query/task-detail.ts';
import { useAddTaskComment } from '../../data/query/task-write.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { formatValue } from '../../ui/format-value.ts';
import { BbcodeText } from './bbcode/bbcode-text.tsx';
import './card-locales.ts';
import { messageOf } from './task-view.ts';

/** A task's comments, oldest first, their BBCode rendered safely; and a box to add one (written as text). */
export function TaskComments({ taskId }: { taskId: string }) {
  const t = useT('taskCard');
  const lang = useLanguage();
  const comments = useTaskComments(taskId);
  const add = useAddTaskComment({ silent: true });
  const [text, setText] = useState('');

  const submit = () => {
    const message = text.trim();
    if (!message) return;
    add.mutate({ taskId, text: message }, { onSuccess: () => setText('') });
  };

  return (
    <Stack gap="sm">
      {comments.error ? (
        <Text c="red" size="sm">
          {messageOf(t, comments.error)}
        </Text>
      ) : !comments.data ? (
        <Text c="dimmed" size="sm">
          …
        </Text>
      ) : comments.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('noComments')}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {comments.data.map((c) => (
            <Paper key={c.id} component="li" withBorder radius="sm" p="xs" bg="var(--mantine-color-gray-0)">
              <Group justify="space-between" gap="xs" mb={4}>
                <Text size="sm" fw={600}>
                  {c.authorName || t('userId', { id: c.authorId })}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatValue(c.date, { kind: 'datetime' }, { lang })}
                </Text>
              </Group>
              <BbcodeText text={c.text} />
            </Paper>
          ))}
        </Stack>
      )}
      <Textarea
        label={t('newComment')}
        description={t('bbcodeHint')}

        rows={3}
        resize="vertical"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={add.error ? messageOf(t, add.error) : undefined}
      />
      <Group justify="flex-end">
        <Button onClick={submit} loading={add.isPending} disabled={!text.trim()}>
          {t('addComment')}
        </Button>
      </Group>
    </Stack>
  );
}
