// STUN against the RFC 5769 test vectors, built and parsed, and the ICE-lite
// responder answering checks shaped like a browser's.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IceLiteResponder, type TransportAddress } from '../../../main/pbx/media/webrtc/ice-lite-responder';
import {
  appendFingerprint,
  appendIntegrity,
  Attribute,
  buildStun,
  hasValidFingerprint,
  hasValidIntegrity,
  MessageType,
  parseStun,
  xorMappedAddress,
} from '../../../main/pbx/media/webrtc/stun-message';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const PASSWORD = Buffer.from('VOkJxbRl1RmTxUk/WvJxBt');
const TRANSACTION = hex('b7e7a701 bc34d686 fa87dfae');

// RFC 5769 §2.1–2.4, byte for byte (the padding of USERNAME and SOFTWARE is 0x20 there, on purpose).
const SAMPLE_REQUEST = hex(`
  00010058 2112a442 b7e7a701 bc34d686 fa87dfae 80220010 5354554e 20746573 7420636c 69656e74
  00240004 6e0001ff 80290008 932ff9b1 51263b36 00060009 6576746a 3a683676 59202020
  00080014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2 80280004 e57a3bcf`);
const SAMPLE_IPV4_RESPONSE = hex(`
  0101003c 2112a442 b7e7a701 bc34d686 fa87dfae 8022000b 74657374 20766563 746f7220
  00200008 0001a147 e112a643 00080014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7 80280004 c07d4c96`);
const SAMPLE_IPV6_RESPONSE = hex(`
  01010048 2112a442 b7e7a701 bc34d686 fa87dfae 8022000b 74657374 20766563 746f7220
  00200014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9 00080014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41
  80280004 c8fb0b4c`);
const SAMPLE_LONG_TERM_REQUEST = hex(`
  00010060 2112a442 78ad3433 c6ad72c0 29da412e 00060012 e3839ee3 8388e383 aae38383 e382afe3 82b90000
  0015001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341 0014000b 6578616d 706c652e 6f726700
  00080014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666`);

