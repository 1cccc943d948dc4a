/**
 * The contract accepts up to 2 MB, but a browser's request travels in one
 * bridge frame, which the engine caps at 256 KiB: refuse early, with the way
 * out, rather than fail with a closed connection.
 */
const MAX_UPLOAD_BYTES = 200 * 1024;

/** A small text file's contents, or an Error that says why it cannot be sent. */
export async function readUpload(file: File, cliHint: string): Promise<string> {
  if (file.size > MAX_UPLOAD_BYTES) throw new Error(`The file is too large to send from a browser (200 KB at most). ${cliHint}`);
  return file.text();
}
