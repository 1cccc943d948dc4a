import { expect, it } from 'vitest';
import { parseReplaces, replacesInUriHeaders } from '../../../main/pbx/sip/message/replaces';

it('reads the Replaces of a Refer-To as sip.js and desk phones escape it (RFC 3891 §6.1, RFC 5589 §7)', () => {
  expect(replacesInUriHeaders('Replaces=k3lw9x%40127.0.0.1%3Bto-tag%3Dab12%3Bfrom-tag%3Dcd34')).toEqual({ callId: 'k3lw9x@127.0.0.1', toTag: 'ab12', fromTag: 'cd34' });
  // Parameters in any order and case, early-only ignored, other headers beside it.
  expect(replacesInUriHeaders('X-Note=1&replaces=c1%3Bearly-only%3BFrom-Tag%3Df%3BTO-TAG%3Dt')).toEqual({ callId: 'c1', toTag: 't', fromTag: 'f' });
});

it('gives nothing for a URI without Replaces, a tag missing, or bad escaping', () => {
  expect(replacesInUriHeaders(undefined)).toBeUndefined();
  expect(replacesInUriHeaders('Subject=hello')).toBeUndefined();
  expect(replacesInUriHeaders('Replaces=c1%3Bto-tag%3Dt')).toBeUndefined();
  expect(replacesInUriHeaders('Replaces=c1%3Bto-tag%3Dt%3Bfrom-tag%3D%ZZ')).toBeUndefined();
  expect(parseReplaces(';to-tag=a;from-tag=b')).toBeUndefined();
});
