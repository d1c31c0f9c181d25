import { Badge, Button, Group, Paper, Stack, Title } from '@mantine/core';
import IconArrowLeft from '@tabler/icons-react/icons/IconArrowLeft';
import { errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useFields } from '../../../data/query/get-fields.ts';
import type { Resource } from '../../../data/types.ts';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../../ui/states.tsx';
import { RecordForm } from '../form/record-form.tsx';
import './locales.ts';

export interface RecordCreateProps {
  resource: Resource;
  onCreated: (id: string) => void;
  onCancel: () => void;
}

/**
 * A new record of a resource: the same generated form as editing, required fields first, read-only fields
 * left out (the portal fills them). Only what the user filled in is sent; the portal applies its defaults
 * (stage, responsible, currency) to the rest.
 */
export function RecordCreate({ resource, onCreated, onCancel }: RecordCreateProps) {
  const t = useT('crmRecord');
  const lang = useLanguage();
  const fields = useFields(resource.name);

  if (fields.error)
    return (
      <ErrorState
        message={t(errorMessageKey(fields.error))}
        onRetry={() => void fields.refetch()}
        action={
          <Button variant="default" onClick={onCancel}>
            {t('back')}
          </Button>
        }
      />
    );
  if (fields.isPending) return <LoadingState />;

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="nowrap" align="center">
        <Button variant="subtle" px="xs" leftSection={<IconArrowLeft size={16} />} onClick={onCancel}>
          {t('back')}
        </Button>
        <Title order={2}>{t('newRecord')}</Title>
        <Badge variant="light" radius="sm">
          {resource.titles[lang]}
        </Badge>
      </Group>
      <Paper withBorder radius="md" p="md">
        <RecordForm
          resource={resource}
          fields={fields.data}
          mode="create"
          onDone={({ record }) => onCreated(record.id)}
          onCancel={onCancel}
        />
      </Paper>
    </Stack>
  );
}
