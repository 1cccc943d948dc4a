import type { TrunkStatus } from '../../../shared/trunks';
import { DigestClient } from '../sip/digest/digest-client';
import { newCallId } from '../sip/message/random-token';
import { SipRequest, type SipResponse } from '../sip/message/sip-message';
import type { SendTarget, TransactionLayer } from '../sip/transaction/transaction-layer';
import { newTag } from '../sip/ua/response-builder';

export interface RegistrationConfig {
  /** The address of record's domain (sip:user@domain) and the Request-URI host. */
  domain: string;
  username: string;
  authUsername: string | undefined;
  password: string;
  expires: number;
  /** Where to send (the provider's resolved address). */
  target: SendTarget;
  /** Our Contact, e.g. <sip:user@our-host:5060>. */
  contact: string;
}

export interface RegistrationTimers {
  /** First retry after a failure that may pass (timeout, 5xx); doubles up to maxRetryMs. */
  retryMs: number;
  maxRetryMs: number;
  /** After the provider refused our credentials: wait this long, never loop (RFC 3261 §22.2). */
  rejectedRetryMs: number;
  /** How often to check the wall clock, to notice a machine that slept through a refresh. */
  watchdogMs: number;
}

export const DEFAULT_REGISTRATION_TIMERS: RegistrationTimers = { retryMs: 5_000, maxRetryMs: 300_000, rejectedRetryMs: 1_800_000, watchdogMs: 10_000 };

type StatusUpdate = Omit<TrunkStatus, 'name' | 'updatedAt' | 'latencyMs'>;

/**
 * Registers one trunk with its provider (RFC 3261 §10.2) and keeps it
 * registered: digest on 401/407 (once per challenge: a second challenge
 * for the same answer means the credentials are wrong), 423 → Min-Expires,
 * refresh before expiry, backoff with jitter on failures, a long pause after
 * rejected credentials (no retry storms), and a watchdog that re-registers at
 * once when the clock shows we slept past the refresh.
 */
export class RegistrationClient {
  private readonly callId = newCallId();
  private readonly fromTag = newTag();
  private cseq = 0;
  private expires: number;
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private refreshAt = 0;
  private failures = 0;
  private stopped = false;
  private inFlight = false;
  private readonly digest: DigestClient;

  constructor(
    private readonly transactions: TransactionLayer,
    private config: RegistrationConfig,
    private readonly onStatus: (status: StatusUpdate) => void,
    private readonly timers: RegistrationTimers = DEFAULT_REGISTRATION_TIMERS,
    private readonly now: () => number = Date.now,
  ) {
    this.expires = config.expires;
    this.digest = new DigestClient({ username: config.authUsername ?? config.username, password: config.password });
  }

  start(): void {
    this.stopped = false;
    this.watchdog = setInterval(() => {
      // Timers do not run while a laptop sleeps; the wall clock does.
      if (!this.inFlight && this.refreshAt > 0 && this.now() >= this.refreshAt) this.register();
    }, this.timers.watchdogMs);
    this.watchdog.unref();
    this.register();
  }

  /** Unregisters (Expires: 0, answering one challenge like a registration) and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    if (this.refreshAt > 0) await this.exchange(0).catch(() => undefined);
    this.refreshAt = 0;
  }

  /** A REGISTER with this expiry, answering up to one digest challenge (and a stale one). */
  private async exchange(expires: number): Promise<SipResponse | 'timeout' | 'transport-error'> {
    let response = await this.send(expires, undefined);
    for (let round = 0; round < 2 && typeof response !== 'string' && (response.status === 401 || response.status === 407); round++) {
      const header = response.status === 401 ? 'www-authenticate' : 'proxy-authenticate';
      if (round > 0 && !/stale\s*=\s*true/i.test(response.headerValues(header).join(','))) break;
      const answer = this.digest.answer(response.headerValues(header), { method: 'REGISTER', uri: `sip:${this.config.domain}` });
      if (!answer) break;
      response = await this.send(expires, answer, response.status === 407);
    }
    return response;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.refreshAt = this.now() + ms;
    this.timer = setTimeout(() => this.register(), ms);
    this.timer.unref();
  }

