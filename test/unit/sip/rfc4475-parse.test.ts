import { describe, expect, it } from 'vitest';
import { getParam, paramValue } from '../../../main/pbx/sip/message/params';
import { parseMessage } from '../../../main/pbx/sip/message/parser';
import { validateRequestSyntax } from '../../../main/pbx/sip/message/request-validation';
import { SipSyntaxError } from '../../../main/pbx/sip/message/scan';
import { serializeMessage } from '../../../main/pbx/sip/message/serializer';
import type { SipMessage, SipRequest, SipResponse } from '../../../main/pbx/sip/message/sip-message';
import { formatUri, isSipUri, parseUri, sipUriEquals, unescapePercent, type SipUri, type Uri } from '../../../main/pbx/sip/message/uri';
import { isRfc3261Branch } from '../../../main/pbx/sip/message/via';
import { indexVerdicts, tortureMessage, tortureMessages } from '../../support/sip-torture-corpus';

// RFC 4475 §3: what the message layer makes of each torture message. The
// answers the engine sends for them are in test/integration/rfc4475-engine.test.ts.

type Expectation =
  /** Parses with no defect and, for a request, passes validateRequestSyntax; `check` holds the RFC's specific points. */
  | { outcome: 'accepted'; check?: (message: SipMessage) => void }
  /** The parser marks the start line or framing: the stack answers this status statelessly. */
  | { outcome: 'defect'; status: 400 | 505 }
  /** validateRequestSyntax answers 400 because `culprit` cannot be read. */
  | { outcome: 'rejected'; culprit: (request: SipRequest) => unknown }
  /** Passes the common checks; the part that reads `culprit` (the registrar) answers 400. */
  | { outcome: 'rejected-by-reader'; culprit: (request: SipRequest) => unknown }
  /** parseMessage returns undefined: a response nobody can use is discarded. */
  | { outcome: 'dropped' };

function sipUri(uri: Uri): SipUri {
  if (!isSipUri(uri)) throw new Error(`not a SIP URI: ${JSON.stringify(uri)}`);
  return uri;
}

function asRequest(message: SipMessage): SipRequest {
  if (message.kind !== 'request') throw new Error('expected a request');
  return message;
}

function asResponse(message: SipMessage): SipResponse {
  if (message.kind !== 'response') throw new Error('expected a response');
  return message;
}

/** The body as it sits in the file: everything after the first empty line. */
function fileBody(name: string): Buffer {
  const bytes = tortureMessage(name);
  return bytes.subarray(bytes.indexOf('\r\n\r\n') + 4);
}

function firstLine(message: SipMessage): string {
  const bytes = serializeMessage(message);
  return bytes.toString('latin1', 0, bytes.indexOf('\r\n'));
}

