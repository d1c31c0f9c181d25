/**
 * Offers text as a file download: a Blob behind an object URL, clicked through a temporary link and
 * released right after (the file is made in the browser, nothing is uploaded).
 * @example downloadText('kontor-catalog.csv', body, 'text/csv');
 */
export function downloadText(fileName: string, body: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([body], { type: `${mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked on the next tick: some browsers start reading the URL only after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
