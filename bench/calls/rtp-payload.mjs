// The bench's RTP packets: a 12-byte RTP header (V=2, PT 0 PCMU) and 160 bytes
// of payload (20 ms at 8 kHz) whose first bytes carry the bench's fields.
// Offsets count from the first byte of the RTP header.
export const RTP_PACKET_BYTES = 12 + 160;
export const PAYLOAD = {
  /** uint32: the stream (one per measurement), so stray packets of another run or program are ignored. */
  run: 12,
  /** float64: the sender's performance.now() when it sent the packet. */
  sentAt: 16,
  /** uint32: the index of the sending phone. */
  source: 24,
  end: 28,
};
