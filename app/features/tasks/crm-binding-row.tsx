import { Anchor, Badge, Group, Text } from '@mantine/core';
import { errorMessageKey, useRecord, type Resource } from '../../data/index.ts';
import { useFrame } from '../../b24/index.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { crmCardPath } from '../../ui/crm-path.ts';
import { recordTitle } from '../../ui/record-title.ts';
import type { CrmBinding } from './parse-crm-binding.ts';

/** One linked CRM item: its type and its name (read through useRecord), opening the card in a slider. */
export function CrmBindingRow({ binding, resource }: { binding: CrmBinding; resource: Resource | undefined }) {
  const t = useT('tasks');
  const lang = useLanguage();
  const frame = useFrame();
  const record = useRecord(binding.resource, binding.id);
  const title = record.data ? recordTitle(record.data, resource?.titleField ?? 'title') : null;
  return (
    <Group gap="sm" wrap="nowrap">
      <Badge variant="light" radius="sm" style={{ flexShrink: 0 }}>
        {resource ? resource.titles[lang] : binding.resource}
      </Badge>
      {record.error ? (
        <Text c="dimmed" title={t(errorMessageKey(record.error))}>
          {t('unreadable')} ({binding.code})
        </Text>
      ) : title === null ? (
        <Text c="dimmed">…</Text>
      ) : (
        <Anchor
          component="button"
          type="button"
          onClick={() => void frame.openPath(crmCardPath(binding.entityTypeId, binding.id)).catch(() => undefined)}
        >
          {title}
        </Anchor>
      )}
    </Group>
  );
}