const EXPECTED: Record<string, Expectation> = {
  // §3.1.1 valid messages
  wsinv: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      expect(r.header('newfangledheader')).toBe('newfangled value continued newfangled value');
      expect(r.header('unknownheaderwithunusualvalue')).toBe(';;,,;;,;');
      expect(r.maxForwards).toBe(68);
      expect(r.cseq).toEqual({ seq: 9, method: 'INVITE' });
      expect(r.toTag).toBe('1918181833n');
      expect(r.from.displayName).toBe('"J Rosenberg \\\\\\""');
      expect(r.fromTag).toBe('98asjd8');
      expect(r.vias.map((v) => [v.transport, v.host, v.branch])).toEqual([
        ['UDP', '192.0.2.2', '390skdjuw'],
        ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
        ['UDP', '192.168.255.111', 'z9hG4bK30239'],
      ]);
      const contacts = r.contacts;
      if (contacts === '*') throw new Error('expected contacts');
      expect(contacts[0]?.params).toEqual([
        { name: 'newparam', value: 'newvalue' },
        { name: 'secondparam', value: undefined },
        { name: 'q', value: '0.33' },
      ]);
      expect(r.header('subject')).toBe('');
      expect(r.body.length).toBe(150);
    },
  },
  intmeth: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      expect(r.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
      expect(r.cseq.method).toBe(r.method);
      const target = sipUri(r.requestUri);
      expect(target.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
      expect(target.password).toBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
      expect(target.host).toBe('example.com');
      expect(r.to.displayName).toBe('"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f"');
      expect(r.from.displayName).toBe("token1~` token2'+_ token3*%!.-");
      expect(paramValue(r.from.params, "fromparam''~+*_!.-%")).toBe(`"${Buffer.from('работающий', 'utf8').toString('latin1')}"`);
      expect(r.fromTag).toBe("_token~1'+`*%!-.");
      expect(r.callId).toBe('intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
      expect(r.header("extensionheader-!.%*+_`'~")).toBe(Buffer.from('\ufeff大停電', 'utf8').toString('latin1'));
      expect(r.maxForwards).toBe(255);
    },
  },
  esc01: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      const target = sipUri(r.requestUri);
      expect(unescapePercent(target.user ?? '')).toBe('sips:user@example.com');
      expect(target.host).toBe('example.net');
      expect(unescapePercent(sipUri(r.to.uri).user ?? '')).toBe('user');
      expect(unescapePercent(sipUri(r.from.uri).user ?? '')).toBe('I have spaces');
      const contacts = r.contacts;
      if (contacts === '*') throw new Error('expected contacts');
      const contact = sipUri(contacts[0]!.uri);
      // %-escapes equal their characters, unescaped once: the value is "value%41", never "valueA".
      expect(sipUriEquals(contact, sipUri(parseUri('sip:caller@host5.example.net;lr;name=value%2541')))).toBe(true);
      expect(sipUriEquals(contact, sipUri(parseUri('sip:caller@host5.example.net;lr;name=valueA')))).toBe(false);
      expect(sipUriEquals(contact, sipUri(parseUri('sip:caller@host5.example.net;name=value%2541')))).toBe(true);
      expect(sipUriEquals(contact, sipUri(parseUri('sip:caller@host5.example.net;lr;name=value%2541;transport=tcp')))).toBe(false);
      // Written back as received.
      expect(formatUri(contact)).toBe('sip:cal%6Cer@host5.example.net;%6c%72;n%61me=v%61lue%25%34%31');
    },
  },
  escnull: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      expect(unescapePercent(sipUri(r.to.uri).user ?? '')).toBe('null-\x00-null');
      const contacts = r.contacts;
      if (contacts === '*') throw new Error('expected contacts');
      expect(contacts.map((c) => unescapePercent(sipUri(c.uri).user ?? ''))).toEqual(['\x00', '\x00\x00']);
      expect(sipUriEquals(sipUri(contacts[0]!.uri), sipUri(contacts[1]!.uri))).toBe(false);
    },
  },
  esc02: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      expect(r.method).toBe('RE%47IST%45R');
      expect(r.cseq.method).toBe('RE%47IST%45R');
      const contacts = r.contacts;
      if (contacts === '*') throw new Error('expected contacts');
      expect(contacts.map((c) => sipUri(c.uri).user)).toEqual(['alias1', 'alias3']);
      expect(r.header('c%6fntact')).toBe('<sip:alias2@host2.example.com>');
      expect(r.to.displayName).toBe('"%Z%45"');
    },
  },
  lwsdisp: { outcome: 'accepted', check: (m) => expect(asRequest(m).from.displayName).toBe('caller') },
  longreq: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      expect(r.vias).toHaveLength(34);
      expect(r.vias.slice(0, 33).map((v) => v.host)).toEqual(Array.from({ length: 33 }, (_, i) => `sip${33 - i}.example.com`));
      expect(r.to.displayName).toMatch(/^"I have a user name of (extreme){10} proportion"$/);
      expect(sipUri(r.to.uri).port).toBe(6000);
      expect(r.callId).toMatch(/^longreq\.one(really){20}longcallid$/);
      expect(r.body).toEqual(fileBody('longreq'));
    },
  },
  dblreq: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      expect(r.method).toBe('REGISTER');
      expect(r.callId).toBe('dblreq.0ha0isndaksdj99sdfafnl3lk233412');
      expect(r.body.length).toBe(0);
      expect(r.count('call-id')).toBe(1);
    },
  },
  semiuri: {
    outcome: 'accepted',
    check: (m) => {
      const target = sipUri(asRequest(m).requestUri);
      expect(target.user).toBe('user;par=u%40example.net');
      expect(unescapePercent(target.user ?? '')).toBe('user;par=u@example.net');
      expect(target.host).toBe('example.com');
      expect(target.params).toEqual([]);
      expect(asRequest(m).headerValues('accept')).toHaveLength(6);
    },
  },
  transports: {
    outcome: 'accepted',
    check: (m) => expect(asRequest(m).vias.map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']),
  },
  mpart01: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      expect(r.body.length).toBe(553);
      expect(r.body).toEqual(fileBody('mpart01'));
      expect(r.body.includes(0x00)).toBe(true);
      expect(r.contentType).toBe('multipart/mixed');
    },
  },
  unreason: {
    outcome: 'accepted',
    check: (m) => {
      const response = asResponse(m);
      expect(response.status).toBe(200);
      expect(Buffer.from(response.reason, 'latin1').toString('utf8')).toBe('= 2**3 * 5**2 но сто девяносто девять - простое');
      expect(response.body).toEqual(fileBody('unreason'));
    },
  },
  noreason: {
    outcome: 'accepted',
    check: (m) => {
      expect(asResponse(m).status).toBe(100);
      expect(asResponse(m).reason).toBe('');
    },
  },

  // §3.1.2 invalid messages
  badinv01: { outcome: 'rejected', culprit: (r) => r.vias },
  clerr: { outcome: 'defect', status: 400 },
  ncl: { outcome: 'defect', status: 400 },
  scalar02: { outcome: 'rejected', culprit: (r) => r.cseq },
  scalarlg: { outcome: 'dropped' },
  quotbal: { outcome: 'rejected', culprit: (r) => r.to },
  ltgtruri: { outcome: 'rejected', culprit: (r) => r.requestUri },
  lwsruri: { outcome: 'defect', status: 400 },
  lwsstart: {
    // Liberal: accepted, and the extra SP is never written again.
    outcome: 'accepted',
    check: (m) => {
      expect(asRequest(m).uri).toBe('sip:user@example.com');
      expect(firstLine(m)).toBe('INVITE sip:user@example.com SIP/2.0');
    },
  },
  trws: { outcome: 'accepted', check: (m) => expect(firstLine(m)).toBe('OPTIONS sip:remote-target@example.com SIP/2.0') },
  escruri: {
    // Liberal: accepted; the escaped Route stays inside the URI and never becomes a header.
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      expect(sipUri(r.requestUri).headers).toBe('Route=%3Csip:example.com%3E');
      expect(r.has('route')).toBe(false);
    },
  },
  baddate: { outcome: 'accepted', check: (m) => expect(asRequest(m).header('date')).toBe('Fri, 01 Jan 2010 16:00:00 EST') },
  regbadct: { outcome: 'rejected-by-reader', culprit: (r) => r.contacts },
  badaspec: { outcome: 'rejected', culprit: (r) => r.to },
  baddn: { outcome: 'rejected', culprit: (r) => r.from },
  badvers: { outcome: 'defect', status: 505 },
  mismatch01: {
    // Well formed to the message layer; the UAS compares the methods and answers 400.
    outcome: 'accepted',
    check: (m) => expect([asRequest(m).method, asRequest(m).cseq.method]).toEqual(['OPTIONS', 'INVITE']),
  },
  mismatch02: {
    outcome: 'accepted',
    check: (m) => expect([asRequest(m).method, asRequest(m).cseq.method]).toEqual(['NEWMETHOD', 'INVITE']),
  },
  bigcode: { outcome: 'dropped' },

  // §3.2 transaction layer
  badbranch: { outcome: 'accepted', check: (m) => expect(isRfc3261Branch(asRequest(m).topVia.branch)).toBe(false) },

  // §3.3 application layer: well formed, the application decides
  insuf: { outcome: 'rejected', culprit: (r) => r.from },
  unkscm: { outcome: 'accepted', check: (m) => expect(asRequest(m).requestUri.scheme).toBe('nobodyknowsthisscheme') },
  novelsc: { outcome: 'accepted', check: (m) => expect(asRequest(m).requestUri.scheme).toBe('soap.beep') },
  unksm2: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      const contacts = r.contacts;
      if (contacts === '*') throw new Error('expected contacts');
      expect([r.to.uri.scheme, r.from.uri.scheme, contacts[0]?.uri.scheme]).toEqual(['isbn', 'http', 'name']);
    },
  },
  bext01: {
    outcome: 'accepted',
    check: (m) => {
      expect(asRequest(m).headerValues('require')).toEqual(['nothingSupportsThis', 'nothingSupportsThisEither']);
      expect(asRequest(m).headerValues('proxy-require')).toEqual(['noProxiesSupportThis', 'norDoAnyProxiesSupportThis']);
    },
  },
  invut: {
    outcome: 'accepted',
    check: (m) => {
      expect(asRequest(m).contentType).toBe('application/unknownformat');
      expect(asRequest(m).body).toEqual(fileBody('invut'));
    },
  },
  regaut01: { outcome: 'accepted', check: (m) => expect(asRequest(m).header('authorization')).toBe('NoOneKnowsThisScheme opaque-data=here') },
  multi01: { outcome: 'rejected', culprit: (r) => r.callId },
  mcl01: { outcome: 'defect', status: 400 },
  bcast: { outcome: 'accepted', check: (m) => expect(asResponse(m).vias.map((v) => v.host)).toEqual(['192.0.2.198', '255.255.255.255']) },
  zeromf: { outcome: 'accepted', check: (m) => expect(asRequest(m).maxForwards).toBe(0) },
  cparam01: {
    outcome: 'accepted',
    check: (m) => {
      const contacts = asRequest(m).contacts;
      if (contacts === '*') throw new Error('expected contacts');
      // Outside <>, ";unknownparam" belongs to the header, never to the URI.
      expect(sipUri(contacts[0]!.uri).params).toEqual([]);
      expect(getParam(contacts[0]!.params, 'unknownparam')).toEqual({ name: 'unknownparam', value: undefined });
      expect(formatUri(contacts[0]!.uri)).toBe('sip:+19725552222@gw1.example.net');
    },
  },
  cparam02: {
    outcome: 'accepted',
    check: (m) => {
      const contacts = asRequest(m).contacts;
      if (contacts === '*') throw new Error('expected contacts');
      expect(sipUri(contacts[0]!.uri).params).toEqual([{ name: 'unknownparam', value: undefined }]);
      expect(contacts[0]!.params).toEqual([]);
    },
  },
  regescrt: {
    outcome: 'accepted',
    check: (m) => {
      const contacts = asRequest(m).contacts;
      if (contacts === '*') throw new Error('expected contacts');
      expect(sipUri(contacts[0]!.uri).headers).toBe('Route=%3Csip:sip.example.com%3E');
      expect(formatUri(contacts[0]!.uri)).toBe('sip:user@example.com?Route=%3Csip:sip.example.com%3E');
    },
  },
  sdp01: { outcome: 'accepted', check: (m) => expect(asRequest(m).headerValues('accept')).toEqual(['text/nobodyKnowsThis']) },

  // §3.4 backward compatibility
  inv2543: {
    outcome: 'accepted',
    check: (m) => {
      const r = asRequest(m);
      // No Content-Length on a datagram: the body is the rest of it (RFC 3261 §18.3).
      expect(r.has('content-length')).toBe(false);
      expect(r.body).toEqual(fileBody('inv2543'));
      expect(r.body.length).toBe(105);
      expect(r.maxForwards).toBeUndefined();
      expect(r.topVia.branch).toBeUndefined();
      expect(r.fromTag).toBeUndefined();
    },
  },
};

