import { Box, Divider, Flex, NavLink, Paper, Stack, Text } from '@mantine/core';
import IconSettings from '@tabler/icons-react/icons/IconSettings';
import { useState, type ReactNode } from 'react';
import { useInitInfo } from '../../b24/index.ts';
import { errorMessageKey, useResources, type Resource } from '../../data/index.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';

const SETTINGS = 'settings';

/** The workspace's own sections besides CRM, in nav order, grouped under a heading each. */
export const SECTION_GROUPS = {
  work: ['tasks', 'calendar', 'people', 'groups'],
  data: ['storage', 'currency', 'catalog'],
} as const;
export type SectionKey = (typeof SECTION_GROUPS)[keyof typeof SECTION_GROUPS][number];

export interface WorkspaceProps {
  /** The settings screen, composed in by the placement handler (features never import each other). */
  settingsSlot: ReactNode;
  /** The screen of a CRM resource (the crm feature's section), composed in by the placement handler. */
  resourceSlot: (resource: Resource) => ReactNode;
  /** The other features' screens (tasks, calendar, people, …), composed in by the placement handler; a missing one has no nav entry. */
  sections?: Partial<Record<SectionKey, () => ReactNode>>;
}

/**
 * The left-menu launcher (DEFAULT): navigation over the portal's CRM resources and Settings, and the
 * selected resource's section (composed in as `resourceSlot`, mounted afresh per resource). The start
 * resource is the app option `kontor.workspace.resource`.
 */
export default function Workspace({ settingsSlot, resourceSlot, sections = {} }: WorkspaceProps) {
  const t = useT('workspace');
  const lang = useLanguage();
  const { appOptions } = useInitInfo();
  const resources = useResources();
  const [selected, setSelected] = useState<string | null>(null);

  if (resources.error) {
    return (
      <ErrorState
        message={`${t(errorMessageKey(resources.error))} ${t('resourcesFailed')}`}
        onRetry={() => void resources.refetch()}
      />
    );
  }
  if (resources.isPending) return <LoadingState />;

  const crm = resources.data.filter((r) => r.provider === 'crm.item');
  const preferred =
    typeof appOptions['kontor.workspace.resource'] === 'string' ? appOptions['kontor.workspace.resource'] : 'deals';
  const current = selected ?? (crm.some((r) => r.name === preferred) ? preferred : (crm[0]?.name ?? SETTINGS));
  const resource = crm.find((r) => r.name === current);
  const section = sections[current as SectionKey];
  const navLink = (key: string, label: string, icon?: ReactNode) => (
    <NavLink
      key={key}
      component="button"
      label={label}
      leftSection={icon}
      active={key === current}
      aria-current={key === current ? 'page' : undefined}
      onClick={() => setSelected(key)}
    />
  );

  return (
    <Flex gap="md" align="flex-start" p="md" bg="var(--mantine-color-gray-0)" direction={{ base: 'column', sm: 'row' }}>
      <Paper
        component="nav"
        aria-label={t('nav')}
        withBorder
        radius="md"
        p="xs"
        w={{ base: '100%', sm: 220 }}
        style={{ flexShrink: 0 }}
      >
        <Stack gap={2}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt={4}>
            {t('crm')}
          </Text>
          {crm.map((r) => navLink(r.name, r.titles[lang]))}
          {(Object.keys(SECTION_GROUPS) as (keyof typeof SECTION_GROUPS)[]).map((group) => {
            const keys = SECTION_GROUPS[group].filter((k) => sections[k]);
            if (keys.length === 0) return null;
            return (
              <Stack gap={2} key={group}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt={8}>
                  {t(group)}
                </Text>
                {keys.map((k) => navLink(k, t(k)))}
              </Stack>
            );
          })}
          <Divider my={4} />
          {navLink(SETTINGS, t('settings'), <IconSettings size={16} stroke={1.5} />)}
        </Stack>
      </Paper>
      <Paper component="main" withBorder radius="md" p="md" style={{ flex: 1, minWidth: 0 }} w="100%">
        <Box key={current}>{resource ? resourceSlot(resource) : section ? section() : settingsSlot}</Box>
      </Paper>
    </Flex>
  );
}
