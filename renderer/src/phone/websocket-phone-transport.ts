import { Web, type Core } from 'sip.js';
import type { PhoneTransport } from './phone-transport';

/** Seconds a WebSocket may take to open before the attempt counts as failed. */
const CONNECT_TIMEOUT_SECONDS = 6;

/**
 * SIP over WebSocket (RFC 7118, subprotocol "sip") with sip.js's own
 * transport state machine; only the URL moves, read afresh on every connect.
 */
export class WebSocketPhoneTransport extends Web.Transport implements PhoneTransport {
  private url: string;

  constructor(logger: Core.Logger, options: { server: string }) {
    super(logger, { server: options.server, connectionTimeout: CONNECT_TIMEOUT_SECONDS });
    this.url = options.server;
  }

  override get server(): string {
    return this.url;
  }

  setServer(url: string): void {
    this.url = url;
  }
}
