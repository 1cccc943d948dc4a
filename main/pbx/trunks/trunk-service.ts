import { ContractError } from '../../../shared/errors';
import type { OutboundRoute, InboundRoute, DialPolicy, RouteDecision } from '../../../shared/routing';
import type { Settings } from '../../../shared/settings';
import { findProviderTemplate } from '../../../shared/trunk-templates';
import type { Trunk, TrunkStatus, TrunkView } from '../../../shared/trunks';
import { compileDialPattern } from '../routing/dial-pattern';
import type { OutboundDecision } from '../routing/outbound-decision';
import { routeOutbound } from '../routing/outbound-router';
import { simulate } from '../routing/simulate';
import type { Db } from '../store/database';
import type { ExtensionRepository } from '../store/extension-repository';
import type { RoutingRepository } from '../store/routing-repository';
import { toTrunkView, type TrunkRepository } from '../store/trunk-repository';
import type { TrunkManager, TrunkTestStep } from './trunk-manager';
import { buildTrunk, type TrunkDraft } from './trunk-validation';

const EXTERNAL_CHECK_MS = 2000;
const FIELD_KEYS = ['server', 'port', 'transport', 'username', 'authUsername', 'password', 'fromUser', 'fromDomain', 'outboundCallerId', 'inboundAddresses'] as const;

export interface TrunkServiceDeps {
  db: Db;
  trunks: TrunkRepository;
  routing: RoutingRepository;
  manager: TrunkManager;
  extensions: ExtensionRepository;
  settings: () => Settings;
}

export interface TrunkChanges {
  displayName?: string | undefined;
  enabled?: boolean | undefined;
  fields?: Record<string, unknown> | undefined;
  settings?: Record<string, unknown> | undefined;
}

function validationError(fields: Record<string, string>): ContractError {
  return new ContractError('E_VALIDATION', Object.values(fields)[0] ?? 'The trunk is not valid.', fields);
}

/**
 * Trunks and routes as the engine runs them: every change is validated,
 * stored, and applied to the running trunks at once; changes written by the
 * CLI from another process are picked up within a couple of seconds.
 */
export class TrunkService {
  private watcher: NodeJS.Timeout | undefined;
  private dataVersion = -1;
  private readonly dataVersionStatement;

  constructor(private readonly deps: TrunkServiceDeps) {
    this.dataVersionStatement = deps.db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  async start(): Promise<void> {
    this.dataVersion = this.dataVersionStatement.get() as number;
    await this.apply();
    this.watcher = setInterval(() => {
      const version = this.dataVersionStatement.get() as number;
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      void this.apply();
    }, EXTERNAL_CHECK_MS);
    this.watcher.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.watcher);
    await this.deps.manager.stop();
  }

  private apply(): Promise<void> {
    return this.deps.manager.apply(this.deps.trunks.all());
  }

  list(): { trunks: TrunkView[]; statuses: TrunkStatus[] } {
    return { trunks: this.deps.trunks.list(), statuses: this.deps.manager.statuses() };
  }

  async create(draft: TrunkDraft): Promise<TrunkView> {
    const built = buildTrunk(draft);
    if (!built.ok) throw validationError(built.fields);
    if (!this.deps.trunks.create(built.trunk)) throw new ContractError('E_CONFLICT', `A trunk named ${draft.name} exists already.`, { name: 'This name is taken.' });
    await this.apply();
    return toTrunkView(built.trunk);
  }

  /** Rebuilds the trunk from its template with the changes; a password not given stays as it was. */
  async update(name: string, changes: TrunkChanges): Promise<TrunkView> {
    const existing = this.deps.trunks.get(name);
    if (!existing) throw new ContractError('E_NOT_FOUND', `There is no trunk named ${name}.`);
    const template = findProviderTemplate(existing.template);
    const keys = new Set(template?.fields.map((f) => f.key) ?? FIELD_KEYS);
    const fields: Record<string, unknown> = {};
    for (const key of FIELD_KEYS) if (keys.has(key) && existing[key] !== undefined) fields[key] = existing[key];
    Object.assign(fields, changes.fields ?? {});
    const settings = {
      codecs: existing.codecs,
      dtmfMode: existing.dtmfMode,
      callerIdMode: existing.callerIdMode,
      register: existing.register,
      registrationExpires: existing.registrationExpires,
      qualify: existing.qualify,
      qualifyIntervalSeconds: existing.qualifyIntervalSeconds,
      maxChannels: existing.maxChannels,
      ...(changes.settings ?? {}),
    };
    const built = buildTrunk({
      template: existing.template,
      name,
      displayName: changes.displayName ?? existing.displayName,
      enabled: changes.enabled ?? existing.enabled,
      fields,
      settings,
    });
    if (!built.ok) throw validationError(built.fields);
    this.deps.trunks.update(built.trunk);
    await this.apply();
    return toTrunkView(built.trunk);
  }

