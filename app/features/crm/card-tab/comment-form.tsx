import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useCardActions } from '../../../data/query/card-actions.ts';
import { useT } from '../../../i18n/index.ts';
import type { ActionFormProps } from './action-form-props.ts';
import { errorText } from './error-text.ts';
import './form-locales.ts';

/** A timeline comment on the record; the comments section shows it once the card is read again. */
export default function CommentForm({ resource, id, onDone, onCancel }: ActionFormProps) {
  const t = useT('crmTabForms');
  const { addComment } = useCardActions(resource, id);
  const [text, setText] = useState('');
  const [error, setError] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError(t('required'));
    setError('');
    addComment.mutate(text, { onSuccess: () => onDone(t('commentAdded')), onError: (e) => setError(errorText(t, e)) });
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      aria-label={t('crmTab:comment')}
    >
      <Stack gap="xs">
        {/* Grows with the text instead of scrolling inside the frame. */}
        <Textarea
          label={t('commentText')}
          required
          autosize
          minRows={3}
          data-autofocus
          autoFocus
          value={text}
          error={error || undefined}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError('');
          }}
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={addComment.isPending}>
            {t('addComment')}
          </Button>
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
