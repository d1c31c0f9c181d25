import { Modal } from '@mantine/core';
import { useMemo } from 'react';
import { postRecipients } from '../../data/providers/blogpost-provider.ts';
import type { DepartmentNode } from '../../data/providers/department-provider.ts';
import { usePostToStream } from '../../data/query/blogpost.ts';
import { useDepartments } from '../../data/query/departments-tree.ts';
import { useGroupSearch } from '../../data/query/groups-list.ts';
import { useUserSearch } from '../../data/query/search-users.ts';
import { useT } from '../../i18n/index.ts';
import { PostForm, type AudienceOption, type PostFormValues } from '../../ui/post-form.tsx';
import { useErrorText } from './error-text.ts';
import './locales.ts';
import { usePortalUserDialog } from './portal-user-dialog.ts';

export interface PostDialogProps {
  opened: boolean;
  onClose: () => void;
  /** The post is in the stream (its id). */
  onPosted: (postId: string) => void;
  initial?: Partial<PostFormValues>;
}

/** Departments in tree order, each indented under its parent (names are portal text). */
function departmentOptions(nodes: DepartmentNode[]): AudienceOption[] {
  return nodes.flatMap((n) => [
    { value: n.id, label: `${'\u2003'.repeat(n.depth)}${n.name}` },
    ...departmentOptions(n.children),
  ]);
}

/** "Post to activity stream": title, text and recipients (everyone, employees, departments, workgroups). */
export function PostDialog({ opened, onClose, onPosted, initial }: PostDialogProps) {
  const t = useT('directory');
  return (
    <Modal opened={opened} onClose={onClose} title={t('post.title')} size="lg" centered>
      {/* The form's reads (departments, workgroups) start only when it opens. */}
      {opened ? <PostDialogForm onClose={onClose} onPosted={onPosted} initial={initial} /> : null}
    </Modal>
  );
}

function PostDialogForm({ onClose, onPosted, initial }: Omit<PostDialogProps, 'opened'>) {
  const errorText = useErrorText();
  const post = usePostToStream();
  const users = useUserSearch();
  const portalDialog = usePortalUserDialog(true);
  const departments = useDepartments();
  // The first 50 workgroups by name, searchable; a portal with more finds the others in the Workgroups section.
  const groups = useGroupSearch('');
  const departmentData = useMemo(() => departmentOptions(departments.data?.tree ?? []), [departments.data]);
  const groupData = useMemo(
    () => (groups.data?.pages[0]?.groups ?? []).map((g) => ({ value: g.id, label: g.name })),
    [groups.data],
  );
  return (
    <PostForm
      departments={departmentData}
      groups={groupData}
      searchUsers={users.search}
      resolveUsers={users.resolve}
      onPortalDialog={portalDialog}
      initial={initial}
      submitting={post.isPending}
      error={post.error ? errorText(post.error) : null}
      onCancel={onClose}
      onSubmit={(v) =>
        post.mutate(
          { title: v.title, message: v.message, recipients: postRecipients(v) },
          { onSuccess: (id) => onPosted(id) },
        )
      }
    />
  );
}
