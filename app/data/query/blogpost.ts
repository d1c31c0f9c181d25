import { mutationOptions, useMutation } from '@tanstack/react-query';
import { addBlogPost, type BlogPostInput } from '../providers/blogpost-provider.ts';
import type { DataSource } from '../providers/data-source.ts';
import { useDataSource } from './data-context.ts';

/** Posting to the activity stream: nothing cached changes; the form shows the error (`silent`). */
export function postToStreamOptions(source: DataSource) {
  return mutationOptions({
    mutationKey: ['blogposts', 'add'],
    mutationFn: (input: BlogPostInput) => addBlogPost(source.client, input),
    meta: { silent: true },
  });
}

/**
 * Posts to the activity stream as the current user; resolves with the post's id. Sent once (an add is
 * never retried). Build `recipients` with `postRecipients({ all, userIds, departmentIds, groupIds })`.
 * @example
 * const post = usePostToStream();
 * await post.mutateAsync({ title: 'Prices', message: 'The new price list is live.', recipients: postRecipients({ all: true }) });
 */
export function usePostToStream() {
  return useMutation(postToStreamOptions(useDataSource()));
}
