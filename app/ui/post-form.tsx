import { Alert, Button, Checkbox, Group, MultiSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import './post-form-locales.ts';
import { UserPicker, type PickerUser } from './user-picker.tsx';

export interface PostFormValues {
  title: string;
  message: string;
  /** Everyone in the company. */
  all: boolean;
  userIds: string[];
  departmentIds: string[];
  groupIds: string[];
}

/** A department or workgroup to choose; the label is portal text (shown as text). */
export interface AudienceOption {
  value: string;
  label: string;
}

export interface PostFormProps {
  departments: AudienceOption[];
  groups: AudienceOption[];
  /** The user picker's data (the data layer's `useUserSearch()`). */
  searchUsers: (query: string) => Promise<PickerUser[]>;
  resolveUsers?: (ids: string[]) => Promise<PickerUser[]>;
  /** The portal's own user dialog for the recipients (several users). */
  onPortalDialog?: () => Promise<string[] | null>;
  /** Prefilled fields, e.g. a sync report's title and text, or a department as recipient. */
  initial?: Partial<PostFormValues>;
  onSubmit: (values: PostFormValues) => void;
  onCancel?: () => void;
  submitting?: boolean;
  /** Why the last post failed (text). */
  error?: ReactNode;
}

const EMPTY: PostFormValues = { title: '', message: '', all: false, userIds: [], departmentIds: [], groupIds: [] };

/**
 * A post for the activity stream: title, text and who sees it — everyone, users, departments (with their
 * sub-departments), workgroups. Presentational: the caller posts (the data layer's `usePostToStream`,
 * with `postRecipients(values)` as recipients).
 * @example
 * <PostForm departments={deps} groups={groups} searchUsers={users.search} resolveUsers={users.resolve}
 *   submitting={post.isPending} onSubmit={(v) => post.mutate({ title: v.title, message: v.message, recipients: postRecipients(v) })} />
 */
export function PostForm({
  departments,
  groups,
  searchUsers,
  resolveUsers,
  onPortalDialog,
  initial,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: PostFormProps) {
  const t = useT('postForm');
  const [values, setValues] = useState<PostFormValues>({ ...EMPTY, ...initial });
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof PostFormValues>(key: K, value: PostFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const noMessage = values.message.trim() === '';
  const noAudience = !values.all && values.userIds.length + values.departmentIds.length + values.groupIds.length === 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (noMessage || noAudience || submitting) return;
    onSubmit({ ...values, title: values.title.trim(), message: values.message.trim() });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('title')}>
      <Stack gap="sm">
        <TextInput
          label={t('postTitle')}
          value={values.title}
          maxLength={255}
          onChange={(e) => set('title', e.currentTarget.value)}
          disabled={submitting}
        />
        <Textarea
          label={t('message')}
          required
          autosize
          minRows={4}
          maxRows={12}
          value={values.message}
          onChange={(e) => set('message', e.currentTarget.value)}
          error={touched && noMessage ? t('messageRequired') : undefined}
          disabled={submitting}
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('recipients')}
          </Text>
          <Checkbox
            label={t('all')}
            checked={values.all}
            onChange={(e) => set('all', e.currentTarget.checked)}
            disabled={submitting}
          />
          <UserPicker
            multiple
            label={t('users')}
            value={values.userIds}
            onChange={(ids) => set('userIds', ids)}
            search={searchUsers}
            resolve={resolveUsers}
            onPortalDialog={onPortalDialog}
            disabled={submitting}
          />
          <MultiSelect
            label={t('departments')}
            data={departments}
            value={values.departmentIds}
            onChange={(ids) => set('departmentIds', ids)}
            searchable
            clearable
            nothingFoundMessage={t('nothingFound')}
            disabled={submitting}
            comboboxProps={{ withinPortal: true }}
          />
          <MultiSelect
            label={t('groups')}
            data={groups}
            value={values.groupIds}
            onChange={(ids) => set('groupIds', ids)}
            searchable
            clearable
            nothingFoundMessage={t('nothingFound')}
            disabled={submitting}
            comboboxProps={{ withinPortal: true }}
          />
          {touched && noAudience ? (
            <Text size="sm" c="red" role="alert">
              {t('recipientsRequired')}
            </Text>
          ) : null}
        </Stack>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={submitting}>
              {t('cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={submitting}>
            {t('publish')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
