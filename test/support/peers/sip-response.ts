export interface SipResponseText {
  readonly raw: string;
  readonly statusLine: string;
  readonly status: number;
  /** Header fields as written on the wire, in order. */
  readonly headers: readonly (readonly [name: string, value: string])[];
}

/** Splits a response into its status line and header fields (no folding: Dialtone never folds). */
export function parseSipResponse(raw: string): SipResponseText {
  const head = raw.split('\r\n\r\n', 1)[0] as string;
  const [statusLine = '', ...lines] = head.split('\r\n');
  const match = /^SIP\/2\.0 (\d{3}) /.exec(statusLine);
  if (!match) throw new Error(`not a SIP response: ${JSON.stringify(raw.slice(0, 80))}`);
  const headers = lines.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as const;
  });
  return { raw, statusLine, status: Number(match[1]), headers };
}

export function headerValues(response: SipResponseText, name: string): string[] {
  return response.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

/** The branch of the top Via: how a client matches a response to its transaction (RFC 3261 §17.1.3). */
export function topViaBranch(response: SipResponseText): string | undefined {
  return /;\s*branch=([^;,\s]+)/i.exec(headerValues(response, 'via')[0] ?? '')?.[1];
}
