// Our SRTP/SRTCP against RFC 3711's test vectors (Appendix B) and against an
// independent implementation, werift's SrtpSession/SrtcpSession, both ways.
import { randomBytes } from 'node:crypto';
import { RtpPacket, SrtcpSession, SrtpSession } from 'werift';
import { describe, expect, it } from 'vitest';
import { writeRtpHeader } from '../../../main/pbx/media/relay/rtp-header';
import { AesCounterMode } from '../../../main/pbx/media/webrtc/aes-counter-mode';
import { ReplayWindow } from '../../../main/pbx/media/webrtc/replay-window';
import { SrtcpContext } from '../../../main/pbx/media/webrtc/srtcp-context';
import { SrtpContext } from '../../../main/pbx/media/webrtc/srtp-context';
import { deriveSessionKey, Label, writeCounterIv, type SrtpMasterKeys } from '../../../main/pbx/media/webrtc/srtp-key-derivation';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const SRTP_AES128_CM_HMAC_SHA1_80 = 1;

describe('RFC 3711 Appendix B test vectors', () => {
  it('B.2: the AES-CM keystream for session key 2B7E…, salt F0F1…FD, SSRC 0, index 0', () => {
    const iv = Buffer.alloc(16);
    writeCounterIv(iv, hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD'), 0, 0);
    expect(iv).toEqual(hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000'));
    const keystream = new AesCounterMode(hex('2B7E151628AED2A6ABF7158809CF4F3C')).keystream(iv, 0xff02 * 16);
    const block = (n: number) => keystream.subarray(n * 16, n * 16 + 16).toString('hex').toUpperCase();
    expect([block(0), block(1), block(2)]).toEqual(['E03EAD0935C95E80E166B16DD92B4EB4', 'D23513162B02D0F72A43A2FE4A5F97AB', '41E95B3BB0A2E8DD477901E4FCA894C0']);
    expect([block(0xfeff), block(0xff00), block(0xff01)]).toEqual(['EC8CDF7398607CB0F2D21675EA9EA1E4', '362B7C3C6773516318A077D7FC5073AE', '6A2CC3787889374FBEB4C81B17BA6C44']);
  });

  it('B.3: the session keys derived from master key E1F9… and salt 0EC6…', () => {
    const master = { key: hex('E1F97A0D3E018BE0D64FA32C06DE4139'), salt: hex('0EC675AD498AFEEBB6960B3AABE6') };
    expect(deriveSessionKey(master, Label.rtpEncryption, 16)).toEqual(hex('C61E7A93744F39EE10734AFE3FF7A087'));
    expect(deriveSessionKey(master, Label.rtpSalt, 14)).toEqual(hex('30CBBC08863D8C85D49DB34A9AE1'));
    // The appendix lists 94 bytes of the auth key stream; HMAC-SHA1 uses the first 20.
    expect(deriveSessionKey(master, Label.rtpAuthentication, 94)).toEqual(
      hex(`CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE E049646C43D9327AD175578EF7227098
           6371C10C9A369AC2F94A8C5FBCDDDC25 6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2`),
    );
  });
});

function keys(): { ours: SrtpMasterKeys; theirs: SrtpMasterKeys } {
  return { ours: { key: randomBytes(16), salt: randomBytes(14) }, theirs: { key: randomBytes(16), salt: randomBytes(14) } };
}

/** werift as the far end: it sends with `theirs` and receives with `ours`. */
function weriftPeer(k: ReturnType<typeof keys>) {
  const config = {
    keys: { localMasterKey: k.theirs.key, localMasterSalt: k.theirs.salt, remoteMasterKey: k.ours.key, remoteMasterSalt: k.ours.salt },
    profile: SRTP_AES128_CM_HMAC_SHA1_80,
  };
  return { srtp: new SrtpSession(config), srtcp: new SrtcpSession(config) };
}

function rtp(sequence: number, ssrc = 0x11223344, payloadBytes = 160): Buffer {
  const packet = randomBytes(12 + payloadBytes);
  writeRtpHeader(packet, { marker: false, payloadType: 0, sequence, timestamp: sequence * 160, ssrc });
  return packet;
}

/** A receiver report (RFC 3550 §6.4.2) with one report block: 32 bytes. */
function receiverReport(ssrc: number): Buffer {
  const packet = randomBytes(32);
  packet.writeUInt16BE(0x81c9, 0);
  packet.writeUInt16BE(7, 2);
  packet.writeUInt32BE(ssrc, 4);
  return packet;
}

// Sequence numbers across a wrap, so the rollover counter has to move in step on both sides.
const ACROSS_THE_WRAP = [65533, 65534, 65535, 0, 1, 2];

describe('SRTP against werift', () => {
  it('werift decrypts what we protect, across a sequence number wrap', () => {
    const k = keys();
    const ours = new SrtpContext(k.ours);
    const peer = weriftPeer(k);
    for (const sequence of ACROSS_THE_WRAP) {
      const plain = rtp(sequence);
      const secured = ours.protect(plain) as Buffer;
      expect(secured.length).toBe(plain.length + 10);
      expect(secured.subarray(12, plain.length)).not.toEqual(plain.subarray(12));
      expect(peer.srtp.decrypt(secured)).toEqual(plain);
    }
  });

  it('we unprotect what werift encrypts, across a sequence number wrap', () => {
    const k = keys();
    const ours = new SrtpContext(k.theirs);
    const peer = weriftPeer({ ours: k.theirs, theirs: k.theirs });
    for (const sequence of ACROSS_THE_WRAP) {
      const plain = rtp(sequence);
      const parsed = RtpPacket.deSerialize(plain);
      const secured = peer.srtp.encrypt(parsed.payload, parsed.header);
      expect(ours.unprotect(Buffer.from(secured))).toEqual(plain);
    }
  });

  it('rejects a replayed packet, a tampered one and one that is too short', () => {
    const k = keys();
    const sender = new SrtpContext(k.ours);
    const receiver = new SrtpContext(k.ours);
    const first = sender.protect(rtp(100)) as Buffer;
    const second = sender.protect(rtp(101)) as Buffer;
    expect(receiver.unprotect(Buffer.from(first))).toBeDefined();
    expect(receiver.unprotect(Buffer.from(first))).toBeUndefined();
    const tampered = Buffer.from(second);
    tampered[20]! ^= 1;
    expect(receiver.unprotect(tampered)).toBeUndefined();
    // The genuine packet still passes: a forgery does not poison the stream.
    expect(receiver.unprotect(Buffer.from(second))).toBeDefined();
    expect(receiver.unprotect(second.subarray(0, 15))).toBeUndefined();
  });

  it('keeps a rollover counter per SSRC', () => {
    const k = keys();
    const sender = new SrtpContext(k.ours);
    const receiver = new SrtpContext(k.ours);
    const plain = [rtp(65535, 1), rtp(10, 2), rtp(0, 1), rtp(11, 2)];
    for (const packet of plain) expect(receiver.unprotect(sender.protect(packet) as Buffer)).toEqual(packet);
  });
});

describe('SRTCP against werift', () => {
  it('werift decrypts what we protect, with the E flag and a growing index', () => {
    const k = keys();
    const ours = new SrtcpContext(k.ours);
    const peer = weriftPeer(k);
    for (let i = 0; i < 3; i++) {
      const plain = receiverReport(0xabcdef01);
      const secured = ours.protect(plain) as Buffer;
      expect(secured.readUInt32BE(plain.length)).toBe((0x80000000 | i) >>> 0);
      expect(peer.srtcp.decrypt(secured)).toEqual(plain);
    }
  });

  it('we unprotect what werift encrypts, and refuse it a second time', () => {
    const k = keys();
    const ours = new SrtcpContext(k.theirs);
    const peer = weriftPeer({ ours: k.theirs, theirs: k.theirs });
    const plain = receiverReport(0x01020304);
    const secured = Buffer.from(peer.srtcp.encrypt(plain));
    expect(ours.unprotect(Buffer.from(secured))).toEqual(plain);
    expect(ours.unprotect(secured)).toBeUndefined();
  });
});

describe('replay window (RFC 3711 §3.3.2)', () => {
  it('accepts late packets within 64 once, and refuses anything older', () => {
    const window = new ReplayWindow();
    for (const index of [10, 12, 11, 200]) {
      expect(window.isFresh(index)).toBe(true);
      window.accept(index);
    }
    expect(window.isFresh(12)).toBe(false);
    expect(window.isFresh(136)).toBe(false);
    expect(window.isFresh(137)).toBe(true);
    expect(window.isFresh(200)).toBe(false);
    window.accept(137);
    expect(window.isFresh(137)).toBe(false);
    expect(window.isFresh(199)).toBe(true);
  });
});

it('a receiver that joins a stream past its first rollover (an attended transfer moved the browser) finds the ROC, and follows it', () => {
  const master = { key: randomBytes(16), salt: randomBytes(14) };
  const sender = new SrtpContext(master);
  // The sender's stream wraps: ...65534, 65535, 0, 1 — its ROC is 1 from then on.
  for (const seq of [65_534, 65_535]) sender.protect(rtp(seq));
  const afterWrap = [0, 1, 2].map((seq) => ({ seq, srtp: sender.protect(rtp(seq)) as Buffer }));
  const joined = new SrtpContext(master);
  for (const { seq, srtp } of afterWrap) expect(joined.unprotect(Buffer.from(srtp))?.readUInt16BE(2)).toBe(seq);
  // A forged first packet still fails under every ROC tried.
  const forged = Buffer.from(afterWrap[2]!.srtp);
  forged[forged.length - 1]! ^= 1;
  expect(new SrtpContext(master).unprotect(forged)).toBeUndefined();
});

