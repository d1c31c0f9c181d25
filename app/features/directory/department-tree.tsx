import { ActionIcon, Group, Text, Tree, useTree, type TreeNodeData } from '@mantine/core';
import IconChevronRight from '@tabler/icons-react/icons/IconChevronRight';
import { useMemo } from 'react';
import type { DepartmentNode } from '../../data/providers/department-provider.ts';
import type { UserBrief } from '../../data/types.ts';
import { useT } from '../../i18n/index.ts';
import './locales.ts';

export interface DepartmentTreeProps {
  tree: DepartmentNode[];
  /** Heads of departments by user id (names as the portal has them). */
  heads: Record<string, UserBrief | null>;
  selected: string | null;
  onSelect: (departmentId: string) => void;
}

function toData(nodes: DepartmentNode[]): TreeNodeData[] {
  return nodes.map((n) => ({
    value: n.id,
    label: n.name,
    children: n.children.length ? toData(n.children) : undefined,
  }));
}

function indexOf(nodes: DepartmentNode[], into = new Map<string, DepartmentNode>()) {
  for (const n of nodes) {
    into.set(n.id, n);
    indexOf(n.children, into);
  }
  return into;
}

/**
 * The company structure as a tree (keyboard: arrows move and expand/collapse, Enter or a click chooses):
 * each department with its head. The roots start expanded.
 */
export function DepartmentTree({ tree, heads, selected, onSelect }: DepartmentTreeProps) {
  const t = useT('directory');
  const data = useMemo(() => toData(tree), [tree]);
  const byId = useMemo(() => indexOf(tree), [tree]);
  // Controlled selection: the section owns the chosen department (a click, Enter, or a card's department link).
  const controller = useTree({
    initialExpandedState: Object.fromEntries(tree.map((r) => [r.id, true])),
    selectedState: selected ? [selected] : [],
    onSelectedStateChange: (values) => {
      if (values[0] && values[0] !== selected) onSelect(values[0]);
    },
  });

  return (
    // Mantine's tree moves focus between its items (arrows, Space expands); Enter chooses the focused one.
    <div
      onKeyDown={(e) => {
        const item = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('[role=treeitem]') : null;
        if (e.key !== 'Enter' || !item?.dataset.value) return;
        e.preventDefault();
        onSelect(item.dataset.value);
      }}
    >
      <Tree
        data={data}
        tree={controller}
        expandOnClick={false}
        selectOnClick
        levelOffset="md"
        aria-label={t('people.structure')}
        renderNode={({ node, expanded, hasChildren, elementProps, tree: ctl }) => {
          const department = byId.get(node.value);
          const head = department?.headId ? heads[department.headId] : null;
          const name = department?.name ?? node.value;
          return (
            <Group
              gap={4}
              wrap="nowrap"
              {...elementProps}
              onClick={(e) => {
                elementProps.onClick(e);
                onSelect(node.value);
              }}
              py={4}
              style={{ ...elementProps.style, cursor: 'pointer', borderRadius: 'var(--mantine-radius-sm)' }}
            >
              {hasChildren ? (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  tabIndex={-1}
                  aria-label={t(expanded ? 'people.collapse' : 'people.expand', { name })}
                  onClick={(e) => {
                    e.stopPropagation();
                    ctl.toggleExpanded(node.value);
                  }}
                >
                  <IconChevronRight
                    size={14}
                    stroke={1.75}
                    style={{ transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }}
                  />
                </ActionIcon>
              ) : (
                <span style={{ width: 22, flexShrink: 0 }} />
              )}
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={selected === node.value ? 600 : 400} truncate>
                  {name}
                </Text>
                {head ? (
                  <Text size="xs" c="dimmed" truncate>
                    {t('people.head', { name: head.fullName })}
                  </Text>
                ) : null}
              </div>
            </Group>
          );
        }}
      />
    </div>
  );
}