describe('RFC 5769 test vectors', () => {
  it('§2.1: parses the sample request and checks its integrity and fingerprint', () => {
    const message = parseStun(SAMPLE_REQUEST)!;
    expect(message.type).toBe(MessageType.bindingRequest);
    expect(message.transactionId).toEqual(TRANSACTION);
    expect(message.attributes.get(Attribute.username)?.toString()).toBe('evtj:h6vY');
    expect(message.attributes.get(Attribute.software)?.toString()).toBe('STUN test client');
    expect(message.attributes.get(Attribute.priority)?.readUInt32BE(0)).toBe(0x6e0001ff);
    expect(message.attributes.has(Attribute.iceControlled)).toBe(true);
    expect(hasValidIntegrity(message, PASSWORD)).toBe(true);
    expect(hasValidIntegrity(message, Buffer.from('wrong'))).toBe(false);
    expect(hasValidFingerprint(message)).toBe(true);
  });

  it('§2.2 and §2.3: our XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT rebuild the sample responses exactly', () => {
    for (const [vector, address] of [
      [SAMPLE_IPV4_RESPONSE, '192.0.2.1'],
      [SAMPLE_IPV6_RESPONSE, '2001:db8:1234:5678:11:2233:4455:6677'],
    ] as const) {
      const message = parseStun(vector)!;
      expect(hasValidIntegrity(message, PASSWORD)).toBe(true);
      expect(hasValidFingerprint(message)).toBe(true);
      expect(message.attributes.get(Attribute.xorMappedAddress)).toEqual(xorMappedAddress(address, 32853, TRANSACTION));
      // The vector up to MESSAGE-INTEGRITY, then our two trailing attributes.
      const rebuilt = Buffer.alloc(vector.length);
      vector.copy(rebuilt, 0, 0, message.integrityAt);
      appendFingerprint(rebuilt, appendIntegrity(rebuilt, message.integrityAt!, PASSWORD));
      expect(rebuilt).toEqual(vector);
    }
  });

  it('§2.4: checks a long-term credential integrity (key = MD5(username:realm:password))', () => {
    const message = parseStun(SAMPLE_LONG_TERM_REQUEST)!;
    expect(message.attributes.get(Attribute.username)?.toString()).toBe('マトリックス');
    const key = createHash('md5').update('マトリックス:example.org:TheMatrIX').digest();
    expect(hasValidIntegrity(message, key)).toBe(true);
    expect(message.fingerprintAt).toBeUndefined();
  });

  it('refuses what is not STUN: a bad cookie, a length that disagrees, an attribute past the end', () => {
    const badCookie = Buffer.from(SAMPLE_REQUEST);
    badCookie[4] = 0;
    const longer = Buffer.concat([SAMPLE_REQUEST, Buffer.alloc(4)]);
    const overrun = Buffer.from(SAMPLE_REQUEST);
    overrun.writeUInt16BE(0x00ff, 22);
    expect([parseStun(badCookie), parseStun(longer), parseStun(overrun), parseStun(Buffer.from([0x80, 0, 0, 0]))]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

const LOCAL = { ufrag: 'lite', pwd: 'our-ice-password-0123456' };
const browserA: TransportAddress = { address: '127.0.0.1', port: 50000 };
const browserB: TransportAddress = { address: '127.0.0.1', port: 50002 };

/** A connectivity check as a controlling full agent (a browser) sends it (RFC 8445 §7.2.2). */
function check(remoteUfrag: string, options: { useCandidate?: boolean; password?: string; username?: string } = {}): Buffer {
  const attributes = [
    { type: Attribute.username, value: Buffer.from(options.username ?? `${LOCAL.ufrag}:${remoteUfrag}`) },
    { type: Attribute.iceControlling, value: randomBytes(8) },
    { type: Attribute.priority, value: hex('6e7f1eff') },
    ...(options.useCandidate ? [{ type: Attribute.useCandidate, value: Buffer.alloc(0) }] : []),
  ];
  return buildStun(MessageType.bindingRequest, randomBytes(12), attributes, Buffer.from(options.password ?? LOCAL.pwd));
}

function responder() {
  const selections: TransportAddress[] = [];
  return { ice: new IceLiteResponder(LOCAL, (s) => selections.push({ ...s })), selections };
}

describe('ICE-lite responder', () => {
  it('answers a valid check with a signed success response that maps the source', () => {
    const { ice } = responder();
    const request = check('peer');
    const response = parseStun(ice.answer(request, browserA)!)!;
    expect(response.type).toBe(MessageType.bindingSuccess);
    expect(response.transactionId).toEqual(request.subarray(8, 20));
    expect(response.attributes.get(Attribute.xorMappedAddress)).toEqual(xorMappedAddress(browserA.address, browserA.port, response.transactionId));
    expect(hasValidIntegrity(response, Buffer.from(LOCAL.pwd))).toBe(true);
    expect(hasValidFingerprint(response)).toBe(true);
  });

  it('refuses a wrong password or username (401), a missing username (400), a controlled peer (487), and ignores a bad fingerprint', () => {
    const { ice } = responder();
    const status = (packet: Buffer) => {
      const value = parseStun(ice.answer(packet, browserA)!)!.attributes.get(Attribute.errorCode)!;
      return value[2]! * 100 + value[3]!;
    };
    expect(status(check('peer', { password: 'not-ours' }))).toBe(401);
    expect(status(check('peer', { username: 'other:peer' }))).toBe(401);
    expect(status(buildStun(MessageType.bindingRequest, randomBytes(12), [], Buffer.from(LOCAL.pwd)))).toBe(400);
    const controlled = buildStun(MessageType.bindingRequest, randomBytes(12), [
      { type: Attribute.username, value: Buffer.from('lite:peer') },
      { type: Attribute.iceControlled, value: randomBytes(8) },
    ], Buffer.from(LOCAL.pwd));
    expect(status(controlled)).toBe(487);
    const corrupted = check('peer');
    corrupted[corrupted.length - 1]! ^= 1;
    expect(ice.answer(corrupted, browserA)).toBeUndefined();
    expect(ice.selected).toBeUndefined();
  });

  it('selects the latest valid check, then the nominated one, and keeps the nomination', () => {
    const { ice, selections } = responder();
    ice.setRemoteUfrag('peer');
    ice.answer(check('peer'), browserA);
    ice.answer(check('peer', { useCandidate: true }), browserB);
    ice.answer(check('peer'), browserA);
    expect(ice.selected).toMatchObject(browserB);
    expect(selections).toEqual([browserA, browserB]);
  });

  it('answers checks that come before the SDP, and selects only those of the peer the SDP names', () => {
    const { ice } = responder();
    ice.answer(check('winner', { useCandidate: true }), browserA);
    ice.answer(check('loser', { useCandidate: true }), browserB);
    expect(ice.selected).toBeUndefined();
    ice.setRemoteUfrag('winner');
    expect(ice.selected).toMatchObject(browserA);
    expect(ice.isChecked(browserB)).toBe(false);
    // The other browser is still answered (RFC 8445 checks only our half of USERNAME), never selected.
    expect(parseStun(ice.answer(check('loser', { useCandidate: true }), browserB)!)!.type).toBe(MessageType.bindingSuccess);
    expect(ice.selected).toMatchObject(browserA);
  });

  it('starts over when the peer ufrag changes (a new browser after a transfer), taking its checks that came first', () => {
    const { ice } = responder();
    ice.setRemoteUfrag('first');
    ice.answer(check('first', { useCandidate: true }), browserA);
    ice.answer(check('second'), browserB);
    expect(ice.selected).toMatchObject(browserA);
    ice.setRemoteUfrag('second');
    expect(ice.selected).toMatchObject(browserB);
    expect(ice.isChecked(browserA)).toBe(false);
  });
});
