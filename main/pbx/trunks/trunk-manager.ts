import type { Trunk, TrunkStatus } from '../../../shared/trunks';
import type { EngineEvents } from '../engine-events';
import type { Logger } from '../logger';
import type { SendTarget, TransactionLayer } from '../sip/transaction/transaction-layer';
import { addressInRange } from './address-match';
import { RegistrationClient, type RegistrationTimers } from './registration-client';
import { resolveTrunkTarget, type ResolvedTrunk } from './resolve-trunk-target';
import { qualify } from './trunk-qualifier';

export interface TrunkManagerDeps {
  transactions: TransactionLayer;
  /** Our Contact toward a target, e.g. <sip:dialtone@203.0.113.5:5060>. */
  contactFor(target: SendTarget): string;
  events: EngineEvents;
  logger: Logger;
  registrationTimers?: RegistrationTimers;
  now?: () => number;
}

export interface TrunkTestStep {
  ok: boolean;
  text: string;
}

interface Running {
  trunk: Trunk;
  resolved: ResolvedTrunk | undefined;
  registration: RegistrationClient | undefined;
  qualifyTimer: NodeJS.Timeout | undefined;
  status: TrunkStatus;
}

/** How long each step of a trunk test may take: together they stay under the UI's 15 s. */
const TEST_STEP_MS = 6_000;

/** A trunk's identity in its own config: what changes means "start again". */
function fingerprint(trunk: Trunk): string {
  return JSON.stringify(trunk);
}

/**
 * Runs the configured trunks: resolves each server, keeps registering trunks
 * registered, pings them with OPTIONS when asked to, publishes each one's
 * status as it changes, and recognises calls a trunk sends us by source
 * address (IP-authenticated trunks by their ranges, others by their server's
 * addresses).
 */
