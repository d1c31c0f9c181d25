import { TextInput } from '@mantine/core';
import { stageEntityIdOf } from '../../../data/providers/category-provider.ts';
import { useCategories } from '../../../data/query/get-categories.ts';
import { useCurrencies, useStatuses } from '../../../data/query/get-dictionaries.ts';
import { useStages } from '../../../data/query/get-stages.ts';
import { entityTypeIdOf } from '../../../data/resources/static-resources.ts';
import type { FieldMeta, ResourceName } from '../../../data/types.ts';
import { OptionSelect, type InputChrome } from './option-select.tsx';

export interface StatusInputProps extends InputChrome {
  field: FieldMeta;
  value: string | string[];
  onChange: (value: string | string[]) => void;
  resource?: ResourceName;
  /** The record's pipeline (its `categoryId` in the form): stages are offered from it only. */
  categoryId?: unknown;
}

/**
 * A dictionary value: a stage (of the record's pipeline), a pipeline, a currency or a `crm.status`
 * dictionary entry (`SOURCE`, `DEAL_TYPE`, …). A `crm_status` field without a dictionary is typed as text.
 */
export function StatusInput(props: StatusInputProps) {
  const { field, resource } = props;
  if (field.name === 'stageId' && resource) return <StageSelect {...props} resource={resource} />;
  if (field.type === 'crm_category' && resource) return <CategorySelect {...props} resource={resource} />;
  if (field.type === 'crm_currency') return <CurrencySelect {...props} />;
  if (field.statusType) return <DictionarySelect {...props} entityId={field.statusType} />;
  return (
    <TextInput
      label={props.label}
      aria-label={props.ariaLabel}
      withAsterisk={props.required}
      error={props.error}
      disabled={props.disabled}
      value={typeof props.value === 'string' ? props.value : props.value.join(', ')}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}

function StageSelect({ resource, categoryId, value, ...rest }: StatusInputProps & { resource: ResourceName }) {
  const stages = useStages(resource);
  const categories = useCategories(resource);
  const entityTypeId = entityTypeIdOf(resource) ?? 0;
  const current = typeof value === 'string' ? value : '';
  const all = stages.data ?? [];
  // The pipeline: the form's categoryId, else the current stage's, else the default pipeline.
  const hasCategory = categoryId !== undefined && categoryId !== null && categoryId !== '';
  const dictionary = hasCategory
    ? stageEntityIdOf(entityTypeId, String(categoryId))
    : (all.find((s) => s.id === current)?.entityId ??
      categories.data?.find((c) => c.isDefault)?.stageEntityId ??
      all[0]?.entityId);
  const data = all.filter((s) => s.entityId === dictionary).map((s) => ({ value: s.id, label: s.name }));
  return <OptionSelect {...rest} value={value} multiple={false} data={data} loading={stages.isPending} />;
}

function CategorySelect({ resource, value, ...rest }: StatusInputProps & { resource: ResourceName }) {
  const categories = useCategories(resource);
  const data = (categories.data ?? []).filter((c) => !c.implicit).map((c) => ({ value: c.id, label: c.name || c.id }));
  return <OptionSelect {...rest} value={value} multiple={false} data={data} loading={categories.isPending} />;
}

function CurrencySelect({ value, field, ...rest }: StatusInputProps) {
  const currencies = useCurrencies();
  const data = (currencies.data ?? []).map((c) => ({ value: c.id, label: c.name ? `${c.id} – ${c.name}` : c.id }));
  return <OptionSelect {...rest} value={value} multiple={field.multiple} data={data} loading={currencies.isPending} />;
}

function DictionarySelect({ value, field, entityId, ...rest }: StatusInputProps & { entityId: string }) {
  const statuses = useStatuses(entityId);
  const data = (statuses.data ?? []).map((s) => ({ value: s.id, label: s.value }));
  return <OptionSelect {...rest} value={value} multiple={field.multiple} data={data} loading={statuses.isPending} />;
}