const messages = tortureMessages();

describe('the RFC 4475 torture messages through the parser', () => {
  it('covers the 49 described messages, and agrees with INDEX.md on which are valid', () => {
    const verdicts = indexVerdicts();
    expect(messages.map((m) => m.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...verdicts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...verdicts.values()].filter((v) => v === 'valid')).toHaveLength(26);
    for (const [name, verdict] of verdicts) {
      // A valid message must be accepted; an invalid one may be only where the RFC allows a liberal reading.
      if (verdict === 'valid') expect({ name, outcome: EXPECTED[name]?.outcome }).toEqual({ name, outcome: 'accepted' });
      else if (EXPECTED[name]?.outcome === 'accepted') expect({ name, check: typeof (EXPECTED[name] as { check?: unknown }).check }).toEqual({ name, check: 'function' });
    }
  });

  for (const { name, bytes } of messages) {
    const expected = EXPECTED[name] as Expectation;
    it(`${name}: ${expected.outcome}`, () => {
      const message = parseMessage(bytes);
      if (expected.outcome === 'dropped') {
        expect(message).toBeUndefined();
        return;
      }
      if (!message) throw new Error(`${name} did not parse`);
      if (expected.outcome === 'defect') {
        expect(message.defect?.status).toBe(expected.status);
        // The stack answers before any transaction: validation reports the same defect.
        expect(validateRequestSyntax(asRequest(message))).toEqual(message.defect);
        return;
      }
      expect(message.defect).toBeUndefined();
      if (expected.outcome === 'rejected') {
        const request = asRequest(message);
        expect(validateRequestSyntax(request)).toMatchObject({ status: 400, reason: expect.stringMatching(/^Bad Request \(.+\)$/) });
        expect(() => expected.culprit(request)).toThrow(SipSyntaxError);
        return;
      }
      if (message.kind === 'request') expect(validateRequestSyntax(message)).toBeUndefined();
      if (expected.outcome === 'rejected-by-reader') {
        expect(() => expected.culprit(asRequest(message))).toThrow(SipSyntaxError);
        return;
      }
      expected.check?.(message);
    });
  }

  it('reads each accepted message back the same after writing it out', () => {
    const accepted = messages.filter((m) => EXPECTED[m.name]?.outcome === 'accepted');
    expect(accepted).toHaveLength(33);
    for (const { name, bytes } of accepted) {
      const first = parseMessage(bytes) as SipMessage;
      const again = parseMessage(serializeMessage(first));
      if (!again) throw new Error(`${name} did not parse after a round trip`);
      const withoutLength = (m: SipMessage) => m.headers.filter((h) => h.name !== 'content-length');
      expect({ name, headers: withoutLength(again) }).toEqual({ name, headers: withoutLength(first) });
      expect({ name, body: again.body.equals(first.body) }).toEqual({ name, body: true });
      expect({ name, line: firstLine(again) }).toEqual({ name, line: firstLine(first) });
      expect(again.header('content-length')).toBe(String(first.body.length));
    }
  });
});
