import { Registerer, RegistererState, RequestPendingError, UserAgent, UserAgentState, type Invitation } from 'sip.js';
import type { PhoneConnection } from '../../../shared/phone';
import type { PhoneTransport, PhoneTransportConstructor } from './phone-transport';
import type { RegistrationStatus } from './phone-types';
import { reconnectDelay } from './reconnect-backoff';
import { resolveWebSocketUrl } from './websocket-url';

/** Registration lifetime asked for; the binding also goes when the WebSocket closes, so this only bounds a silent death. */
const REGISTER_EXPIRES_SECONDS = 300;
/** Refresh at 90 % of the lifetime the engine grants. */
const REFRESH_PERCENT = 90;
/** A REGISTER unanswered this long means the connection is dead, even if the socket has not noticed. */
const REGISTER_TIMEOUT_MS = 5_000;
/** How long a liveness check (after a wake or a network change) waits for the engine. */
const PROBE_TIMEOUT_MS = 4_000;

export interface RegistrationKeeperOptions {
  /** phone.connection: asked before every connection, since its token lives five minutes. */
  fetchConnection(): Promise<PhoneConnection>;
  /** The page's URL, to resolve a browser's relative WebSocket path. */
  pageUrl(): string;
  transportConstructor: PhoneTransportConstructor;
  isOnline(): boolean;
  onStatus(status: RegistrationStatus): void;
  onInvite(invitation: Invitation): void;
  /** Registered again on a new connection after losing one: live calls move their dialogs to it. */
  onReconnected(): void;
  random?: () => number;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Keeps one extension registered over SIP-over-WebSocket, whatever happens
 * to the connection: the engine restarts, the socket drops, the computer
 * sleeps, the network changes. Every attempt asks phone.connection afresh.
 * Losing the connection never ends calls: sip.js keeps its sessions, and the
 * phone moves them to the new connection once registered again.
 *
 * Each connection gets its own Registerer: a REGISTER lost with the old
 * socket would otherwise hold the next one back until its transaction timed
 * out (RFC 3261 §10.2: one REGISTER at a time).
 */
export class RegistrationKeeper {
  private userAgent: UserAgent | undefined;
  private identity = '';
  private registerer: Registerer | undefined;
  private status: RegistrationStatus = { state: 'idle' };
  private running = false;
  private attempting = false;
  /** Failed attempts since the last registration: drives the backoff. */
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private registeredOnce = false;
  /** We are closing a connection that looked dead: its close is ours, not news. */
  private closing = false;

  constructor(private readonly options: RegistrationKeeperOptions) {}

  get current(): RegistrationStatus {
    return this.status;
  }

  /** The UserAgent of the current extension, once a connection has been made. */
  get agent(): UserAgent | undefined {
    return this.userAgent;
  }

  /** The SIP domain of the current extension's address ('' before the first connection). */
  get domain(): string {
    return this.identity.split('@')[1] ?? '';
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    const agent = this.userAgent;
    this.userAgent = undefined;
    this.registerer = undefined;
    this.setStatus({ state: 'idle' });
    // stop() unregisters, ends the sessions and closes the socket.
    if (agent && agent.state === UserAgentState.Started) await agent.stop().catch(() => undefined);
  }

  /**
   * Something suggests trying now rather than at the scheduled time: the
   * network came back, the engine's bridge reconnected, a person pressed Retry.
   */
  retryNow(): void {
    if (!this.running || this.attempting || this.status.state === 'registered' || this.status.state === 'connecting') return;
    this.failures = 0;
    void this.attempt();
  }

  /** The browser lost its network: say so, and stop knocking until it returns. */
  wentOffline(): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    if (this.status.state !== 'registered') this.setStatus({ state: 'offline', extension: this.extension() });
  }

  /**
   * The computer woke or the network changed under us: a registered phone
   * checks its registration at once (a REGISTER refresh); no answer in a few
   * seconds means the socket is dead, so it reconnects.
   */
  async check(): Promise<void> {
    if (!this.running) return;
    if (this.status.state !== 'registered') return this.retryNow();
    const registerer = this.registerer;
    if (!registerer) return;
    try {
      await this.register(registerer, PROBE_TIMEOUT_MS);
    } catch (error) {
      // A refresh already under way answers the same question.
      if (error instanceof RequestPendingError) return;
      if (this.registerer === registerer) await this.reconnect(`No answer from the engine (${describe(error)})`);
    }
  }

  private extension(): string | undefined {
    return this.identity.split('@')[0] || undefined;
  }

  private setStatus(status: RegistrationStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }

