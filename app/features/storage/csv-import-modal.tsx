import { Alert, Button, FileButton, Group, List, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import IconFileUpload from '@tabler/icons-react/icons/IconFileUpload';
import { useRef, useState } from 'react';
import type { WriteProgress } from '../../data/storage/storage-provider.ts';
import { decodeCsv, NAME_COLUMN, parseItemsCsv, type CsvProblem, type CsvRow } from '../../data/storage/storage-csv.ts';
import { useImportItems, type ImportResult } from '../../data/storage/storage-writes.ts';
import type { StorageDetail } from '../../data/storage/types.ts';
import { useT } from '../../i18n/index.ts';
import { useErrorText } from './error-text.ts';
import './locales.ts';

/** Files above this are refused before they are read: entity storages are not meant for bulk data. */
export const MAX_CSV_BYTES = 10 * 1024 * 1024;
/** Problems listed on screen; the count says how many more there are. */
const SHOWN_PROBLEMS = 200;

export interface CsvImportModalProps {
  storage: StorageDetail;
  /** The section the imported items go into (the grid's filter), or null. */
  sectionId: string | null;
  sectionName: string | null;
  onClose: () => void;
}

type Checked = { file: string; problems: CsvProblem[] } | { file: string; rows: CsvRow[] };

/** Line ranges for a message: `4–6, 9`. */
function lineList(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    out.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j + 1;
  }
  return out.join(', ');
}

/**
 * Imports a CSV file into a storage. The whole file is checked first (columns, every row's name and
 * values by type; papaparse reads it, the delimiter is detected): if any row is bad, the problems are
 * listed with line, column and value and nothing is written. A good file is written 50 items a request
 * with a progress bar and can be cancelled between requests; the result says what was and was not written.
 */
export function CsvImportModal({ storage, sectionId, sectionName, onClose }: CsvImportModalProps) {
  const t = useT('storage');
  const errorText = useErrorText();
  const run = useImportItems(storage.entity);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [progress, setProgress] = useState<WriteProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = run.isPending;
  const writable = storage.properties.filter((p) => !p.readOnly);

  const pick = async (file: File | null) => {
    if (!file) return;
    setResult(null);
    setProgress(null);
    run.reset();
    if (file.size > MAX_CSV_BYTES) {
      setChecked({ file: file.name, problems: [{ line: 0, field: '', value: String(file.size), kind: 'tooLarge' }] });
      return;
    }
    const decoded = decodeCsv(await file.arrayBuffer());
    if (!decoded.ok) {
      setChecked({ file: file.name, problems: [decoded.problem] });
      return;
    }
    const parsed = parseItemsCsv(decoded.text, storage.properties, sectionId);
    setChecked(parsed.ok ? { file: file.name, rows: parsed.rows } : { file: file.name, problems: parsed.problems });
  };

  const start = () => {
    if (!checked || !('rows' in checked) || running) return;
    abort.current = new AbortController();
    run.mutate(
      { rows: checked.rows, onProgress: setProgress, signal: abort.current.signal },
      { onSuccess: (r) => setResult(r) },
    );
  };

  const problemText = (p: CsvProblem) => t(`csv.problem.${p.kind}`, { mb: MAX_CSV_BYTES / 1024 / 1024 });

  const problems = checked && 'problems' in checked ? checked.problems : null;
  const rows = checked && 'rows' in checked ? checked.rows : null;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <Modal
      opened
      onClose={running ? () => undefined : onClose}
      closeOnEscape={!running}
      withCloseButton={!running}
      title={t('csv.importTitle', { name: storage.name })}
      centered
      size="xl"
    >
      <Stack gap="sm">
        <Text size="sm">
          {t('csv.importHint', { columns: [NAME_COLUMN, ...writable.map((p) => p.code)].join(', ') })}
        </Text>
        <Text size="sm" c="dimmed">
          {sectionName ? t('csv.intoSection', { section: sectionName }) : t('csv.intoStorage')}
        </Text>
        <Group>
          <FileButton onChange={(f) => void pick(f)} accept=".csv,text/csv,text/plain" disabled={running}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconFileUpload size={16} stroke={1.5} />}>
                {t('csv.chooseFile')}
              </Button>
            )}
          </FileButton>
          {checked ? (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {checked.file}
            </Text>
          ) : null}
        </Group>

        {problems ? (
          <Stack gap="xs" role="alert" aria-label={t('csv.refusedLabel')}>
            <Alert color="red" title={t('csv.refusedTitle')}>
              {t('csv.refused', { count: problems.length })}
            </Alert>
            <Table.ScrollContainer minWidth={520} mah={320}>
              <Table striped withTableBorder fz="sm" aria-label={t('csv.problemsLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('csv.line')}</Table.Th>
                    <Table.Th>{t('csv.field')}</Table.Th>
                    <Table.Th>{t('csv.value')}</Table.Th>
                    <Table.Th>{t('csv.problemColumn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{p.line > 0 ? p.line : '—'}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.field}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.value}</Table.Td>
                      <Table.Td>{problemText(p)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {problems.length > SHOWN_PROBLEMS ? (
              <Text size="sm" c="dimmed">
                {t('csv.moreProblems', { count: problems.length - SHOWN_PROBLEMS })}
              </Text>
            ) : null}
          </Stack>
        ) : null}

        {rows && !result ? (
          <Text size="sm" role="status">
            {t('csv.ready', { count: rows.length })}
          </Text>
        ) : null}

        {progress && (running || result) ? (
          <Stack gap={4}>
            <Progress value={percent} aria-label={t('csv.progressLabel')} animated={running} />
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('csv.progress', { done: progress.done, total: progress.total })}
            </Text>
          </Stack>
        ) : null}

        {run.error ? (
          <Alert color="red" role="alert">
            {errorText(run.error)}
          </Alert>
        ) : null}

        {result ? (
          <Alert
            color={result.failed.length || result.notAttempted.length ? 'orange' : 'green'}
            role="status"
            title={t('csv.doneTitle')}
          >
            <Stack gap={4}>
              <Text size="sm">{t('csv.added', { count: result.added })}</Text>
              {result.failed.length ? (
                <>
                  <Text size="sm">{t('csv.failed', { count: result.failed.length })}</Text>
                  <List size="sm">
                    {result.failed.slice(0, 20).map((f) => (
                      <List.Item key={f.line}>
                        {t('csv.failedLine', { line: f.line, reason: errorText(f.error) })}
                      </List.Item>
                    ))}
                  </List>
                </>
              ) : null}
              {result.notAttempted.length ? (
                <Text size="sm">
                  {result.stoppedBy
                    ? t('csv.stopped', { lines: lineList(result.notAttempted), reason: errorText(result.stoppedBy) })
                    : t('csv.cancelled', { lines: lineList(result.notAttempted) })}
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : null}

        <Group justify="flex-end">
          {running ? (
            <Button variant="default" onClick={() => abort.current?.abort()}>
              {t('csv.cancel')}
            </Button>
          ) : (
            <Button variant="default" onClick={onClose}>
              {result ? t('close') : t('cancel')}
            </Button>
          )}
          {result ? null : (
            <Button onClick={start} disabled={!rows || rows.length === 0} loading={running}>
              {t('csv.start', { count: rows?.length ?? 0 })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
