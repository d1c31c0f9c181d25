import { Group, SegmentedControl, Title } from '@mantine/core';
import { useState } from 'react';
import type { Resource } from '../../data/types.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { RecordGrid } from './grid/record-grid.tsx';
import { KanbanBoard } from './kanban/kanban-board.tsx';
import { RecordCreate } from './record/record-create.tsx';
import { RecordDetail } from './record/record-detail.tsx';
import './section-locales.ts';

type View =
  { kind: 'list' } | { kind: 'kanban' } | { kind: 'detail'; id: string; from: 'list' | 'kanban' } | { kind: 'create' };

/** Resources whose records move through stages: deals and smart processes (pipelines), leads (statuses). */
export function hasBoard(resource: Resource): boolean {
  const id = resource.entityTypeId ?? 0;
  return id === 1 || id === 2 || id >= 128;
}

/**
 * One CRM resource in the workspace: its list (or board), a record's detail and the create form.
 * The workspace shell mounts one per resource (keyed by name), so switching resources starts afresh.
 */
export default function CrmSection({ resource }: { resource: Resource }) {
  const t = useT('crmSection');
  const lang = useLanguage();
  const [view, setView] = useState<View>({ kind: 'list' });
  const back: View = view.kind === 'detail' && view.from === 'kanban' ? { kind: 'kanban' } : { kind: 'list' };

  if (view.kind === 'detail')
    return (
      <RecordDetail resource={resource} id={view.id} onClose={() => setView(back)} onDeleted={() => setView(back)} />
    );
  if (view.kind === 'create')
    return (
      <RecordCreate
        resource={resource}
        onCreated={(id) => setView({ kind: 'detail', id, from: 'list' })}
        onCancel={() => setView({ kind: 'list' })}
      />
    );

  return (
    <>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2}>{resource.titles[lang]}</Title>
        {hasBoard(resource) ? (
          <SegmentedControl
            aria-label={t('view')}
            value={view.kind}
            onChange={(v) => setView(v === 'kanban' ? { kind: 'kanban' } : { kind: 'list' })}
            data={[
              { value: 'list', label: t('list') },
              { value: 'kanban', label: t('kanban') },
            ]}
          />
        ) : null}
      </Group>
      {view.kind === 'kanban' ? (
        <KanbanBoard resource={resource} onOpen={(id) => setView({ kind: 'detail', id, from: 'kanban' })} />
      ) : (
        <RecordGrid
          resource={resource}
          onOpen={(id) => setView({ kind: 'detail', id, from: 'list' })}
          onCreate={() => setView({ kind: 'create' })}
        />
      )}
    </>
  );
}
