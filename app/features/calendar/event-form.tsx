import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import { useMemo, useState, type FormEvent } from 'react';
import { useFrame } from '../../b24/index.ts';
import { errorDetail, errorMessageKey } from '../../data/errors/error-message-key.ts';
import type {
  CalendarEvent,
  CalendarRef,
  CalendarSection,
  EventInput,
} from '../../data/providers/calendar-provider.ts';
import {
  dayIn,
  dayUtc,
  DAY_MS,
  fromWallClock,
  isValidZone,
  parseDay,
  utcDay,
  wallClock,
} from '../../data/providers/calendar-time.ts';
import {
  useCreateCalendarEvent,
  useDeleteCalendarEvent,
  useUpdateCalendarEvent,
} from '../../data/query/calendar-write.ts';
import { useUserNames } from '../../data/query/get-users.ts';
import { useUserSearch } from '../../data/query/search-users.ts';
import { useT } from '../../i18n/index.ts';
import { UserPicker } from '../../ui/user-picker.tsx';
import { CrmLinks } from './crm-links.tsx';

/** Where a new event starts: a day, and a minute of it or all-day (`null`). */
export interface EventDraft {
  day: string;
  minutes: number | null;
}

export interface EventFormProps {
  calendar: CalendarRef;
  /** The calendar's real owner id (the user's id for `'me'`). */
  ownerId: string;
  /** The event to edit; without it, a new one from `draft`. */
  event?: CalendarEvent;
  draft?: EventDraft;
  /** Sections to choose from (those the user may add to). */
  sections: CalendarSection[];
  /** The zone new events are in (the user's display zone). */
  zone: string;
  /** The event is shown, not edited. */
  readOnly: boolean;
  onClose: () => void;
}