  private async attempt(): Promise<void> {
    if (!this.running || this.attempting) return;
    clearTimeout(this.retryTimer);
    if (!this.options.isOnline()) return this.setStatus({ state: 'offline', extension: this.extension() });
    this.attempting = true;
    this.setStatus({ state: 'connecting', extension: this.extension() });
    try {
      const connection = await this.options.fetchConnection();
      if (!this.running) return;
      if (!connection.available) {
        await this.dropAgent();
        return this.setStatus({ state: 'failed', reason: connection.reason });
      }
      const url = resolveWebSocketUrl(connection.webSocketUrl, this.options.pageUrl());
      const agent = await this.agentFor(connection, url);
      (agent.transport as PhoneTransport).setServer(url);
      if (agent.state === UserAgentState.Started) await agent.reconnect();
      else await agent.start();
      this.retire();
      const registerer = new Registerer(agent, { expires: REGISTER_EXPIRES_SECONDS, refreshFrequency: REFRESH_PERCENT });
      this.registerer = registerer;
      registerer.stateChange.addListener((state) => this.onRegistererState(registerer, state));
      await this.register(registerer, REGISTER_TIMEOUT_MS);
      if (!this.running) return;
      if (this.registerer !== registerer) throw new Error('Lost the connection while registering');
      this.failures = 0;
      this.setStatus({ state: 'registered', extension: connection.extension, since: Date.now() });
      if (this.registeredOnce) this.options.onReconnected();
      this.registeredOnce = true;
    } catch (error) {
      if (this.running) this.scheduleRetry(describe(error));
    } finally {
      this.attempting = false;
    }
  }

  /** The UserAgent for this connection's extension: the one we have, or a new one if the extension changed. */
  private async agentFor(connection: Extract<PhoneConnection, { available: true }>, url: string): Promise<UserAgent> {
    const identity = `${connection.extension}@${connection.domain}`;
    if (this.userAgent && this.identity === identity) return this.userAgent;
    await this.dropAgent();
    const uri = UserAgent.makeURI(`sip:${identity}`);
    if (!uri) throw new Error(`The engine named an address that is not a SIP URI: sip:${identity}`);
    const agent = new UserAgent({
      uri,
      displayName: connection.displayName,
      transportConstructor: this.options.transportConstructor,
      transportOptions: { server: url },
      // The token authenticates the connection; no password ever goes over SIP.
      authorizationUsername: connection.extension,
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: connection.iceServers },
        // Host candidates on a LAN come at once; do not hold the INVITE for long on a slow STUN server.
        iceGatheringTimeout: 2_000,
      },
      userAgentString: 'Dialtone phone (sip.js)',
      logLevel: 'warn',
      logConfiguration: false,
      delegate: {
        onInvite: (invitation) => this.options.onInvite(invitation),
        onDisconnect: (error) => {
          if (agent === this.userAgent) void this.onDisconnected(error);
        },
      },
    });
    this.userAgent = agent;
    this.identity = identity;
    return agent;
  }

  private async dropAgent(): Promise<void> {
    const agent = this.userAgent;
    this.userAgent = undefined;
    this.registerer = undefined;
    this.identity = '';
    if (agent && agent.state === UserAgentState.Started) await agent.stop().catch(() => undefined);
  }

  /** Sends a REGISTER on `registerer`; resolves on 2xx, rejects on a refusal or after `timeoutMs`. */
  private register(registerer: Registerer, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the engine did not answer the REGISTER')), timeoutMs);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      registerer
        .register({
          requestDelegate: {
            onAccept: () => settle(),
            onReject: (response) => settle(new Error(`registration refused: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
          },
        })
        .catch((error: unknown) => settle(error instanceof Error ? error : new Error(String(error))));
    });
  }

  /** The Registerer's own refresh failed (refused, or sent into a dead socket). */
  private onRegistererState(registerer: Registerer, state: RegistererState): void {
    if (registerer !== this.registerer || this.status.state !== 'registered') return;
    if (state === RegistererState.Unregistered || state === RegistererState.Terminated) void this.reconnect('The registration lapsed');
  }

  private async onDisconnected(error: Error | undefined): Promise<void> {
    this.retire();
    // An attempt under way fails by itself (its REGISTER cannot be answered) and schedules the next.
    if (!this.running || this.attempting || this.closing) return;
    this.scheduleRetry(error ? 'Lost the connection to the engine' : 'Disconnected');
  }

  /**
   * Forgets the current Registerer. Called with the socket closed, or after a
   * REGISTER failed, so it is not registered and disposing it sends nothing.
   */
  private retire(): void {
    const registerer = this.registerer;
    this.registerer = undefined;
    void registerer?.dispose();
  }

  /** Closes a connection that looks dead and starts over on a new one. */
  private async reconnect(reason: string): Promise<void> {
    const agent = this.userAgent;
    if (!this.running || !agent) return;
    this.retire();
    this.setStatus({ state: 'reconnecting', reason, nextAttemptAt: Date.now(), extension: this.extension() });
    this.closing = true;
    try {
      await agent.transport.disconnect();
    } catch {
      // Already closed: nothing to wait for.
    } finally {
      this.closing = false;
    }
    void this.attempt();
  }

  private scheduleRetry(reason: string, delayMs = reconnectDelay(this.failures++, this.options.random)): void {
    clearTimeout(this.retryTimer);
    if (!this.options.isOnline()) return this.setStatus({ state: 'offline', extension: this.extension() });
    this.setStatus({ state: 'reconnecting', reason, nextAttemptAt: Date.now() + delayMs, extension: this.extension() });
    this.retryTimer = setTimeout(() => void this.attempt(), delayMs);
  }
}
