import { Alert, ColorSwatch, Group, Select, Stack, Text } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import IconInfoCircle from '@tabler/icons-react/icons/IconInfoCircle';
import { useState } from 'react';
import { errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useCategories } from '../../../data/query/get-categories.ts';
import { useStages } from '../../../data/query/get-stages.ts';
import type { Stage } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { ErrorState, LoadingState } from '../../../ui/states.tsx';
import type { BulkFormProps } from './bulk-dialog.tsx';
import { stageGroups, stagePlan, type StageGroup } from './bulk-model.ts';
import { FormFooter } from './form-footer.tsx';
import './locales.ts';

type T = ReturnType<typeof useT>;

/** A pipeline's name for a label: the portal's, or "Pipeline #1" for one without a name. */
function pipelineName(group: StageGroup, t: T): string {
  if (group.name) return group.name;
  const id = /_(\d+)$/.exec(group.key)?.[1];
  return id ? `${t('pipeline')} #${id}` : t('pipeline');
}

function StageSelect({
  label,
  description,
  placeholder,
  stages,
  value,
  onChange,
}: {
  label: string;
  description?: string;
  placeholder?: string;
  stages: Stage[];
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const colors = new Map(stages.map((s) => [s.id, s.color]));
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      data={stages.map((s) => ({ value: s.id, label: s.name }))}
      value={value}
      onChange={onChange}
      clearable={!!placeholder}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          <ColorSwatch color={colors.get(option.value) || 'transparent'} size={10} withShadow={false} aria-hidden />
          <span>{option.label}</span>
        </Group>
      )}
      maxDropdownHeight={260}
    />
  );
}

/**
 * A new stage for the selected records. A record can only move to a stage of its own pipeline (the
 * portal refuses others), so the records are grouped by pipeline and each pipeline offers only its own
 * stages; when the selection spans pipelines the user picks a stage per pipeline, or leaves a pipeline
 * as it is. Stages and pipelines are read in one batch (and are usually cached by the grid already).
 */
export function StageForm({ resource, ids, rows, onSubmit, onCancel }: BulkFormProps) {
  const t = useT('crmBulk');
  const stages = useStages(resource.name);
  const categories = useCategories(resource.name);
  const [chosen, setChosen] = useState<Record<string, string | null>>({});

  const failure = stages.error ?? categories.error;
  if (failure)
    return (
      <ErrorState
        message={t(errorMessageKey(failure))}
        onRetry={() => {
          void stages.refetch();
          void categories.refetch();
        }}
      />
    );
  if (stages.isPending || categories.isPending) return <LoadingState />;

  const groups = stageGroups(resource.entityTypeId ?? 0, rows, stages.data ?? [], categories.data ?? []);
  const plan = stagePlan(groups, chosen, ids);
  const count = plan.write.kind === 'update' ? plan.write.items.length : 0;
  const choose = (key: string) => (value: string | null) => setChosen((c) => ({ ...c, [key]: value }));

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('selectedRecords', { count: ids.length })}
      </Text>
      {groups.length > 1 ? (
        <Alert color="blue" icon={<IconInfoCircle size={18} />}>
          {t('manyPipelines', { count: groups.length })}
        </Alert>
      ) : null}
      {groups.length === 1 ? (
        <StageSelect
          label={t('stage')}
          description={groups[0]!.name ? t('onePipeline', { pipeline: groups[0]!.name }) : undefined}
          stages={groups[0]!.stages}
          value={chosen[groups[0]!.key] ?? null}
          onChange={choose(groups[0]!.key)}
        />
      ) : (
        groups.map((group) => (
          <StageSelect
            key={group.key}
            label={t('pipelineStage', { pipeline: pipelineName(group, t), count: group.ids.length })}
            placeholder={t('leaveAsIs')}
            stages={group.stages}
            value={chosen[group.key] ?? null}
            onChange={choose(group.key)}
          />
        ))
      )}
      {plan.missing.length > 0 ? (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
          {t('missing', { count: plan.missing.length })}
        </Alert>
      ) : null}
      <FormFooter
        submit={t('apply', { count })}
        disabled={count === 0}
        onSubmit={() => onSubmit(plan)}
        onCancel={onCancel}
      />
    </Stack>
  );
}
