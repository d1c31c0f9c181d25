import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Pill,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useState, type FormEvent } from 'react';
import { useFrame } from '../../b24/index.ts';
import type { ChecklistDraft, ChecklistItem, TaskInput } from '../../data/providers/task-items.ts';
import { useRecord } from '../../data/query/get-record.ts';
import { useUserSearch } from '../../data/query/search-users.ts';
import { useCurrentUser } from '../../data/query/task-current-user.ts';
import { useTask, useTaskChecklist } from '../../data/query/task-detail.ts';
import { useSaveTask } from '../../data/query/task-write.ts';
import type { RecordData } from '../../data/types.ts';
import { useT } from '../../i18n/index.ts';
import { recordTitle } from '../../ui/record-title.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { UserPicker } from '../../ui/user-picker.tsx';
import './card-locales.ts';
import { CrmRecordPicker } from './crm-record-picker.tsx';
import { GroupSelect } from './group-select.tsx';
import { parseCrmBinding } from './parse-crm-binding.ts';
import { bindingCodes, fromLocalInput, joinedGroup, messageOf, toLocalInput } from './task-view.ts';

const EMPTY: TaskInput = {
  title: '',
  description: '',
  responsibleId: '',
  accomplices: [],
  auditors: [],
  deadline: '',
  priority: '1',
  groupId: '',
  crm: [],
};

const ids = (v: unknown) => (Array.isArray(v) ? v.map(String).filter((x) => /^[1-9]\d*$/.test(x)) : []);

/** A task as the form edits it. */
export function inputOf(task: RecordData): TaskInput {
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return {
    title: text(task.title),
    description: text(task.description),
    responsibleId: text(task.responsibleId),
    accomplices: ids(task.accomplices),
    auditors: ids(task.auditors),
    deadline: text(task.deadline),
    priority: ['0', '1', '2'].includes(text(task.priority)) ? text(task.priority) : '1',
    groupId: text(task.groupId) === '0' ? '' : text(task.groupId),
    crm: bindingCodes(task),
  };
}

export interface TaskFormProps {
  /** Leave out to create a task. */
  id?: string;
  /** A CRM record a new task starts bound to (`D_12`). */
  crm?: string;
  onSaved: (id: string) => void;
  onCancel: () => void;
}

