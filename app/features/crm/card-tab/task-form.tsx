import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useFrame } from '../../../b24/react.tsx';
import { useCardActions } from '../../../data/query/card-actions.ts';
import { userIdOf, useUserNames } from '../../../data/query/get-users.ts';
import { useT } from '../../../i18n/index.ts';
import type { ActionFormProps } from './action-form-props.ts';
import { errorText } from './error-text.ts';
import { fromLocalInput } from './format.ts';
import './form-locales.ts';

/**
 * A new task bound to the record (`UF_CRM_TASK`): title, responsible (the record's, or the portal's own
 * user picker), deadline. Loaded on demand: the tab's first paint does not carry it.
 */
export default function TaskForm({ resource, id, card, onDone, onCancel }: ActionFormProps) {
  const t = useT('crmTabForms');
  const frame = useFrame();
  const { addTask } = useCardActions(resource, id);
  const defaultId = userIdOf(card.record.assignedById) || card.me?.id || '';
  const names = useUserNames([defaultId]);
  const [title, setTitle] = useState('');
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [deadline, setDeadline] = useState('');
  const [titleError, setTitleError] = useState('');
  const [error, setError] = useState('');
  const responsible =
    picked ?? (defaultId ? { id: defaultId, name: names[defaultId]?.fullName || `#${defaultId}` } : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setTitleError(t('required'));
    if (!responsible) return setError(t('noResponsible'));
    setError('');
    addTask.mutate(
      { title: title.trim(), responsibleId: responsible.id, deadline: fromLocalInput(deadline) },
      { onSuccess: () => onDone(t('taskCreated')), onError: (e) => setError(errorText(t, e)) },
    );
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      aria-label={t('crmTab:newTask')}
    >
      <Stack gap="xs">
        <TextInput
          label={t('taskTitle')}
          required
          data-autofocus
          autoFocus
          value={title}
          error={titleError || undefined}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setTitleError('');
          }}
        />
        <Group gap="xs" wrap="wrap">
          <Text size="sm">
            {t('responsible')}: {responsible?.name ?? t('nobody')}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            // The picker never answers when the user closes it (frame.md §6.3): nothing waits on it.
            onClick={() =>
              void frame.selectUser().then(
                (u) => u && setPicked(u),
                () => undefined,
              )
            }
          >
            {t('change')}
          </Button>
        </Group>
        <TextInput
          type="datetime-local"
          label={t('deadline')}
          value={deadline}
          onChange={(e) => setDeadline(e.currentTarget.value)}
        />
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={addTask.isPending}>
            {t('createTask')}
          </Button>
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
