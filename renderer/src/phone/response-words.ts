/** Why an outgoing call did not connect, in words, with the SIP answer for whoever needs it. */
const WORDS: Record<number, string> = {
  404: 'Number not found',
  408: 'No answer',
  480: 'Not available right now',
  484: 'Incomplete number',
  486: 'Busy',
  487: 'Cancelled',
  488: 'The phones could not agree on audio',
  503: 'The PBX could not place the call',
  600: 'Busy everywhere',
  603: 'Declined',
  604: 'Number does not exist',
};

export function finalResponseWords(status: number, reason: string): string {
  const sip = `${status} ${reason}`.trim();
  const words = WORDS[status];
  return words ? `${words} (${sip})` : `Call failed (${sip})`;
}
