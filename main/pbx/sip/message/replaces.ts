// The Replaces header (RFC 3891 §6.1), as a Refer-To URI carries it in its
// ?headers part for an attended transfer (RFC 5589 §7):
//   sip:1003@pbx?Replaces=abc%40host%3Bto-tag%3D12%3Bfrom-tag%3D34

/** The dialog a Replaces names: its Call-ID and tags as the sender of the REFER sees them. */
export interface Replaces {
  callId: string;
  toTag: string;
  fromTag: string;
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The Replaces of a URI's ?headers part (hname=hvalue joined by &), or undefined when it has none or it is malformed. */
export function replacesInUriHeaders(headers: string | undefined): Replaces | undefined {
  if (!headers) return undefined;
  for (const field of headers.split('&')) {
    const equals = field.indexOf('=');
    if (equals < 0 || field.slice(0, equals).toLowerCase() !== 'replaces') continue;
    const value = decode(field.slice(equals + 1));
    return value === undefined ? undefined : parseReplaces(value);
  }
  return undefined;
}

/** callid *(SEMI replaces-param): to-tag and from-tag are required; early-only and others are ignored. */
export function parseReplaces(value: string): Replaces | undefined {
  const [callId, ...params] = value.split(';').map((part) => part.trim());
  if (!callId) return undefined;
  let toTag: string | undefined;
  let fromTag: string | undefined;
  for (const param of params) {
    const equals = param.indexOf('=');
    const name = (equals < 0 ? param : param.slice(0, equals)).toLowerCase();
    const paramValue = equals < 0 ? '' : param.slice(equals + 1);
    if (name === 'to-tag') toTag = paramValue;
    else if (name === 'from-tag') fromTag = paramValue;
  }
  if (!toTag || !fromTag) return undefined;
  return { callId, toTag, fromTag };
}
