/**
 * Saves text as a file through a blob: URL on an <a download>. The strict CSP
 * allows it: a download is not a navigation, a script or a fetch, so no
 * directive covers it; the URL is revoked once the browser has taken it.
 */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
