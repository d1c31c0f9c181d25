import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useCardActions } from '../../../data/query/card-actions.ts';
import { userIdOf, useUserNames } from '../../../data/query/get-users.ts';
import { useT } from '../../../i18n/index.ts';
import type { ActionFormProps } from './action-form-props.ts';
import { errorText } from './error-text.ts';
import { fromLocalInput, toLocalInput } from './format.ts';
import './form-locales.ts';

const DURATIONS = [15, 30, 60, 90, 120];

/** Tomorrow at 10:00, local time: a sensible first proposal. */
function tomorrowAtTen(): number {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  return d.getTime();
}

/**
 * A meeting in the current user's calendar with the record's responsible invited, linked to the record
 * (`crm_fields`), so it shows under "Upcoming events". Loaded on demand.
 */
export default function MeetingForm({ resource, id, card, title, onDone, onCancel }: ActionFormProps) {
  const t = useT('crmTabForms');
  const { scheduleMeeting } = useCardActions(resource, id);
  const responsibleId = userIdOf(card.record.assignedById);
  const meId = card.me?.id ?? '';
  const names = useUserNames([responsibleId, meId]);
  const [name, setName] = useState(() => t('meetingDefault', { title }));
  const [starts, setStarts] = useState(() => toLocalInput(tomorrowAtTen()));
  const [minutes, setMinutes] = useState('60');
  const [nameError, setNameError] = useState('');
  const [error, setError] = useState('');
  const invited = [...new Set([meId, responsibleId].filter(Boolean))].map((u) => names[u]?.fullName || `#${u}`);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setNameError(t('required'));
    const from = fromLocalInput(starts);
    if (!from) return setError(t('required'));
    if (!meId) return setError(t('noResponsible'));
    setError('');
    const to = new Date(Date.parse(from) + Number(minutes) * 60_000).toISOString();
    scheduleMeeting.mutate(
      { ownerId: meId, name: name.trim(), from, to, attendeeIds: responsibleId ? [responsibleId] : [] },
      { onSuccess: () => onDone(t('meetingScheduled')), onError: (e) => setError(errorText(t, e)) },
    );
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      aria-label={t('crmTab:meeting')}
    >
      <Stack gap="xs">
        <TextInput
          label={t('meetingName')}
          required
          data-autofocus
          autoFocus
          value={name}
          error={nameError || undefined}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setNameError('');
          }}
        />
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            type="datetime-local"
            label={t('starts')}
            required
            value={starts}
            onChange={(e) => setStarts(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('duration')}
            value={minutes}
            onChange={(e) => setMinutes(e.currentTarget.value)}
            data={DURATIONS.map((m) => ({ value: String(m), label: t('minutes', { count: m }) }))}
          />
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {t('attendees', { names: invited.join(', ') })}
        </Text>
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={scheduleMeeting.isPending}>
            {t('schedule')}
          </Button>
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
