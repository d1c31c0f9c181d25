import { BitrixError, type B24Client } from '../../b24/index.ts';

/** Who sees a post: all employees, a user, a department (with its sub-departments) or a workgroup. */
export type PostRecipient = 'UA' | `U${number}` | `DR${number}` | `SG${number}`;

export interface PostAudience {
  /** Everyone in the company (`UA`). */
  all?: boolean;
  userIds?: readonly string[];
  departmentIds?: readonly string[];
  groupIds?: readonly string[];
}

export interface BlogPostInput {
  /** Optional; a post without one is a short message in the feed. */
  title?: string;
  /** BB-code is allowed; sent as typed. */
  message: string;
  recipients: readonly PostRecipient[];
}

const ids = (list: readonly string[] | undefined) => [...new Set(list ?? [])].filter((id) => /^[1-9]\d*$/.test(id));

/**
 * The destination codes `log.blogpost.add` takes for an audience, without duplicates.
 * @example postRecipients({ userIds: ['3'], departmentIds: ['2'], groupIds: ['5'] }) // ['U3', 'DR2', 'SG5']
 */
export function postRecipients(audience: PostAudience): PostRecipient[] {
  return [
    ...(audience.all ? (['UA'] as const) : []),
    ...ids(audience.userIds).map((id) => `U${id}` as PostRecipient),
    ...ids(audience.departmentIds).map((id) => `DR${id}` as PostRecipient),
    ...ids(audience.groupIds).map((id) => `SG${id}` as PostRecipient),
  ];
}

/**
 * Posts to the activity stream (live feed) as the current user; resolves with the post's id. An empty
 * recipient list is refused here: the portal would silently send the post to everyone.
 * @example await addBlogPost(client, { title: 'Prices', message: 'New price list is live.', recipients: ['DR2'] })
 */
export async function addBlogPost(client: B24Client, input: BlogPostInput): Promise<string> {
  const message = input.message.trim();
  if (!message) throw new BitrixError('ERROR_ARGUMENT', 'No message specified', 0, 'log.blogpost.add');
  const dest = [...new Set(input.recipients)];
  if (dest.length === 0) throw new BitrixError('ERROR_ARGUMENT', 'No recipients', 0, 'log.blogpost.add');
  const title = input.title?.trim() ?? '';
  const { result } = await client.call('log.blogpost.add', {
    POST_MESSAGE: message,
    ...(title ? { POST_TITLE: title } : {}),
    DEST: dest,
  });
  return String(result);
}