interface Values {
  name: string;
  sectionId: string;
  allDay: boolean;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  zone: string;
  description: string;
  location: string;
  attendees: string[];
  crm: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;

function initialValues(props: EventFormProps): Values {
  const { event, draft, sections, zone } = props;
  if (event) {
    const tz = isValidZone(event.tzFrom) ? event.tzFrom : zone;
    const start = wallClock(event.start, tz);
    const end = wallClock(event.end, tz);
    return {
      name: event.name,
      sectionId: event.sectionId,
      allDay: event.allDay,
      startDate: event.allDay ? utcDay(event.start) : dayIn(event.start, tz),
      startTime: event.allDay ? '09:00' : `${pad(start.hour)}:${pad(start.minute)}`,
      endDate: event.allDay ? utcDay(Math.max(event.end - DAY_MS, event.start)) : dayIn(event.end, tz),
      endTime: event.allDay ? '10:00' : `${pad(end.hour)}:${pad(end.minute)}`,
      zone: tz,
      description: event.description,
      location: event.location,
      attendees: event.attendees.filter((a) => a.id !== event.hostId).map((a) => a.id),
      crm: event.crm,
    };
  }
  const day = draft?.day ?? dayIn(Date.now(), zone);
  const minutes = draft?.minutes ?? 9 * 60;
  const endMinutes = Math.min(minutes + 60, 23 * 60 + 59);
  return {
    name: '',
    sectionId: sections[0]?.id ?? '',
    allDay: draft?.minutes === null,
    startDate: day,
    startTime: clock(minutes),
    endDate: day,
    endTime: clock(endMinutes),
    zone,
    description: '',
    location: '',
    attendees: [],
    crm: [],
  };
}

/** The times of the form as a write takes them, or why they are not valid. */
function timesOf(
  v: Values,
): Pick<EventInput, 'allDay' | 'start' | 'end' | 'tzFrom' | 'tzTo'> | 'badDate' | 'endBeforeStart' {
  const from = parseDay(v.startDate);
  const to = parseDay(v.endDate);
  if (!from || !to) return 'badDate';
  if (v.allDay) {
    const start = dayUtc(v.startDate);
    const end = dayUtc(v.endDate) + DAY_MS;
    return end <= start ? 'endBeforeStart' : { allDay: true, start, end, tzFrom: v.zone, tzTo: v.zone };
  }
  const time = (s: string) => /^(\d{1,2}):(\d{2})/.exec(s);
  const a = time(v.startTime);
  const b = time(v.endTime);
  if (!a || !b) return 'badDate';
  const start = fromWallClock({ ...from, hour: +a[1]!, minute: +a[2]!, second: 0 }, v.zone);
  const end = fromWallClock({ ...to, hour: +b[1]!, minute: +b[2]!, second: 0 }, v.zone);
  return end < start ? 'endBeforeStart' : { allDay: false, start, end, tzFrom: v.zone, tzTo: v.zone };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The event dialog: create, edit or just show an event — name, section, all-day or times in a zone (the
 * keyboard's way to move an event), description, location, attendees (the shared user picker, or the
 * portal's own dialog), CRM links; delete. Portal text is shown as text. An edit sends only what changed.
 */
export function EventForm(props: EventFormProps) {
  const { calendar, ownerId, event, sections, readOnly, onClose } = props;
  const t = useT('calendar');
  const frame = useFrame();
  const users = useUserSearch();
  const [initial] = useState(() => initialValues(props));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<'name' | 'dates', string>>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const create = useCreateCalendarEvent();
  const update = useUpdateCalendarEvent();
  const remove = useDeleteCalendarEvent();
  const failure = create.error ?? update.error ?? remove.error;
  const busy = create.isPending || update.isPending || remove.isPending;
  const names = useUserNames(event ? [event.hostId, ...event.attendees.map((a) => a.id)] : []);
  const zones = useMemo(() => {
    const list = Intl.supportedValuesOf('timeZone');
    return list.includes(values.zone) ? list : [values.zone, ...list];
  }, [values.zone]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const times = timesOf(values);
    const next: typeof errors = {};
    if (!values.name.trim()) next.name = t('form.nameRequired');
    if (typeof times === 'string') next.dates = t(`form.${times}`);
    setErrors(next);
    if (next.name || next.dates || typeof times === 'string') return;
    if (!event) {
      const input: EventInput = {
        ...times,
        name: values.name.trim(),
        sectionId: values.sectionId,
        description: values.description,
        location: values.location,
        attendees: values.attendees,
        crm: values.crm,
      };
      create.mutate({ calendar, ownerId, input }, { onSuccess: onClose });
      return;
    }
    const patch: Partial<EventInput> = {};
    if (values.name.trim() !== event.name) patch.name = values.name.trim();
    if (values.sectionId !== initial.sectionId) patch.sectionId = values.sectionId;
    if (values.description !== initial.description) patch.description = values.description;
    if (values.location !== initial.location) patch.location = values.location;
    if (!same(values.attendees, initial.attendees)) patch.attendees = values.attendees;
    if (!same(values.crm, initial.crm)) patch.crm = values.crm;
    const timeKeys = ['allDay', 'startDate', 'startTime', 'endDate', 'endTime', 'zone'] as const;
    if (timeKeys.some((k) => values[k] !== initial[k])) Object.assign(patch, times);
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate({ calendar, event, patch }, { onSuccess: onClose });
  };

  const sectionData = sections.map((s) => ({ value: s.id, label: s.name }));
  if (event && !sectionData.some((s) => s.value === event.sectionId))
    sectionData.push({ value: event.sectionId, label: `#${event.sectionId}` });
  const title = readOnly ? t('form.viewTitle') : event ? t('form.editTitle') : t('form.createTitle');
  const attendees = event?.attendees ?? [];

  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('form.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {readOnly ? (
            <Text size="sm" c="dimmed">
              {t('form.readOnly')}
            </Text>
          ) : null}
          {event?.recurring && !readOnly ? (
            <Text size="sm" c="orange.8">
              {t('form.recurring')}
            </Text>
          ) : null}
          <TextInput
            label={t('form.name')}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            required
            disabled={readOnly}
            data-autofocus
          />
          <Select
            label={t('form.section')}
            data={sectionData}
            value={values.sectionId}
            onChange={(v) => v && set('sectionId', v)}
            allowDeselect={false}
            disabled={readOnly}
          />
          <Switch
            label={t('form.allDay')}
            checked={values.allDay}
            onChange={(e) => set('allDay', e.currentTarget.checked)}
            disabled={readOnly}
          />
          <SimpleGrid cols={values.allDay ? 2 : 4} spacing="xs">
            <TextInput
              type="date"
              label={t('form.startDate')}
              value={values.startDate}
              onChange={(e) => set('startDate', e.currentTarget.value)}
              disabled={readOnly}
            />
            {values.allDay ? null : (
              <TextInput
                type="time"
                label={t('form.startTime')}
                value={values.startTime}
                onChange={(e) => set('startTime', e.currentTarget.value)}
                disabled={readOnly}
              />
            )}
            <TextInput
              type="date"
              label={t('form.endDate')}
              value={values.endDate}
              onChange={(e) => set('endDate', e.currentTarget.value)}
              disabled={readOnly}
            />
            {values.allDay ? null : (
              <TextInput
                type="time"
                label={t('form.endTime')}
                value={values.endTime}
                onChange={(e) => set('endTime', e.currentTarget.value)}
                disabled={readOnly}
              />
            )}
          </SimpleGrid>
          {errors.dates ? (
            <Text size="sm" c="red" role="alert">
              {errors.dates}
            </Text>
          ) : null}
          {values.allDay ? null : (
            <Select
              label={t('form.timeZone')}
              data={zones}
              value={values.zone}
              onChange={(v) => v && set('zone', v)}
              searchable
              limit={50}
              allowDeselect={false}
              disabled={readOnly}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <TextInput
            label={t('form.location')}
            value={values.location}
            onChange={(e) => set('location', e.currentTarget.value)}
            disabled={readOnly}
          />
          <Textarea
            label={t('form.description')}
            value={values.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            rows={3}
            disabled={readOnly}
          />
          <UserPicker
            multiple
            label={t('form.attendees')}
            description={t('form.attendeesHint')}
            value={values.attendees}
            onChange={(ids) => set('attendees', ids)}
            search={users.search}
            resolve={users.resolve}
            onPortalDialog={async () => {
              const picked = await frame.selectUsers();
              return picked.length ? picked.map((u) => u.id) : null;
            }}
            disabled={readOnly}
          />
          {attendees.length > 0 ? (
            <Stack
              gap={2}
              aria-label={t('form.attendees')}
              component="ul"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {attendees.map((a) => (
                <Text component="li" size="xs" c="dimmed" key={a.id}>
                  {names[a.id]?.fullName || `#${a.id}`} — {t(`form.status.${a.status}`)}
                </Text>
              ))}
            </Stack>
          ) : null}
          <CrmLinks value={values.crm} onChange={(codes) => set('crm', codes)} disabled={readOnly} />

          {failure ? (
            <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
              {t(errorMessageKey(failure))}
              {errorDetail(failure) ? ` (${errorDetail(failure)})` : ''}
            </Alert>
          ) : null}

          {confirmDelete && event ? (
            <Group justify="flex-end" gap="xs" role="group" aria-label={t('form.deleteConfirm')}>
              <Text size="sm" fw={500}>
                {t('form.deleteConfirm')}
              </Text>
              <Button variant="default" onClick={() => setConfirmDelete(false)} disabled={busy}>
                {t('form.deleteNo')}
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate({ calendar, id: event.id }, { onSuccess: onClose })}
              >
                {t('form.deleteYes')}
              </Button>
            </Group>
          ) : (
            <Group justify="space-between">
              {event && !readOnly ? (
                <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)} disabled={busy}>
                  {t('form.delete')}
                </Button>
              ) : (
                <span />
              )}
              <Group gap="xs">
                <Button variant="default" onClick={onClose}>
                  {readOnly ? t('form.close') : t('form.cancel')}
                </Button>
                {readOnly ? null : (
                  <Button type="submit" loading={create.isPending || update.isPending}>
                    {t('form.save')}
                  </Button>
                )}
              </Group>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
