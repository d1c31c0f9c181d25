import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import IconChartFunnel from '@tabler/icons-react/icons/IconChartFunnel';
import { useId } from 'react';
import { useLanguage, useT } from '../../../i18n/index.ts';
import { formatSums, funnelOf, type StageColumn } from './board-model.ts';
import './locales.ts';

/**
 * The funnel of a pipeline: a bar per open stage (and the won stage last), as wide as the share of
 * records that reached it, in the stage's colour, with its counts, amounts and the conversion from
 * the step before written out — plain HTML, so screen readers read it as a list.
 */
export function StageFunnel({ columns }: { columns: readonly StageColumn[] }) {
  const t = useT('crmKanban');
  const lang = useLanguage();
  const headingId = useId();
  const { steps, lost } = funnelOf(columns);
  const widest = Math.max(1, ...steps.map((s) => s.reached));
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="md">
      <Group gap="xs" mb={4}>
        <IconChartFunnel size={18} stroke={1.5} aria-hidden />
        <Title order={3} size="h4" id={headingId}>
          {t('funnel')}
        </Title>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('funnelHint')}
      </Text>
      {steps.every((s) => s.reached === 0) ? (
        <Text size="sm" c="dimmed">
          {t('funnelEmpty')}
        </Text>
      ) : (
        <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {steps.map((step) => {
            const sums = formatSums(step.sums, lang);
            return (
              <Box component="li" key={step.stage.id} data-stage-id={step.stage.id}>
                <Group gap="sm" wrap="nowrap" align="center">
                  <Text size="sm" fw={500} w={160} truncate title={step.stage.name} style={{ flexShrink: 0 }}>
                    {step.stage.name}
                  </Text>
                  <Box
                    aria-hidden
                    style={{
                      flex: 1,
                      minWidth: 60,
                      height: 20,
                      background: 'var(--mantine-color-gray-1)',
                      borderRadius: 4,
                    }}
                  >
                    <Box
                      style={{
                        width: `${(step.reached / widest) * 100}%`,
                        minWidth: step.reached > 0 ? 3 : 0,
                        height: '100%',
                        borderRadius: 4,
                        background: step.stage.color || 'var(--mantine-color-blue-5)',
                      }}
                    />
                  </Box>
                </Group>
                <Text size="xs" c="dimmed" pl={172}>
                  {[
                    t('reached', { count: step.reached }),
                    t('inStage', { count: step.count }),
                    sums,
                    step.conversion === null ? '' : t('conversion', { percent: percent.format(step.conversion) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Box>
            );
          })}
        </Stack>
      )}
      {lost > 0 ? (
        <Text size="sm" mt="sm">
          {t('lost', { count: lost })}
        </Text>
      ) : null}
    </Paper>
  );
}
