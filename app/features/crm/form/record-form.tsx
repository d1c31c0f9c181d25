import { Alert, Button, Collapse, Divider, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { errorDetail, errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useCreateRecord } from '../../../data/query/create-record.ts';
import { ConflictError, useSaveRecord } from '../../../data/query/save-record.ts';
import type { FieldMeta, RecordData, Resource, ResourceName } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import '../record/locales.ts';
import { ConflictPanel } from './conflict-panel.tsx';
import { FieldInput } from './field-input.tsx';
import { isFilled } from './field-value.tsx';
import { formLayout, type FormMode, type SectionKey } from './form-layout.ts';
import { buildPatch, formValuesOf, type FormValue, type FormValues } from './form-values.ts';
import { fieldOfError } from './server-errors.ts';
import { validateForm } from './validate.ts';

/** What a finished save did, for the detail's undo: the fields sent, and the record before and after. */
export interface SaveOutcome {
  record: RecordData;
  /** The fields written (empty when nothing had to be). */
  patch: Record<string, unknown>;
  /** The record the write was checked against (what an undo puts back); null for a new record. */
  before: RecordData | null;
  /** The portal's values were taken over the user's (a conflict resolved that way). */
  tookPortal?: boolean;
}

export interface RecordFormProps {
  resource: Resource;
  fields: readonly FieldMeta[];
  mode: FormMode;
  /** Edit: the record as it was when editing began (never a newer copy: conflicts are found against it). */
  record?: RecordData;
  onDone: (outcome: SaveOutcome) => void;
  onCancel: () => void;
}

type Errors = Record<string, string>;

/**
 * A record's form, generated from the field metadata: key and required fields first, custom fields, then
 * the rest behind "more". Checked before sending (required, numbers, web addresses, e-mails, phones); only
 * changed fields are sent; a refusal that names a field shows under it; a conflict with an edit made in
 * the portal meanwhile is shown with both values to choose from.
 */
export function RecordForm({ resource, fields, mode, record, onDone, onCancel }: RecordFormProps) {
  const t = useT('crmRecord');
  const layout = useMemo(() => formLayout(resource, fields, mode), [resource, fields, mode]);
  const base = useMemo<Record<string, unknown>>(() => record ?? {}, [record]);
  const initial = useMemo(() => formValuesOf(layout.editable, base), [layout, base]);
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ error: ConflictError; patch: Record<string, unknown> } | null>(null);
  const [showMore, setShowMore] = useState(false);
  const save = useSaveRecord(resource.name);
  const create = useCreateRecord(resource.name);
  const busy = save.isPending || create.isPending;
  // The message sits at the top of a long form; bring it into view when it appears.
  const scrollHere = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (formError) void scrollHere.current?.scrollIntoView?.({ block: 'nearest' });
  }, [formError]);

  // Stable, so an input re-renders only when its own value or message changes (FormField is memoised).
  const set = useCallback((name: string, value: FormValue) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!(name in e)) return e;
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
  }, []);

  const refused = (error: unknown) => {
    const detail = errorDetail(error) ?? '';
    const field = detail ? fieldOfError(detail, layout.editable) : null;
    if (field) {
      setErrors((e) => ({ ...e, [field]: detail }));
      if (layout.sections.find((s) => s.key === 'more')?.fields.some((f) => f.name === field)) setShowMore(true);
      setFormError(t('refused'));
    } else setFormError(`${t('refused')} ${t(errorMessageKey(error))}${detail ? ` (${detail})` : ''}`);
  };

  const write = (patch: Record<string, unknown>, loaded: RecordData) =>
    save.mutate(
      { id: loaded.id, patch, loaded },
      {
        onSuccess: (saved) => onDone({ record: saved, patch, before: loaded }),
        onError: (error) => {
          if (error instanceof ConflictError) setConflict({ error, patch });
          else refused(error);
        },
      },
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setConflict(null);
    const problems = validateForm(layout.editable, values);
    if (Object.keys(problems).length > 0) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([name, key]) => [name, t(`invalid.${key}`)])));
      const more = layout.sections.find((s) => s.key === 'more');
      if (more?.fields.some((f) => problems[f.name])) setShowMore(true);
      setFormError(t('fixErrors'));
      return;
    }
    setErrors({});
    const patch = buildPatch(layout.editable, initial, values, base);
    if (mode === 'create') {
      create.mutate(patch, {
        onSuccess: (created) => onDone({ record: created, patch, before: null }),
        onError: refused,
      });
      return;
    }
    if (!record) return;
    if (Object.keys(patch).length === 0) {
      onDone({ record, patch, before: record });
      return;
    }
    write(patch, record);
  };

  const keepMine = () => {
    if (!conflict) return;
    write(conflict.patch, conflict.error.current);
  };
  const takePortal = () => {
    if (!conflict) return;
    const current = conflict.error.current;
    const theirs = new Set(conflict.error.conflicts.map((c) => c.field));
    const rest = Object.fromEntries(Object.entries(conflict.patch).filter(([k]) => !theirs.has(k)));
    if (Object.keys(rest).length === 0) onDone({ record: current, patch: {}, before: current, tookPortal: true });
    else write(rest, current);
  };

  const context = {
    categoryId: values.categoryId ?? base.categoryId,
    currencyId: values.currencyId ?? base.currencyId,
  };
  const input = (field: FieldMeta) => {
    const folded = Object.entries(layout.folded).find(([, host]) => host === field.name)?.[0];
    return (
      <FormField
        key={field.name}
        field={field}
        value={values[field.name]}
        error={errors[field.name] ?? (folded ? errors[folded] : undefined)}
        disabled={busy}
        resource={resource.name}
        // Only the inputs that depend on another field get its value, so the others stay memoised.
        categoryId={field.name === 'stageId' ? context.categoryId : undefined}
        currencyId={folded ? context.currencyId : undefined}
        folded={folded}
        onSet={set}
      />
    );
  };
  const wide = (f: FieldMeta) => f.kind === 'multi-field' || f.kind === 'text' || f.multiple;
  const grid = (list: FieldMeta[]) => (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {list.map((f) => (
        <div key={f.name} style={wide(f) ? { gridColumn: '1 / -1' } : undefined}>
          {input(f)}
        </div>
      ))}
    </SimpleGrid>
  );
  const heading = (key: SectionKey | 'readOnly') => (
    <Title order={4} mt="xs">
      {t(`sections.${key}`)}
    </Title>
  );
  const more = layout.sections.find((s) => s.key === 'more');
  const filledReadOnly = layout.readOnly.filter((f) => isFilled(f, base[f.name]));

  return (
    <form onSubmit={submit} noValidate aria-label={t(mode === 'create' ? 'newRecord' : 'edit')}>
      <Stack gap="md">
        {formError ? (
          <Alert ref={scrollHere} role="alert" color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
            {formError}
          </Alert>
        ) : null}
        {layout.sections.length === 0 ? <Text c="dimmed">{t('noFields')}</Text> : null}
        {layout.sections
          .filter((s) => s.key !== 'more')
          .map((s) => (
            <Stack key={s.key} gap="xs">
              {heading(s.key)}
              {grid(s.fields)}
            </Stack>
          ))}
        {more ? (
          <Stack gap="xs">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setShowMore((v) => !v)}
              style={{ alignSelf: 'flex-start' }}
              aria-expanded={showMore}
            >
              {showMore ? t('hideMore') : t('showMore', { count: more.fields.length + filledReadOnly.length })}
            </Button>
            <Collapse expanded={showMore}>
              <Stack gap="xs">
                {heading('more')}
                {grid(more.fields)}
                {filledReadOnly.length > 0 ? (
                  <>
                    {heading('readOnly')}
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
                      {filledReadOnly.map((f) => (
                        <FieldInput
                          key={f.name}
                          field={f}
                          value={base[f.name]}
                          onChange={() => undefined}
                          resource={resource.name}
                          context={context}
                        />
                      ))}
                    </SimpleGrid>
                  </>
                ) : null}
              </Stack>
            </Collapse>
          </Stack>
        ) : null}
        <Divider />
        {conflict ? (
          <ConflictPanel
            conflicts={conflict.error.conflicts}
            fields={fields}
            resource={resource.name}
            currencies={{
              original: base.currencyId,
              mine: conflict.patch.currencyId ?? base.currencyId,
              portal: conflict.error.current.currencyId,
            }}
            busy={busy}
            onKeepMine={keepMine}
            onTakePortal={takePortal}
          />
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={busy} disabled={!!conflict}>
            {mode === 'create' ? t('create') : t('save')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface FormFieldProps {
  field: FieldMeta;
  value: FormValue | undefined;
  error: string | undefined;
  disabled: boolean;
  resource: ResourceName;
  categoryId: unknown;
  currencyId: unknown;
  /** The field edited inside this one's input (`currencyId` with the amount). */
  folded: string | undefined;
  onSet: (name: string, value: FormValue) => void;
}

/** One input of the form; memoised, since a record form holds dozens and typing changes one. */
const FormField = memo(function FormField({
  field,
  value,
  error,
  disabled,
  resource,
  categoryId,
  currencyId,
  folded,
  onSet,
}: FormFieldProps) {
  return (
    <FieldInput
      field={field}
      value={value}
      onChange={(v) => onSet(field.name, v as FormValue)}
      {...(error ? { error } : {})}
      disabled={disabled}
      resource={resource}
      context={{ categoryId, currencyId }}
      {...(folded ? { onCurrencyChange: (c: string) => onSet(folded, c) } : {})}
    />
  );
});
