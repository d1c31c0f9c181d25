import { BitrixError, type B24Client } from '../../b24/index.ts';
import { crmBindingCode, timelineEntityType } from './card-binding.ts';
import { assertId } from './shared.ts';

/** The CRM record a card action is about. */
export interface CardOwner {
  entityTypeId: number;
  id: string;
}

const positiveId = (value: unknown): string => {
  const id = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  return /^[1-9]\d*$/.test(id) ? id : '';
};

/**
 * Adds a timeline comment to the record; resolves with the comment's id. The text goes as typed.
 * @example await addTimelineComment(client, { entityTypeId: 2, id: '12' }, 'Called, they agree.');
 */
export async function addTimelineComment(client: B24Client, owner: CardOwner, text: string): Promise<string> {
  assertId(owner.id, 'crm.timeline.comment.add');
  const { result } = await client.call('crm.timeline.comment.add', {
    // crm.timeline.comment.add reads `fields` in lower case only (methods.md §4).
    fields: { ENTITY_ID: Number(owner.id), ENTITY_TYPE: timelineEntityType(owner.entityTypeId), COMMENT: text },
  });
  return String(result);
}

export interface BoundTaskInput {
  title: string;
  responsibleId: string;
  /** ISO datetime, or undefined for none. */
  deadline?: string;
}

/**
 * Creates a task bound to the record (`UF_CRM_TASK: ['D_12']`); resolves with the task's id.
 * @example await addBoundTask(client, { entityTypeId: 2, id: '12' }, { title: 'Send offer', responsibleId: '3' });
 */
export async function addBoundTask(client: B24Client, owner: CardOwner, input: BoundTaskInput): Promise<string> {
  assertId(owner.id, 'tasks.task.add');
  const { result } = await client.call<{ task?: { id?: string | number } }>('tasks.task.add', {
    fields: {
      TITLE: input.title,
      RESPONSIBLE_ID: Number(input.responsibleId),
      ...(input.deadline ? { DEADLINE: input.deadline } : {}),
      UF_CRM_TASK: [crmBindingCode(owner.entityTypeId, owner.id)],
    },
  });
  return String(result?.task?.id ?? '');
}

export interface MeetingInput {
  /** The calendar the event is created in: the current user's (a user may write only their own). */
  ownerId: string;
  name: string;
  /** ISO datetimes with an offset (an offset wins over any time zone parameter, methods.md §9). */
  from: string;
  to: string;
  /** Invited users besides the host (the record's responsible). */
  attendeeIds: string[];
  description?: string;
}

/**
 * Schedules a meeting linked to the record (`crm_fields: ['D_12']`, stored as `UF_CRM_CAL_EVENT`) in the
 * owner's calendar with the attendees invited; resolves with the event's id.
 * @example await scheduleMeeting(client, owner, { ownerId: '1', name: 'Kick-off', from, to, attendeeIds: ['3'] });
 */
export async function scheduleMeeting(client: B24Client, owner: CardOwner, input: MeetingInput): Promise<string> {
  assertId(owner.id, 'calendar.event.add');
  const host = positiveId(input.ownerId);
  if (!host) throw new BitrixError('ERROR_ARGUMENT', 'No calendar owner for the meeting', 0, 'calendar.event.add');
  const attendees = [...new Set([host, ...input.attendeeIds.map(positiveId).filter(Boolean)])].map(Number);
  const { result } = await client.call('calendar.event.add', {
    type: 'user',
    ownerId: Number(host),
    name: input.name,
    from: input.from,
    to: input.to,
    auto_detect_section: 'Y',
    is_meeting: 'Y',
    attendees,
    meeting: { notify: 'Y' },
    crm_fields: [crmBindingCode(owner.entityTypeId, owner.id)],
    ...(input.description ? { description: input.description } : {}),
  });
  return String(result);
}

/**
 * Sends a personal notification (the portal's bell) from the current user; resolves with its id. The
 * portal answers `false` for a user it cannot notify: that is an error here (`NOT_DELIVERED`).
 * @example await notifyUser(client, '3', 'Please call the client back. [url=https://…/crm/deal/details/12/]Deal 12[/url]');
 */
export async function notifyUser(client: B24Client, userId: string, message: string): Promise<string> {
  const to = positiveId(userId);
  if (!to) throw new BitrixError('USER_ID_EMPTY', 'Nobody to notify', 0, 'im.notify.personal.add');
  const { result } = await client.call('im.notify.personal.add', { USER_ID: Number(to), MESSAGE: message });
  if (result === false || result === null)
    throw new BitrixError(
      'NOT_DELIVERED',
      'The portal could not deliver the notification',
      0,
      'im.notify.personal.add',
    );
  return String(result);
}
