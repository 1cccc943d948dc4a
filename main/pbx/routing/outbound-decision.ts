import type { DialPolicy, OutboundRoute } from '../../../shared/routing';

export interface OutboundRequest {
  /** The calling extension. */
  readonly caller: string;
  /** What the caller dialled, visual separators already removed (dial-target.ts). */
  readonly dialled: string;
  readonly routes: readonly OutboundRoute[];
  readonly policy: DialPolicy;
  /** ISO 3166 alpha-2 (settings.homeCountry). */
  readonly homeCountry: string;
  /** The caller's own caller ID (E.164), which wins over the route's and the trunk's. */
  readonly extensionCallerId?: string;
  /** Each trunk's own caller ID (trunk.outboundCallerId) by trunk name. */
  readonly trunkCallerId?: Readonly<Record<string, string>>;
  /** Trunks that exist and are enabled; absent, every trunk a route names counts. */
  readonly usableTrunks?: readonly string[];
}

/** Whose caller ID a call shows: extension's own > route's > the first trunk's. */
export type CallerIdSource = 'extension' | 'route' | 'trunk';

export interface OutboundCall {
  readonly ok: true;
  readonly route: string;
  /** The pattern that matched, or null when an emergency call took the first usable route. */
  readonly pattern: string | null;
  /** Trunks to try in order (next on shouldFailOver). */
  readonly trunks: readonly string[];
  /** E.164; for an emergency call, the emergency number as dialled (911, 112). */
  readonly number: string;
  /** Destination country (home for emergency calls), null for non-geographic numbers. */
  readonly country: string | null;
  readonly international: boolean;
  readonly emergency: boolean;
  /**
   * The caller ID on the first trunk. When it comes from the trunk, the call
   * layer shows each trunk's own on failover, as that trunk is configured to.
   */
  readonly callerId: string | null;
  readonly callerIdSource: CallerIdSource | null;
}

export interface OutboundDenial {
  readonly ok: false;
  /** 403 not allowed, 404 no route or no such number, 484 incomplete or too short, 503 no usable trunk. */
  readonly status: 403 | 404 | 484 | 503;
  readonly explanation: string;
}

export type OutboundDecision = OutboundCall | OutboundDenial;
