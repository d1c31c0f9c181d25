import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/index.ts';
import './locales.ts';

/** The buttons under every bulk form: cancel, and the action that starts the run. */
export function FormFooter({
  submit,
  disabled,
  danger,
  onSubmit,
  onCancel,
}: {
  submit: ReactNode;
  disabled?: boolean;
  danger?: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const t = useT('crmBulk');
  return (
    <Group justify="flex-end" gap="xs" mt="md">
      <Button variant="default" onClick={onCancel}>
        {t('cancel')}
      </Button>
      <Button color={danger ? 'red' : undefined} disabled={disabled} onClick={onSubmit}>
        {submit}
      </Button>
    </Group>
  );
}
