import { Badge, Button, Group, Notification, Paper, Stack, Title } from '@mantine/core';
import IconArrowBackUp from '@tabler/icons-react/icons/IconArrowBackUp';
import IconArrowLeft from '@tabler/icons-react/icons/IconArrowLeft';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useEffect, useState } from 'react';
import { errorDetail, errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useDeleteRecord } from '../../../data/query/delete-record.ts';
import { useFields } from '../../../data/query/get-fields.ts';
import { useRecord } from '../../../data/query/get-record.ts';
import { ConflictError, undoPatch, useSaveRecord } from '../../../data/query/save-record.ts';
import type { RecordData, Resource } from '../../../data/types.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { recordTitle } from '../../../ui/record-title.ts';
import { ErrorState, LoadingState } from '../../../ui/states.tsx';
import { RecordForm, type SaveOutcome } from '../form/record-form.tsx';
import { DeleteConfirm } from './delete-confirm.tsx';
import './locales.ts';
import { RecordFields } from './record-fields.tsx';
import { RelatedRecords } from './related-records.tsx';

export interface RecordDetailProps {
  resource: Resource;
  id: string;
  onClose: () => void;
  onDeleted: () => void;
}

/** What the notice under the heading says; an edit can be undone while it shows. */
type Notice =
  | { kind: 'saved'; fields: string[]; undo: { patch: Record<string, unknown>; before: RecordData; after: RecordData } }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

// Long enough to read and reach for Undo; the change stays undoable from the portal's history after.
const NOTICE_MS = 20_000;

/**
 * One record in the workspace: every field read-only (standard and custom), the related records, and Edit
 * (the generated form, with conflict detection), Delete (confirmed: the portal cannot restore it) and, after
 * an edit, Undo (writes the previous values of the changed fields back, unless the portal changed them since).
 */
export function RecordDetail({ resource, id, onClose, onDeleted }: RecordDetailProps) {
  const t = useT('crmRecord');
  const lang = useLanguage();
  const record = useRecord(resource.name, id);
  const fields = useFields(resource.name);
  // The record as editing began: conflicts are found against it, never against a newer copy.
  const [editing, setEditing] = useState<RecordData | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const remove = useDeleteRecord(resource.name);
  const save = useSaveRecord(resource.name);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  if (record.error && !record.data) {
    const key = errorMessageKey(record.error);
    const detail = errorDetail(record.error);
    const back = (
      <Button variant="default" onClick={onClose}>
        {t('back')}
      </Button>
    );
    if (key === 'errors:notFound') return <ErrorState message={t(key)} hint={t('goneHint')} action={back} />;
    return (
      <ErrorState
        message={detail ? `${t(key)} (${detail})` : t(key)}
        onRetry={() => void record.refetch()}
        action={back}
      />
    );
  }
  if (fields.error) {
    return <ErrorState message={t(errorMessageKey(fields.error))} onRetry={() => void fields.refetch()} />;
  }
  if (record.isPending || fields.isPending) return <LoadingState label={t('loading')} />;

  const data = record.data;
  const title = recordTitle(data, resource.titleField);
  const titleOf = (name: string) => fields.data.find((f) => f.name === name)?.title ?? name;

  const done = (outcome: SaveOutcome) => {
    setEditing(null);
    const changed = Object.keys(outcome.patch);
    if (outcome.tookPortal) setNotice({ kind: 'info', text: t('keptPortal') });
    else if (changed.length === 0 || !outcome.before) setNotice({ kind: 'info', text: t('nothingChanged') });
    else
      setNotice({
        kind: 'saved',
        fields: changed.map(titleOf),
        undo: { patch: outcome.patch, before: outcome.before, after: outcome.record },
      });
  };

  const undo = (u: { patch: Record<string, unknown>; before: RecordData; after: RecordData }) =>
    save.mutate(
      { id, patch: undoPatch(u.patch, u.before, u.after), loaded: u.after },
      {
        onSuccess: () => setNotice({ kind: 'info', text: t('undone') }),
        onError: (error) =>
          setNotice({
            kind: 'error',
            text:
              error instanceof ConflictError
                ? t('undoConflict')
                : t('undoFailed', { message: errorDetail(error) || t(errorMessageKey(error)) }),
          }),
      },
    );

  const confirmRemoval = () =>
    remove.mutate(id, {
      onSuccess: onDeleted,
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="nowrap" align="center" style={{ minWidth: 0 }}>
          <Button
            variant="subtle"
            px="xs"
            leftSection={<IconArrowLeft size={16} />}
            onClick={onClose}
            disabled={save.isPending || remove.isPending}
          >
            {t('back')}
          </Button>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          <Badge variant="light" radius="sm" style={{ flexShrink: 0 }}>
            {resource.titles[lang]}
          </Badge>
        </Group>
        {editing ? null : (
          <Group gap="xs">
            <Button
              leftSection={<IconPencil size={16} />}
              onClick={() => {
                setNotice(null);
                setConfirmDelete(false);
                setEditing(data);
              }}
            >
              {t('edit')}
            </Button>
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setConfirmDelete(true)}
            >
              {t('delete')}
            </Button>
          </Group>
        )}
      </Group>

      {confirmDelete && !editing ? (
        <DeleteConfirm
          title={title}
          busy={remove.isPending}
          error={
            remove.error
              ? `${t(errorMessageKey(remove.error))}${errorDetail(remove.error) ? ` (${errorDetail(remove.error)})` : ''}`
              : null
          }
          onConfirm={confirmRemoval}
          onCancel={() => {
            remove.reset();
            setConfirmDelete(false);
          }}
        />
      ) : null}

      {notice ? (
        <Notification
          role="status"
          withBorder
          color={notice.kind === 'error' ? 'red' : 'teal'}
          icon={notice.kind === 'error' ? undefined : <IconCheck size={18} />}
          onClose={() => setNotice(null)}
          closeButtonProps={{ 'aria-label': t('close') }}
        >
          <Group justify="space-between" gap="sm" wrap="nowrap">
            <span>{notice.kind === 'saved' ? t('saved', { fields: notice.fields.join(', ') }) : notice.text}</span>
            {notice.kind === 'saved' ? (
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconArrowBackUp size={16} />}
                loading={save.isPending}
                onClick={() => undo(notice.undo)}
              >
                {t('undo')}
              </Button>
            ) : null}
          </Group>
        </Notification>
      ) : null}

      {editing ? (
        <Paper withBorder radius="md" p="md">
          <RecordForm
            resource={resource}
            fields={fields.data}
            mode="edit"
            record={editing}
            onDone={done}
            onCancel={() => setEditing(null)}
          />
        </Paper>
      ) : (
        <>
          <RecordFields resource={resource} fields={fields.data} record={data} />
          <RelatedRecords resource={resource} record={data} />
        </>
      )}
    </Stack>
  );
}
