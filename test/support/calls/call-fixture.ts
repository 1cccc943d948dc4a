import type { Caller } from '../../../main/pbx/api/contract-dispatch';
import type { CallRecord } from '../../../shared/call-records';
import { startTestEngine, type TestEngine } from '../in-process-engine';
import type { Endpoint } from '../peers/sip-requests';
import { TempDirs } from '../peers/temp-dir';
import { waitUntil } from '../peers/wait-until';
import { Uac } from '../uac';
import { freeUdpPorts } from './free-udp-ports';
import { SippPortTaken, startSipp, type SippPeer, type SippPeerOptions } from './sipp-peer';

const ADMIN: Caller = { username: 'admin', role: 'admin', origin: 'test' };

/** What a test chooses for a peer; the fixture picks its ports and folder. */
export type PeerOptions = Omit<SippPeerOptions, 'workDir' | 'sipPort' | 'mediaPort' | 'remote' | 'caller'>;

/**
 * The engine of one test file with its extensions, and the SIPp peers that
 * call through it. A callee UAS is registered the way a phone behind NAT is:
 * the engine sends its INVITE to where the REGISTER came from, so we REGISTER
 * from the very UDP port SIPp then binds (SIPp cannot REGISTER and then act
 * as a UAS in one scenario).
 */
export class CallFixture {
  private readonly temp = new TempDirs();
  private readonly peers: SippPeer[] = [];
  /** Contacts to remove after each test, so the next call does not fork to a port nobody listens on. */
  private readonly contacts: { number: string; contact: string }[] = [];

  private constructor(
    readonly engine: TestEngine,
    private readonly passwords: Record<string, string>,
  ) {}

  static async start(passwords: Record<string, string>): Promise<CallFixture> {
    const engine = await startTestEngine();
    for (const [number, password] of Object.entries(passwords)) await engine.pbx.handlers['extensions.create']({ number, password }, ADMIN);
    return new CallFixture(engine, passwords);
  }

  get sip(): Endpoint {
    return { host: '127.0.0.1', port: this.engine.pbx.sip.transport.ports().udp };
  }

  private password(number: string): string {
    const password = this.passwords[number];
    if (password === undefined) throw new Error(`no extension ${number} in this fixture`);
    return password;
  }

  /** Sends one REGISTER for `number` from `localPort` (0: any). */
  private async register(number: string, contact: string, localPort: number, expires: number): Promise<void> {
    const uac = await Uac.open('udp', this.sip, localPort);
    try {
      const response = await uac.register(number, this.password(number), { contact, expires });
      if (response.status !== 200) throw new Error(`REGISTER of ${number} from port ${localPort} got ${response.status} ${response.reason}`);
    } finally {
      uac.close();
    }
  }

  /**
   * Starts a peer on fresh ports. Ports are free when picked but another
   * program (another test's relay, a phone) may bind one before SIPp does:
   * then SIPp exits at once and we pick again.
   */
  private async startOnFreePorts(start: (sipPort: number, mediaPort: number) => Promise<SippPeer>): Promise<SippPeer> {
    for (let attempt = 1; ; attempt++) {
      try {
        // SIPp here speaks SIP over UDP only (-t u1), so the SIP port needs no TCP twin.
        return await start(await freeUdpPorts(1), await freeUdpPorts(4));
      } catch (error) {
        if (!(error instanceof SippPortTaken) || attempt === 5) throw error;
      }
    }
  }

  private async launch(options: SippPeerOptions): Promise<SippPeer> {
    const peer = startSipp(options);
    this.peers.push(peer);
    await peer.listening();
    return peer;
  }

  /** A SIPp UAS registered as `number`, listening on the port its binding names. */
  startCallee(number: string, options: PeerOptions): Promise<SippPeer> {
    return this.startOnFreePorts(async (sipPort, mediaPort) => {
      const contact = `<sip:${number}@127.0.0.1:${sipPort}>`;
      await this.register(number, contact, sipPort, 600);
      try {
        const peer = await this.launch({ ...options, workDir: this.makeDir('sipp-uas'), sipPort, mediaPort });
        this.contacts.push({ number, contact });
        return peer;
      } catch (error) {
        // No one will answer there: calls must not fork to it.
        await this.register(number, contact, 0, 0);
        throw error;
      }
    });
  }

  /** A SIPp UAC that calls through the engine as `caller`. */
  startCaller(caller: string, options: PeerOptions): Promise<SippPeer> {
    return this.startOnFreePorts((sipPort, mediaPort) =>
      this.launch({ ...options, workDir: this.makeDir('sipp-uac'), sipPort, mediaPort, remote: this.sip, caller: { number: caller, password: this.password(caller) } }),
    );
  }

  async setRingTimeout(number: string, seconds: number): Promise<void> {
    await this.engine.pbx.handlers['extensions.update']({ number, ringTimeout: seconds }, ADMIN);
  }

  async setMediaTimeout(seconds: number): Promise<void> {
    await this.engine.pbx.handlers['settings.update']({ mediaTimeoutSeconds: seconds }, ADMIN);
  }

  /** The latest call records, newest first (the calls.history channel). */
  async history(): Promise<CallRecord[]> {
    return this.engine.pbx.handlers['calls.history']({ limit: 50 }, ADMIN);
  }

  /** The record of a call, by its caller-side Call-ID or a test, once the engine wrote it. */
  async record(match: string | ((record: CallRecord) => boolean), timeoutMs = 5_000): Promise<CallRecord> {
    const test = typeof match === 'string' ? (r: CallRecord) => r.callId === match : match;
    return waitUntil(`the call record of ${typeof match === 'string' ? match : 'the call'}`, async () => (await this.history()).find(test), timeoutMs);
  }

  /** A fresh folder, removed when the fixture stops. */
  makeDir(prefix: string): string {
    return this.temp.make(prefix);
  }

  /** After each test: SIPp processes still running are killed (by PID) and the test's contacts unregistered. */
  async cleanUp(): Promise<void> {
    await Promise.all(this.peers.splice(0).map((peer) => peer.process.stop('SIGKILL')));
    // The binding is the Contact URI: removing it needs no particular source port (RFC 3261 §10.3 step 7).
    for (const { number, contact } of this.contacts.splice(0)) await this.register(number, contact, 0, 0);
  }

  async stop(): Promise<void> {
    await this.cleanUp();
    await this.engine.stop();
    this.temp.removeAll();
  }
}
