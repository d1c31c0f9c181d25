import { mutationOptions, useMutation, type QueryKey } from '@tanstack/react-query';
import {
  addBoundTask,
  addTimelineComment,
  notifyUser,
  scheduleMeeting,
  type BoundTaskInput,
  type MeetingInput,
} from '../providers/card-actions.ts';
import { entityTypeIdOf } from '../resources/static-resources.ts';
import type { ResourceName } from '../types.ts';
import type { DataSource } from '../providers/data-source.ts';
import { useDataSource } from './data-context.ts';
import { cardKeys, recordKeys } from './keys.ts';

/**
 * Mutation options of the card tab's quick actions on one record. Each is sent once (adds are never
 * repeated, see docs/data-layer.md "Retries"); once it settles the card is read again (one request) so
 * the section shows the new row before the mutation resolves. Errors are the form's to show (`silent`).
 */
export function cardActionOptions(source: DataSource, resource: ResourceName, id: string) {
  const owner = { entityTypeId: entityTypeIdOf(resource) ?? 0, id };
  const meta = (...extra: QueryKey[]) => ({ invalidates: [cardKeys.card(resource, id), ...extra], silent: true });
  return {
    addComment: mutationOptions({
      mutationFn: (text: string) => addTimelineComment(source.client, owner, text),
      meta: meta(),
    }),
    addTask: mutationOptions({
      mutationFn: (input: BoundTaskInput) => addBoundTask(source.client, owner, input),
      // Task lists elsewhere (the task tab, the workspace) show it too.
      meta: meta(recordKeys.all('tasks')),
    }),
    scheduleMeeting: mutationOptions({
      mutationFn: (input: MeetingInput) => scheduleMeeting(source.client, owner, input),
      meta: meta(),
    }),
    // Nothing on the card changes: no refresh.
    notify: mutationOptions({
      mutationFn: ({ userId, message }: { userId: string; message: string }) =>
        notifyUser(source.client, userId, message),
      meta: { silent: true },
    }),
  };
}

/**
 * The card tab's quick actions: add a comment, a bound task, a linked meeting; notify someone.
 * @example const { addComment } = useCardActions('deals', '12'); addComment.mutate('Called, they agree.');
 */
export function useCardActions(resource: ResourceName, id: string) {
  const options = cardActionOptions(useDataSource(), resource, id);
  return {
    addComment: useMutation(options.addComment),
    addTask: useMutation(options.addTask),
    scheduleMeeting: useMutation(options.scheduleMeeting),
    notify: useMutation(options.notify),
  };
}
