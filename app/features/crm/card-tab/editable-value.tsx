import { Group, Loader, UnstyledButton } from '@mantine/core';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import type { FieldMeta, RecordData, ResourceName } from '../../../data/types.ts';
import { localesReady, useT } from '../../../i18n/index.ts';
import '../locales.ts';

// The editor (inputs and the write) is fetched the first time a value is edited: reading a card carries
// none. Its chunk registers the form's strings; it shows once their translation is in.
const ValueEditor = lazy(() => import('./value-editor.tsx').then(async (m) => (await localesReady(), m)));

/** Fields a card may edit in place: writable after creation, with an input that fits in a row. */
export function isEditable(field: FieldMeta | undefined): field is FieldMeta {
  return !!field && !field.readOnly && !field.immutable && !['id', 'file', 'multi-field'].includes(field.kind);
}

export interface EditableValueProps {
  resource: ResourceName;
  record: RecordData;
  field: FieldMeta;
  /** The row's label, for the edit button's name ("Edit Amount"). */
  label: string;
  /** What the row shows while not editing. */
  children: ReactNode;
  /** The display is plain text: clicking it starts editing too (links and badges keep their own click). */
  textual: boolean;
}

/** A key fact the user can change where it stands: click the value (or the pencil) → its input (ValueEditor). */
export function EditableValue({ resource, record, field, label, children, textual }: EditableValueProps) {
  const t = useT('crm');
  const [editing, setEditing] = useState(false);
  const pencil = useRef<HTMLButtonElement>(null);

  if (editing)
    return (
      <Suspense fallback={<Loader size="xs" />}>
        <ValueEditor
          resource={resource}
          record={record}
          field={field}
          label={label}
          onClose={() => {
            setEditing(false);
            // Focus back where editing started, so the keyboard user is not lost.
            requestAnimationFrame(() => pencil.current?.focus());
          }}
        />
      </Suspense>
    );
  return (
    <Group gap={6} wrap="nowrap" align="center">
      {textual ? (
        <UnstyledButton onClick={() => setEditing(true)} style={{ overflowWrap: 'anywhere', textAlign: 'left' }}>
          {children}
        </UnstyledButton>
      ) : (
        children
      )}
      <UnstyledButton
        ref={pencil}
        aria-label={t('editField', { field: label })}
        title={t('editField', { field: label })}
        onClick={() => setEditing(true)}
        c="dimmed"
        style={{ display: 'inline-flex', flexShrink: 0 }}
      >
        <IconPencil size={14} stroke={1.75} aria-hidden />
      </UnstyledButton>
    </Group>
  );
}