  async remove(name: string): Promise<void> {
    if (!this.deps.trunks.delete(name)) throw new ContractError('E_NOT_FOUND', `There is no trunk named ${name}.`);
    await this.apply();
  }

  test(name: string): Promise<{ ok: boolean; steps: TrunkTestStep[] }> {
    const trunk = this.deps.trunks.get(name);
    if (!trunk) throw new ContractError('E_NOT_FOUND', `There is no trunk named ${name}.`);
    return this.deps.manager.test(trunk);
  }

  routes(): { outbound: OutboundRoute[]; inbound: InboundRoute[]; policy: DialPolicy } {
    return { outbound: this.deps.routing.listOutbound(), inbound: this.deps.routing.listInbound(), policy: this.deps.routing.getDialPolicy() };
  }

  saveOutbound(route: OutboundRoute, position?: number): void {
    const fields: Record<string, string> = {};
    route.patterns.forEach((pattern, i) => {
      const compiled = compileDialPattern(pattern);
      if (!compiled.ok) fields[`patterns.${i}`] = compiled.reason;
    });
    const known = new Set(this.deps.trunks.list().map((t) => t.name));
    route.trunks.forEach((trunk, i) => {
      if (!known.has(trunk)) fields[`trunks.${i}`] = `There is no trunk named ${trunk}.`;
    });
    if (Object.keys(fields).length > 0) throw validationError(fields);
    this.deps.routing.saveOutbound(route, position);
  }

  removeOutbound(name: string): boolean {
    return this.deps.routing.removeOutbound(name);
  }

  removeInbound(did: string, trunk?: string): boolean {
    return this.deps.routing.removeInbound(did, trunk);
  }

  setPolicy(policy: DialPolicy): DialPolicy {
    const known = new Set(this.deps.extensions.list().map((e) => e.number));
    const unknown = policy.internationalExtensions.filter((n) => !known.has(n));
    if (unknown.length > 0) throw validationError({ internationalExtensions: `There is no extension ${unknown.join(', ')}.` });
    this.deps.routing.setDialPolicy(policy);
    return this.deps.routing.getDialPolicy();
  }

  saveInbound(route: InboundRoute): void {
    if (route.destination.type === 'extension' && !this.deps.extensions.find(route.destination.number)) {
      throw validationError({ 'destination.number': `There is no extension ${route.destination.number}.` });
    }
    if (route.trunk !== undefined && !this.deps.trunks.get(route.trunk)) throw validationError({ trunk: `There is no trunk named ${route.trunk}.` });
    this.deps.routing.saveInbound(route);
  }

  private outboundRequest() {
    const trunks = this.deps.trunks.all();
    const usable = trunks.filter((t) => t.enabled).map((t) => t.name);
    const trunkCallerId = Object.fromEntries(trunks.filter((t) => t.outboundCallerId).map((t) => [t.name, t.outboundCallerId as string]));
    return { routes: this.deps.routing.listOutbound(), policy: this.deps.routing.getDialPolicy(), homeCountry: this.deps.settings().homeCountry, usableTrunks: usable, trunkCallerId };
  }

  /** What a call from an extension to a number outside the PBX does. */
  planOutbound(caller: string, dialled: string): OutboundDecision {
    return routeOutbound({ caller, dialled, ...this.outboundRequest() });
  }

  simulate(from: string, dialled: string): RouteDecision {
    return simulate({ from, dialled, extensions: this.deps.extensions.list().map((e) => e.number), ...this.outboundRequest() });
  }

  trunk(name: string): Trunk | undefined {
    return this.deps.manager.trunk(name);
  }

  target(name: string) {
    return this.deps.manager.target(name);
  }

  /** The trunk a request came from, by source address. */
  identify(address: string): Trunk | undefined {
    return this.deps.manager.identify(address);
  }
}
