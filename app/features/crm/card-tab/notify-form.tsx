import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useInitInfo } from '../../../b24/react.tsx';
import { useCardActions } from '../../../data/query/card-actions.ts';
import { userIdOf, useUserNames } from '../../../data/query/get-users.ts';
import { entityTypeIdOf } from '../../../data/resources/static-resources.ts';
import { useT } from '../../../i18n/index.ts';
import { crmCardPath } from '../../../ui/crm-path.ts';
import type { ActionFormProps } from './action-form-props.ts';
import { errorText } from './error-text.ts';
import './form-locales.ts';
import { recordNotice } from './record-notice.ts';

/** A personal notification to the record's responsible, with a link that names the record. */
export default function NotifyForm({ resource, id, card, title, onDone, onCancel }: ActionFormProps) {
  const t = useT('crmTabForms');
  const { portalOrigin } = useInitInfo();
  const { notify } = useCardActions(resource, id);
  const responsibleId = userIdOf(card.record.assignedById);
  const names = useUserNames([responsibleId]);
  const name = names[responsibleId]?.fullName || t('someone');
  const [note, setNote] = useState(() => t('notifyDefault'));
  const [error, setError] = useState('');

  if (!responsibleId)
    return (
      <Stack gap="xs">
        <Text size="sm">{t('noResponsible')}</Text>
        <Group>
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError('');
    const url = `${portalOrigin}${crmCardPath(entityTypeIdOf(resource) ?? 0, id)}`;
    notify.mutate(
      { userId: responsibleId, message: recordNotice(note, title, url) },
      { onSuccess: () => onDone(t('notified', { name })), onError: (e) => setError(errorText(t, e)) },
    );
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      aria-label={t('crmTab:notify')}
    >
      <Stack gap="xs">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('responsible')}: {name}
        </Text>
        <Textarea
          label={t('message')}
          autosize
          minRows={2}
          data-autofocus
          autoFocus
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={notify.isPending}>
            {t('send')}
          </Button>
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