export class TrunkManager {
  private readonly running = new Map<string, Running>();
  private readonly fingerprints = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly deps: TrunkManagerDeps) {
    this.now = deps.now ?? Date.now;
  }

  statuses(): TrunkStatus[] {
    return [...this.running.values()].map((r) => r.status);
  }

  status(name: string): TrunkStatus | undefined {
    return this.running.get(name)?.status;
  }

  private publish(run: Running, update: Partial<TrunkStatus>): void {
    run.status = { ...run.status, ...update, updatedAt: this.now() };
    this.deps.events.emit('trunks.status', run.status);
  }

  /** Makes the running set match `trunks`: new ones start, removed ones stop, changed ones restart. */
  async apply(trunks: readonly Trunk[]): Promise<void> {
    const wanted = new Map(trunks.map((t) => [t.name, t]));
    for (const name of [...this.running.keys()]) {
      const next = wanted.get(name);
      if (!next || fingerprint(next) !== this.fingerprints.get(name)) await this.stopOne(name);
    }
    for (const trunk of trunks) if (!this.running.has(trunk.name)) await this.startOne(trunk);
  }

  private async startOne(trunk: Trunk): Promise<void> {
    const run: Running = {
      trunk,
      resolved: undefined,
      registration: undefined,
      qualifyTimer: undefined,
      status: { name: trunk.name, state: 'unknown', detail: '', lastResponse: null, registeredUntil: null, nextAttemptAt: null, latencyMs: null, updatedAt: this.now() },
    };
    this.running.set(trunk.name, run);
    this.fingerprints.set(trunk.name, fingerprint(trunk));
    if (!trunk.enabled) return this.publish(run, { state: 'disabled', detail: 'turned off' });
    try {
      run.resolved = await resolveTrunkTarget(trunk);
    } catch (error) {
      return this.publish(run, { state: 'failed', detail: `cannot find ${trunk.server} (${(error as Error).message})` });
    }
    if (this.running.get(trunk.name) !== run) return;
    if (trunk.register && trunk.authType === 'credential' && trunk.username && trunk.password) {
      run.registration = new RegistrationClient(
        this.deps.transactions,
        this.registrationConfig(trunk, run.resolved),
        (update) => this.publish(run, update),
        ...(this.deps.registrationTimers ? [this.deps.registrationTimers] : []),
      );
      run.registration.start();
    } else {
      this.publish(run, { state: 'unknown', detail: trunk.qualify ? 'checking…' : 'does not register; calls go straight to the provider' });
    }
    if (trunk.qualify) this.startQualify(run);
  }

  /** `contactUser` differs for a test, so its binding is not the running trunk's (unregistering it must not remove that). */
  private registrationConfig(trunk: Trunk, resolved: ResolvedTrunk, contactUser = trunk.username) {
    const ours = this.deps.contactFor(resolved.target).replace(/^<sip:[^@]+@/, `<sip:${contactUser}@`);
    return {
      domain: trunk.fromDomain ?? trunk.server,
      username: trunk.username as string,
      authUsername: trunk.authUsername,
      password: trunk.password as string,
      expires: trunk.registrationExpires,
      target: resolved.target,
      contact: ours,
    };
  }

  private startQualify(run: Running): void {
    const ping = async () => {
      const resolved = run.resolved;
      if (!resolved || this.running.get(run.trunk.name) !== run) return;
      const result = await qualify(this.deps.transactions, resolved.target, run.trunk.fromDomain ?? run.trunk.server, run.trunk.username ?? 'dialtone', this.now);
      if (this.running.get(run.trunk.name) !== run) return;
      // Registration state wins over reachability; without registration, reachability is the state.
      const registers = run.registration !== undefined;
      if (result.reachable) this.publish(run, { latencyMs: result.latencyMs, ...(registers ? {} : { state: 'reachable', detail: `answers (${result.response})`, lastResponse: result.response }) });
      else this.publish(run, { latencyMs: null, ...(registers ? {} : { state: 'unreachable', detail: result.reason }) });
    };
    void ping();
    run.qualifyTimer = setInterval(() => void ping(), run.trunk.qualifyIntervalSeconds * 1000);
    run.qualifyTimer.unref();
  }

  private async stopOne(name: string): Promise<void> {
    const run = this.running.get(name);
    this.running.delete(name);
    this.fingerprints.delete(name);
    if (!run) return;
    clearInterval(run.qualifyTimer);
    await run.registration?.stop();
  }

  /** The trunk a request came from, by its source address. */
  identify(address: string): Trunk | undefined {
    for (const run of this.running.values()) {
      if (!run.trunk.enabled) continue;
      const ranges = run.trunk.authType === 'ip' ? run.trunk.inboundAddresses : [...(run.resolved?.addresses ?? []), ...run.trunk.inboundAddresses];
      if (ranges.some((range) => addressInRange(address, range))) return run.trunk;
    }
    return undefined;
  }

  /** Where calls through a trunk go. */
  target(name: string): SendTarget | undefined {
    return this.running.get(name)?.resolved?.target;
  }

  trunk(name: string): Trunk | undefined {
    return this.running.get(name)?.trunk;
  }

  /**
   * "Test trunk": each step in plain words — find the server, register (when
   * the trunk does), ask it OPTIONS — without disturbing the running trunk.
   */
  async test(trunk: Trunk): Promise<{ ok: boolean; steps: TrunkTestStep[] }> {
    const steps: TrunkTestStep[] = [];
    let resolved: ResolvedTrunk;
    try {
      resolved = await resolveTrunkTarget(trunk);
      steps.push({ ok: true, text: `Found ${trunk.server} at ${resolved.target.address}:${resolved.target.port} (${trunk.transport.toUpperCase()}).` });
    } catch (error) {
      steps.push({ ok: false, text: `Could not find ${trunk.server}: ${(error as Error).message}. Check the server name.` });
      return { ok: false, steps };
    }
    if (trunk.register && trunk.authType === 'credential') {
      if (!trunk.username || !trunk.password) {
        steps.push({ ok: false, text: 'This trunk registers, but has no username or password.' });
        return { ok: false, steps };
      }
      const outcome = await new Promise<Omit<TrunkStatus, 'name' | 'updatedAt' | 'latencyMs'> | undefined>((resolve) => {
        const client = new RegistrationClient(this.deps.transactions, this.registrationConfig(trunk, resolved, `${trunk.username}-test`), (update) => {
          if (update.state === 'registering') return;
          clearTimeout(timer);
          void client.stop().finally(() => resolve(update));
        });
        // A silent UDP provider would take Timer F (32 s); a person waiting wants an answer sooner.
        const timer = setTimeout(() => void client.stop().finally(() => resolve(undefined)), TEST_STEP_MS);
        client.start();
      });
      const ok = outcome?.state === 'registered';
      const why = outcome ? outcome.detail : `no answer from ${trunk.server} within ${TEST_STEP_MS / 1000} s`;
      steps.push({ ok, text: ok ? `Registered as ${trunk.username} (${outcome?.lastResponse}).` : `Registration failed: ${why}.` });
      if (!ok) return { ok: false, steps };
    } else {
      steps.push({ ok: true, text: trunk.authType === 'ip' ? 'This trunk trusts our IP address; nothing to register.' : 'This trunk does not register.' });
    }
    const result = await Promise.race([
      qualify(this.deps.transactions, resolved.target, trunk.fromDomain ?? trunk.server, trunk.username ?? 'dialtone', this.now),
      new Promise<{ reachable: false; reason: string }>((resolve) =>
        setTimeout(() => resolve({ reachable: false, reason: `no answer from ${trunk.server} within ${TEST_STEP_MS / 1000} s` }), TEST_STEP_MS).unref(),
      ),
    ]);
    steps.push(
      result.reachable
        ? { ok: true, text: `The provider answered OPTIONS with ${result.response} in ${result.latencyMs} ms.` }
        : { ok: false, text: `No answer to OPTIONS: ${result.reason}. A firewall may block SIP, or the address or port is wrong.` },
    );
    return { ok: steps.every((s) => s.ok), steps };
  }

  async stop(): Promise<void> {
    for (const name of [...this.running.keys()]) await this.stopOne(name);
  }
}
