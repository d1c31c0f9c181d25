import { Alert, Button, Checkbox, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useCreateGroup } from '../../data/query/groups-create.ts';
import { useT } from '../../i18n/index.ts';
import { useErrorText } from './error-text.ts';
import './locales.ts';

export interface CreateGroupDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (groupId: string) => void;
}

/** A new workgroup owned by the current user: name, description, project or not, visibility, joining. */
export function CreateGroupDialog({ opened, onClose, onCreated }: CreateGroupDialogProps) {
  const t = useT('directory');
  const errorText = useErrorText();
  const create = useCreateGroup();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [project, setProject] = useState(false);
  const [visible, setVisible] = useState(true);
  const [openToJoin, setOpenToJoin] = useState(false);
  const [touched, setTouched] = useState(false);

  const close = () => {
    create.reset();
    setName('');
    setDescription('');
    setProject(false);
    setVisible(true);
    setOpenToJoin(false);
    setTouched(false);
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!name.trim() || create.isPending) return;
    create.mutate(
      { name, description, project, visible, opened: openToJoin },
      {
        onSuccess: (id) => {
          close();
          onCreated(id);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('create.title')} centered>
      <form onSubmit={submit} noValidate aria-label={t('create.title')}>
        <Stack gap="sm">
          <TextInput
            label={t('create.name')}
            required
            maxLength={255}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={touched && !name.trim() ? t('create.nameRequired') : undefined}
            disabled={create.isPending}
            data-autofocus
          />
          <Textarea
            label={t('create.description')}
            autosize
            minRows={2}
            maxRows={6}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            disabled={create.isPending}
          />
          <Checkbox
            label={t('create.project')}
            checked={project}
            onChange={(e) => setProject(e.currentTarget.checked)}
            disabled={create.isPending}
          />
          <Checkbox
            label={t('create.visible')}
            checked={visible}
            onChange={(e) => setVisible(e.currentTarget.checked)}
            disabled={create.isPending}
          />
          <Checkbox
            label={t('create.opened')}
            checked={openToJoin}
            onChange={(e) => setOpenToJoin(e.currentTarget.checked)}
            disabled={create.isPending}
          />
          {create.error ? (
            <Alert color="red" variant="light" role="alert">
              {errorText(create.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t('create.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
