import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { errorDetail, errorMessageKey } from '../../data/index.ts';
import type { InstallPlan, InstallStep, StepOutcome } from '../../data/platform/index.ts';
import { useT } from '../../i18n/index.ts';
import { StepStatus } from './step-status.tsx';
import { useStepLabel } from './use-step-label.ts';

export interface StepListProps {
  plan: InstallPlan;
  /** Per-step results once the plan ran. */
  outcomes?: StepOutcome[];
  running?: boolean;
}

const ACTION_COLOR = { bind: 'blue', rebind: 'yellow', keep: 'gray', unbind: 'orange', options: 'blue' } as const;

/** The plan as a table: what happens to each tab and setting, and how it went. Portal texts render as text. */
export function StepList({ plan, outcomes, running = false }: StepListProps) {
  const t = useT('install');
  const label = useStepLabel(new Map(plan.smartProcesses.map((s) => [s.entityTypeId, s.title])));
  const outcomeOf = new Map(outcomes?.map((o) => [o.step.id, o]));
  const rows = plan.steps.flatMap((step): { id: string; step: InstallStep; name: string; detail: string }[] =>
    step.kind === 'options'
      ? Object.entries(step.options).map(([name, value]) => ({
          id: `option:${name}`,
          step,
          name: label.option(name),
          detail: String(value),
        }))
      : [{ id: step.id, step, name: label.placement(step.placement), detail: '' }],
  );
  return (
    <Stack gap="xs">
      <Table verticalSpacing="xs" data-testid="install-steps">
        <Table.Tbody>
          {rows.map(({ id, step, name, detail }) => {
            const outcome = outcomeOf.get(step.id);
            return (
              <Table.Tr key={id} data-step={id} data-state={outcome ? (outcome.ok ? 'done' : 'failed') : 'planned'}>
                <Table.Td>
                  <Text size="sm">{name}</Text>
                  {detail ? (
                    <Text size="xs" c="dimmed">
                      {detail}
                    </Text>
                  ) : null}
                  {outcome?.error ? (
                    <Text size="xs" c="red" role="alert">
                      {t(errorMessageKey(outcome.error))}
                      {errorDetail(outcome.error) ? ` (${errorDetail(outcome.error)})` : ''}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td w={170}>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Badge variant="light" color={ACTION_COLOR[step.kind]}>
                      {label.action(step)}
                    </Badge>
                    <StepStatus outcome={outcome} running={running} changes={step.kind !== 'keep'} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
