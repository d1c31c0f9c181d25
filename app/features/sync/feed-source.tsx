import { Alert, Button, FileInput, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import IconCloudDownload from '@tabler/icons-react/icons/IconCloudDownload';
import IconUpload from '@tabler/icons-react/icons/IconUpload';
import IconWorldOff from '@tabler/icons-react/icons/IconWorldOff';
import { useState } from 'react';
import { assertFeedSize } from '../../data/sync/decode.ts';
import { FeedRefused, type FeedError } from '../../data/sync/feed-error.ts';
import { fetchFeed, type FeedFile } from '../../data/sync/load-feed.ts';
import { useT } from '../../i18n/index.ts';
import { FeedErrors } from './feed-errors.tsx';
import './locales.ts';

export type FeedOrigin = 'file' | 'url';

export interface FeedSourceProps {
  /** File types offered in the file chooser (`.xml,.json,.csv`). */
  accept: string;
  /** The profile's URL, offered first when there is one. */
  defaultUrl?: string;
  disabled?: boolean;
  /** A feed read in full (size checked first); `url` when it was fetched. */
  onLoad: (feed: FeedFile, url: string | null) => void;
}

/** `https://…` or `http://…`, else null. */
function httpUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A fetch that failed without an HTTP answer: in a browser that is almost always CORS (or mixed content). */
const isBlocked = (e: FeedError) => e.code === 'FETCH_FAILED' && !/answered HTTP \d+/.test(e.message);

/**
 * Where a feed comes from: a file the user chooses, or a URL fetched by the browser. A file over the
 * size limit is refused before it is read; a URL the browser may not read (CORS) is explained with what
 * to do instead.
 */
export function FeedSource({ accept, defaultUrl, disabled, onLoad }: FeedSourceProps) {
  const t = useT('sync');
  const [origin, setOrigin] = useState<FeedOrigin>(defaultUrl ? 'url' : 'file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState(defaultUrl ?? '');
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<FeedRefused | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);

  const readFile = async (chosen: File | null) => {
    setFile(chosen);
    setRefused(null);
    if (!chosen) return;
    try {
      assertFeedSize(chosen.size);
      setBusy(true);
      onLoad({ bytes: new Uint8Array(await chosen.arrayBuffer()), name: chosen.name }, null);
    } catch (e) {
      if (e instanceof FeedRefused) setRefused(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  const fetchUrl = async () => {
    setRefused(null);
    const target = httpUrl(url);
    setUrlError(target ? null : t('source.badUrl'));
    if (!target) return;
    setBusy(true);
    try {
      onLoad(await fetchFeed(target), target);
    } catch (e) {
      if (e instanceof FeedRefused) setRefused(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  const blocked = refused?.errors.find(isBlocked);
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('source.label')}
        value={origin}
        onChange={(v) => setOrigin(v === 'url' ? 'url' : 'file')}
        data={[
          { value: 'file', label: t('source.file') },
          { value: 'url', label: t('source.url') },
        ]}
        disabled={disabled}
        w="fit-content"
      />
      {origin === 'file' ? (
        <FileInput
          label={t('source.fileLabel')}
          description={t('source.fileHint', { types: accept.replaceAll(',', ', ') })}
          placeholder={t('source.filePlaceholder')}
          accept={accept}
          value={file}
          onChange={(f) => void readFile(f)}
          leftSection={<IconUpload size={16} />}
          disabled={disabled || busy}
          clearable
          maw={480}
        />
      ) : (
        <Group align="flex-end" gap="sm" wrap="nowrap" maw={720}>
          <TextInput
            label={t('source.urlLabel')}
            description={t('source.urlHint')}
            placeholder="https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && void fetchUrl()}
            error={urlError}
            disabled={disabled || busy}
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            leftSection={<IconCloudDownload size={16} />}
            onClick={() => void fetchUrl()}
            loading={busy}
            disabled={disabled}
          >
            {t('source.fetch')}
          </Button>
        </Group>
      )}
      {blocked ? (
        <Alert
          role="alert"
          color="orange"
          variant="light"
          icon={<IconWorldOff size={18} />}
          title={t('source.blockedTitle')}
        >
          <Stack gap={4}>
            <Text size="sm">{t('source.blocked', { url: blocked.value ?? url })}</Text>
            <Text size="sm">{t('source.blockedWhatToDo')}</Text>
            <Text size="xs" c="dimmed">
              {blocked.message}
            </Text>
          </Stack>
        </Alert>
      ) : refused ? (
        <FeedErrors errors={refused.errors} more={refused.more} title={t('source.refusedTitle')} />
      ) : null}
    </Stack>
  );
}