  private build(expires: number, authorization: string | undefined, proxy: boolean): SipRequest {
    const c = this.config;
    const aor = `<sip:${c.username}@${c.domain}>`;
    const request = new SipRequest(`REGISTER`, `sip:${c.domain}`, [
      { name: 'max-forwards', value: '70' },
      { name: 'from', value: `${aor};tag=${this.fromTag}` },
      { name: 'to', value: aor },
      { name: 'call-id', value: this.callId },
      { name: 'cseq', value: `${++this.cseq} REGISTER` },
      { name: 'contact', value: c.contact },
      { name: 'expires', value: String(expires) },
      { name: 'user-agent', value: 'Dialtone' },
    ]);
    if (authorization) request.addHeader(proxy ? 'proxy-authorization' : 'authorization', authorization);
    return request;
  }

  private send(expires: number, authorization: string | undefined, proxy = false): Promise<SipResponse | 'timeout' | 'transport-error'> {
    return new Promise((resolve) => {
      this.transactions.sendRequest(this.build(expires, authorization, proxy), this.config.target, {
        onResponse: (response) => response.status >= 200 && resolve(response),
        onTimeout: () => resolve('timeout'),
        onTransportError: () => resolve('transport-error'),
      });
    });
  }

  private backoff(detail: string, lastResponse: string | null, rejected: boolean): void {
    this.failures++;
    const base = rejected ? this.timers.rejectedRetryMs : Math.min(this.timers.maxRetryMs, this.timers.retryMs * 2 ** (this.failures - 1));
    const wait = Math.round(base * (0.8 + Math.random() * 0.4));
    this.onStatus({ state: 'failed', detail, lastResponse, registeredUntil: null, nextAttemptAt: this.now() + wait });
    this.schedule(wait);
  }

  /** One registration attempt: up to one digest round, and one 423 correction. */
  async register(): Promise<void> {
    if (this.stopped || this.inFlight) return;
    this.inFlight = true;
    clearTimeout(this.timer);
    this.onStatus({ state: 'registering', detail: `registering with ${this.config.domain}`, lastResponse: null, registeredUntil: null, nextAttemptAt: null });
    try {
      let response = await this.exchange(this.expires);
      // 423 Interval Too Brief: ask again with the registrar's minimum (RFC 3261 §10.2.8).
      if (typeof response !== 'string' && response.status === 423) {
        const min = Number(response.header('min-expires'));
        if (Number.isFinite(min) && min > this.expires) {
          this.expires = min;
          response = await this.exchange(this.expires);
        }
      }
      if (this.stopped) return;
      this.settle(response);
    } finally {
      this.inFlight = false;
    }
  }

  private settle(response: SipResponse | 'timeout' | 'transport-error'): void {
    const domain = this.config.domain;
    if (response === 'timeout') return this.backoff(`no answer from ${domain}`, null, false);
    if (response === 'transport-error') return this.backoff(`cannot reach ${domain}`, null, false);
    const line = `${response.status} ${response.reason}`;
    if (response.status === 401 || response.status === 407 || response.status === 403) {
      return this.backoff(`${domain} refused the username or password (${response.status}); check them, then test the trunk`, line, true);
    }
    if (response.status >= 300) {
      const retryAfter = Number(response.header('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0) {
        this.onStatus({ state: 'failed', detail: `${domain} asked us to wait (${line})`, lastResponse: line, registeredUntil: null, nextAttemptAt: this.now() + retryAfter * 1000 });
        return this.schedule(retryAfter * 1000);
      }
      return this.backoff(`${domain} answered ${line}`, line, response.status < 500);
    }
    this.failures = 0;
    const granted = this.grantedExpires(response);
    const refreshIn = Math.max(5, granted - Math.min(60, granted / 5)) * 1000;
    // Scheduled before anyone hears of it: a listener that stops the client then unregisters.
    this.schedule(refreshIn);
    this.onStatus({ state: 'registered', detail: `registered with ${domain}`, lastResponse: line, registeredUntil: this.now() + granted * 1000, nextAttemptAt: this.now() + refreshIn });
  }

  /** What the registrar granted: our Contact's expires, else Expires, else what we asked (RFC 3261 §10.2.4). */
  private grantedExpires(response: SipResponse): number {
    const ours = this.config.contact.replace(/^<|>.*$/g, '');
    for (const value of response.headerValues('contact')) {
      if (!value.includes(ours)) continue;
      const match = /;\s*expires\s*=\s*(\d+)/i.exec(value);
      if (match) return Number(match[1]);
    }
    const header = Number(response.header('expires'));
    return Number.isFinite(header) && header > 0 ? header : this.expires;
  }
}
