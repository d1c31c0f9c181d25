/**
 * Offers text as a file download (a Blob behind a temporary link); CSV gets a UTF-8 byte order mark so
 * spreadsheet programs read `Å` as `Å`.
 * @example downloadText('visits.csv', csv, 'text/csv');
 */
export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  const blob = new Blob([type === 'text/csv' ? '\uFEFF' : '', text], { type: `${type};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