/** Creates or edits a task: loads the task and its checklist first when editing. */
export function TaskForm({ id, crm, onSaved, onCancel }: TaskFormProps) {
  const t = useT('taskCard');
  const task = useTask(id ?? '');
  const checklist = useTaskChecklist(id ?? '');
  const me = useCurrentUser();
  if (!id) {
    if (me.isPending) return <LoadingState />;
    return (
      <TaskFormFields
        initial={{ ...EMPTY, responsibleId: me.data?.id ?? '', crm: crm ? [crm] : [] }}
        checklistBefore={[]}
        onSaved={onSaved}
        onCancel={onCancel}
      />
    );
  }
  const failed = task.error ?? checklist.error;
  if (failed)
    return (
      <ErrorState
        message={messageOf(t, failed)}
        onRetry={() => void Promise.all([task.refetch(), checklist.refetch()])}
      />
    );
  if (!task.data || !checklist.data) return <LoadingState label={t('loading')} />;
  const group = joinedGroup(task.data);
  return (
    <TaskFormFields
      id={id}
      initial={inputOf(task.data)}
      checklistBefore={checklist.data}
      knownGroups={group ? [group] : []}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

interface FieldsProps {
  id?: string;
  initial: TaskInput;
  checklistBefore: ChecklistItem[];
  knownGroups?: { id: string; name: string }[];
  onSaved: (id: string) => void;
  onCancel: () => void;
}

/** One CRM binding in the form: its record's name (read through the data layer) and a remove button. */
function BindingPill({ code, onRemove }: { code: string; onRemove: () => void }) {
  const t = useT('taskCard');
  const binding = parseCrmBinding(code);
  const record = useRecord(binding?.resource ?? 'deals', binding?.id ?? '');
  const title =
    binding && record.data ? recordTitle(record.data, binding.entityTypeId === 3 ? 'lastName' : 'title') : code;
  return (
    <Pill withRemoveButton onRemove={onRemove} removeButtonProps={{ 'aria-label': t('removeBinding', { title }) }}>
      {title}
    </Pill>
  );
}

function TaskFormFields({ id, initial, checklistBefore, knownGroups = [], onSaved, onCancel }: FieldsProps) {
  const t = useT('taskCard');
  const users = useUserSearch();
  const frame = useFrame();
  const save = useSaveTask({ silent: true });
  const [values, setValues] = useState<TaskInput>(initial);
  const [deadline, setDeadline] = useState(toLocalInput(initial.deadline));
  const [items, setItems] = useState<ChecklistDraft[]>(
    checklistBefore.map((i) => ({ id: i.id, title: i.title, done: i.done })),
  );
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState(0);
  const set = (patch: Partial<TaskInput>) => setValues((v) => ({ ...v, ...patch }));

  const errors = {
    title: values.title.trim() ? undefined : t('titleRequired'),
    responsibleId: values.responsibleId ? undefined : t('responsibleRequired'),
  };
  const pickUsers = async () => (await frame.selectUsers()).map((u) => u.id);
  const pickUser = async () => {
    const user = await frame.selectUser();
    return user ? [user.id] : null;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (errors.title || errors.responsibleId) return;
    const input = { ...values, deadline: fromLocalInput(deadline) };
    const variables = id
      ? { mode: 'update' as const, id, input, previous: initial, checklist: items, checklistBefore }
      : { mode: 'create' as const, input, checklist: items };
    save.mutate(variables, {
      onSuccess: (result) => {
        if (result.refusedItems > 0) setRefused(result.refusedItems);
        else onSaved(result.id);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={id ? t('editTitle') : t('createTitle')}>
      <Stack gap="md">
        <Title order={2}>{id ? t('editTitle') : t('createTitle')}</Title>
        {save.error ? (
          <Alert color="red" title={t('saveFailed')}>
            {messageOf(t, save.error)}
          </Alert>
        ) : null}
        {refused > 0 ? (
          <Alert color="yellow" title={t('savedWithGaps')}>
            <Text size="sm">{t('refusedItems', { count: refused })}</Text>
            <Button mt="xs" size="xs" variant="light" onClick={() => onSaved(save.data?.id ?? id ?? '')}>
              {t('openTask')}
            </Button>
          </Alert>
        ) : null}
        <TextInput
          label={t('title')}
          required
          value={values.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={tried ? errors.title : undefined}
          data-autofocus
        />
        <Textarea
          label={t('description')}
          description={t('bbcodeHint')}
          rows={5}
          resize="vertical"
          value={values.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <UserPicker
            label={t('responsible')}
            required
            value={values.responsibleId || null}
            onChange={(v) => set({ responsibleId: v ?? '' })}
            error={tried ? errors.responsibleId : undefined}
            search={users.search}
            resolve={users.resolve}
            onPortalDialog={pickUser}
          />
          <TextInput
            type="datetime-local"
            label={t('deadline')}
            value={deadline}
            onChange={(e) => setDeadline(e.currentTarget.value)}
          />
          <UserPicker
            multiple
            label={t('accomplices')}
            value={values.accomplices}
            onChange={(v) => set({ accomplices: v })}
            search={users.search}
            resolve={users.resolve}
            onPortalDialog={pickUsers}
          />
          <UserPicker
            multiple
            label={t('auditors')}
            value={values.auditors}
            onChange={(v) => set({ auditors: v })}
            search={users.search}
            resolve={users.resolve}
            onPortalDialog={pickUsers}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('priority')}
            </Text>
            <SegmentedControl
              aria-label={t('priority')}
              value={values.priority}
              onChange={(priority) => set({ priority })}
              data={['0', '1', '2'].map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
            />
          </Stack>
          <GroupSelect
            label={t('group')}
            value={values.groupId}
            onChange={(groupId) => set({ groupId })}
            known={knownGroups}
          />
        </SimpleGrid>
        <Paper withBorder radius="md" p="sm" component="section" aria-label={t('crmItems')}>
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('crmItems')}
            </Text>
            {values.crm.length > 0 ? (
              <Group gap={6}>
                {values.crm.map((code) => (
                  <BindingPill
                    key={code}
                    code={code}
                    onRemove={() => set({ crm: values.crm.filter((c) => c !== code) })}
                  />
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('noCrmItems')}
              </Text>
            )}
            <CrmRecordPicker
              label={t('bindCrm')}
              exclude={values.crm}
              onPick={(code) => {
                if (code && !values.crm.includes(code)) set({ crm: [...values.crm, code] });
              }}
            />
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="sm" component="section" aria-label={t('checklist')}>
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('checklist')}
            </Text>
            {items.map((item, index) => (
              <Group key={item.id ?? `new-${index}`} gap="xs" wrap="nowrap">
                <Checkbox
                  aria-label={t('itemDone', { title: item.title || t('itemPlaceholder') })}
                  checked={item.done}
                  onChange={(e) => {
                    const done = e.currentTarget.checked;
                    setItems((list) => list.map((x, k) => (k === index ? { ...x, done } : x)));
                  }}
                />
                <TextInput
                  aria-label={t('itemTitle', { n: index + 1 })}
                  placeholder={t('itemPlaceholder')}
                  value={item.title}
                  onChange={(e) => {
                    const title = e.currentTarget.value;
                    setItems((list) => list.map((x, k) => (k === index ? { ...x, title } : x)));
                  }}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('removeItem', { title: item.title || t('itemPlaceholder') })}
                  onClick={() => setItems((list) => list.filter((_, k) => k !== index))}
                >
                  <IconTrash size={16} stroke={1.5} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => setItems((list) => [...list, { title: '', done: false }])}
              >
                {t('addItem')}
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {id ? t('save') : t('create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
