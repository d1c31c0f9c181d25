import { Box, Divider, Flex, NavLink, Paper, Stack, Text } from '@mantine/core';
import IconSettings from '@tabler/icons-react/icons/IconSettings';
import { useState, type ReactNode } from 'react';
import { useInitInfo } from '../../b24/index.ts';
import { errorMessageKey, useResources, type Resource } from '../../data/index.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';

const SETTINGS = 'settings';

export interface WorkspaceProps {
  /** The settings screen, composed in by the placement handler (features never import each other). */
  settingsSlot: ReactNode;
  /** The screen of a CRM resource (the crm feature's section), composed in by the placement handler. */
  resourceSlot: (resource: Resource) => ReactNode;
}

/**
 * The left-menu launcher (DEFAULT): navigation over the portal's CRM resources and Settings, and the
 * selected resource's first page. The start resource is the app option `kontor.workspace.resource`.
 */
export default function Workspace({ settingsSlot, resourceSlot }: WorkspaceProps) {
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
          {crm.map((r) => (
            <NavLink
              key={r.name}
              component="button"
              label={r.titles[lang]}
              active={r.name === current}
              aria-current={r.name === current ? 'page' : undefined}
              onClick={() => setSelected(r.name)}
            />
          ))}
          <Divider my={4} />
          <NavLink
            component="button"
            label={t('settings')}
            leftSection={<IconSettings size={16} stroke={1.5} />}
            active={current === SETTINGS}
            aria-current={current === SETTINGS ? 'page' : undefined}
            onClick={() => setSelected(SETTINGS)}
          />
        </Stack>
      </Paper>
      <Paper component="main" withBorder radius="md" p="md" style={{ flex: 1, minWidth: 0 }} w="100%">
        <Box key={resource?.name ?? SETTINGS}>{resource ? resourceSlot(resource) : settingsSlot}</Box>
      </Paper>
    </Flex>
  );
}
