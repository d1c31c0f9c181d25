import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import { useSaveSyncProfile } from '../../data/query/sync-profiles.ts';
import type { FeedEncoding } from '../../data/sync/decode.ts';
import type { DecimalMark } from '../../data/sync/numbers.ts';
import { PROFILE_NAME, type FeedSourceSpec, type SyncProfile } from '../../data/sync/sync-store.ts';
import { useT } from '../../i18n/index.ts';
import './locales.ts';
import { ResponsiblePicker } from './responsible-picker.tsx';

export interface ProfileFormProps {
  /** The profile to edit; null: a new catalog profile. */
  profile: SyncProfile | null;
  /** Names already taken (a new name must not be one of them). */
  taken: readonly string[];
  currencies: readonly string[];
  baseCurrency: string;
  onSaved: (profile: SyncProfile) => void;
  onClose: () => void;
}

const AUTO = 'auto';

/** `http(s)://…`, or empty. */
const isUrl = (text: string) => {
  if (!text.trim()) return true;
  try {
    return ['http:', 'https:'].includes(new URL(text.trim()).protocol);
  } catch {
    return false;
  }
};

/**
 * A catalog sync profile in a dialog: its name (the CLI's `--profile`), where the feed comes from and
 * how to read it (each part detected unless chosen), whether the feed is the whole catalog (products
 * missing from it are deactivated), the currency of prices without one, the schedule as text, and
 * who hears about each run. The column mapping is made in the mapping step and saved with it.
 */
export function ProfileForm({ profile, taken, currencies, baseCurrency, onSaved, onClose }: ProfileFormProps) {
  const t = useT('sync');
  const save = useSaveSyncProfile();
  const source = profile?.source ?? {};
  const [name, setName] = useState(profile?.name ?? '');
  const [location, setLocation] = useState(source.location ?? '');
  const [format, setFormat] = useState<string>(source.format ?? AUTO);
  const [encoding, setEncoding] = useState<string>(source.encoding ?? AUTO);
  const [delimiter, setDelimiter] = useState<string>(source.delimiter ?? AUTO);
  const [decimal, setDecimal] = useState<string>(source.decimal ?? AUTO);
  const [defaultCurrency, setDefaultCurrency] = useState<string | null>(profile?.defaultCurrency ?? null);
  const [fullFeed, setFullFeed] = useState(!!profile?.fullFeed);
  const [schedule, setSchedule] = useState(profile?.schedule ?? '');
  const [responsibleId, setResponsibleId] = useState<string | null>(profile?.responsibleId ?? null);
  const [postToStream, setPostToStream] = useState(!!profile?.postToStream);
  const [tried, setTried] = useState(false);

  const trimmed = name.trim();
  const errors = {
    name: !trimmed
      ? t('profiles.nameRequired')
      : !PROFILE_NAME.test(trimmed)
        ? t('profiles.nameInvalid')
        : trimmed !== profile?.name && taken.includes(trimmed)
          ? t('profiles.nameTaken')
          : undefined,
    location: isUrl(location) ? undefined : t('source.badUrl'),
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (errors.name || errors.location) return;
    const spec: FeedSourceSpec = {};
    if (location.trim()) spec.location = location.trim();
    if (format !== AUTO) spec.format = format as FeedSourceSpec['format'];
    if (encoding !== AUTO) spec.encoding = encoding as FeedEncoding;
    if (delimiter !== AUTO) spec.delimiter = delimiter === 'tab' ? '\t' : delimiter;
    if (decimal !== AUTO) spec.decimal = decimal as DecimalMark;
    const next: SyncProfile = {
      ...(profile ?? {}),
      name: trimmed,
      kind: 'catalog',
      source: spec,
      fullFeed,
      schedule: schedule.trim() || undefined,
      defaultCurrency: defaultCurrency ?? undefined,
      responsibleId: responsibleId ?? undefined,
      postToStream,
    };
    const saved = await save.mutateAsync({ profile: next, previousName: profile?.name }).catch(() => null);
    if (saved) onSaved(saved);
  };

  const autoLabel = t('reading.auto');
  return (
    <Modal opened onClose={onClose} title={profile ? t('profiles.editTitle') : t('profiles.newTitle')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('profiles.name')}
            description={t('profiles.nameHint')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={tried ? errors.name : undefined}
            data-autofocus
          />
          <TextInput
            label={t('profiles.location')}
            description={t('profiles.locationHint')}
            placeholder="https://erp.example.com/export/products.csv"
            value={location}
            onChange={(e) => setLocation(e.currentTarget.value)}
            error={tried ? errors.location : undefined}
          />
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Select
              label={t('reading.format')}
              data={[
                { value: AUTO, label: autoLabel },
                { value: 'csv', label: 'CSV' },
                { value: 'json', label: 'JSON' },
                { value: 'xml', label: 'XML' },
              ]}
              value={format}
              onChange={(v) => setFormat(v ?? AUTO)}
              allowDeselect={false}
            />
            <Select
              label={t('reading.delimiter')}
              data={[
                { value: AUTO, label: autoLabel },
                { value: ',', label: t('reading.delimiters.comma') },
                { value: ';', label: t('reading.delimiters.semicolon') },
                { value: 'tab', label: t('reading.delimiters.tab') },
                { value: '|', label: t('reading.delimiters.pipe') },
              ]}
              value={delimiter === '\t' ? 'tab' : delimiter}
              onChange={(v) => setDelimiter(v ?? AUTO)}
              allowDeselect={false}
            />
            <Select
              label={t('reading.encoding')}
              data={[
                { value: AUTO, label: autoLabel },
                { value: 'utf-8', label: 'UTF-8' },
                { value: 'windows-1252', label: 'Windows-1252' },
              ]}
              value={encoding}
              onChange={(v) => setEncoding(v ?? AUTO)}
              allowDeselect={false}
            />
            <Select
              label={t('reading.decimal')}
              data={[
                { value: AUTO, label: autoLabel },
                { value: '.', label: t('reading.decimals.point') },
                { value: ',', label: t('reading.decimals.comma') },
              ]}
              value={decimal}
              onChange={(v) => setDecimal(v ?? AUTO)}
              allowDeselect={false}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('profiles.defaultCurrency')}
              description={t('profiles.defaultCurrencyHint', { base: baseCurrency })}
              placeholder={baseCurrency}
              data={[...currencies]}
              value={defaultCurrency}
              onChange={setDefaultCurrency}
              clearable
              searchable
            />
            <TextInput
              label={t('profiles.schedule')}
              description={t('profiles.scheduleHint')}
              placeholder="0 6 * * *"
              value={schedule}
              onChange={(e) => setSchedule(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Checkbox
            label={t('profiles.fullFeed')}
            description={t('profiles.fullFeedHint')}
            checked={fullFeed}
            onChange={(e) => setFullFeed(e.currentTarget.checked)}
          />
          <ResponsiblePicker value={responsibleId} onChange={setResponsibleId} />
          <Checkbox
            label={t('responsible.stream')}
            checked={postToStream}
            onChange={(e) => setPostToStream(e.currentTarget.checked)}
          />
          {save.error ? (
            <Alert role="alert" color="red" title={t('profiles.saveFailed')}>
              {t(errorMessageKey(save.error))}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('profiles.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
