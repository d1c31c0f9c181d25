import { Alert } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import { useT } from '../../../i18n/index.ts';
import type { BulkFormProps } from './bulk-dialog.tsx';
import { FormFooter } from './form-footer.tsx';
import './locales.ts';

/**
 * Delete, after a confirmation that says it cannot be undone (crm.item.delete has no undo). Every
 * selected id is sent, including ones the portal no longer has: their "not found" counts as deleted.
 */
export function DeleteForm({ ids, onSubmit, onCancel }: BulkFormProps) {
  const t = useT('crmBulk');
  return (
    <>
      <Alert color="red" icon={<IconAlertTriangle size={18} />}>
        {t('deleteWarning', { count: ids.length })}
      </Alert>
      <FormFooter
        danger
        submit={t('deleteConfirm', { count: ids.length })}
        onSubmit={() => onSubmit({ write: { kind: 'delete', ids }, skipped: [], missing: [] })}
        onCancel={onCancel}
      />
    </>
  );
}
