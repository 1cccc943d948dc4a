import type { Settings } from '../../../shared/settings';
import type { SipAuthenticator } from '../auth/sip-authenticator';
import type { ExtensionRepository } from '../store/extension-repository';
import { SipSyntaxError } from '../sip/message/scan';
import { isSipUri, unescapePercent } from '../sip/message/uri';
import type { InboundRequest } from '../sip/transport/flow';
import type { ServerTransaction } from '../sip/transaction/transaction-layer';
import { createResponse } from '../sip/ua/response-builder';
import type { Binding } from './binding';
import type { LocationService } from './location-service';
import { internString } from './own-string';
import { planRegister } from './register-plan';

export interface RegistrarDeps {
  location: LocationService;
  extensions: ExtensionRepository;
  authenticator: SipAuthenticator;
  settings: () => Settings;
  now?: () => number;
}

let dateCache = { second: -1, text: '' };
/** RFC 1123 date for the Date header, computed once a second. */
function httpDate(now: number): string {
  const second = Math.floor(now / 1000);
  if (dateCache.second !== second) dateCache = { second, text: new Date(second * 1000).toUTCString() };
  return dateCache.text;
}

function contactValue(binding: Binding, now: number): string {
  const expires = Math.max(0, Math.round((binding.expiresAt - now) / 1000));
  const q = binding.q === undefined ? '' : `;q=${binding.q}`;
  return `<${binding.contactUri}>${binding.contactParams}${q};expires=${expires}`;
}

/**
 * The registrar (RFC 3261 §10.3). Checks the AOR and Contacts before asking
 * for credentials (unksm2 gets 400, not 401), authenticates with digest, makes
 * sure the credentials belong to the AOR, then applies the plan and answers
 * with every current binding.
 */
export class Registrar {
  private readonly now: () => number;

  constructor(private readonly deps: RegistrarDeps) {
    this.now = deps.now ?? Date.now;
  }

  handle(transaction: ServerTransaction, inbound: InboundRequest): void {
    const request = inbound.message;
    const reply = (status: number, reason: string, extra: [string, string][] = []) => {
      const response = createResponse(request, status, reason);
      for (const [name, value] of extra) response.addHeader(name, value);
      transaction.respond(response);
    };

    // Step 5 first: the AOR must be a SIP URI with a user, and the Contacts must parse.
    const aor = request.to.uri;
    if (!isSipUri(aor) || aor.user === undefined) return reply(400, 'Bad Request (the To header is not a SIP address of record)');
    let contacts;
    try {
      contacts = request.contacts;
    } catch (error) {
      if (error instanceof SipSyntaxError) return reply(400, 'Bad Request (malformed Contact)');
      throw error;
    }
    const extension = unescapePercent(aor.user);

    const user = this.deps.authenticator.authenticate(transaction, inbound, 'www', extension);
    if (user === undefined) return;
    if (user !== extension) return reply(403, 'Forbidden (credentials do not belong to this address)');
    const row = this.deps.extensions.find(extension);
    if (!row) return reply(404, 'Not Found');

    const settings = this.deps.settings();
    const now = this.now();
    const expiresText = request.header('expires');
    const expiresHeader = expiresText !== undefined && /^\d{1,10}$/.test(expiresText.trim()) ? Number(expiresText) : undefined;
    const flow = inbound.flow;
    const plan = planRegister(
      this.deps.location.current(extension),
      {
        extension,
        contacts,
        expiresHeader,
        callId: request.callId,
        cseq: request.cseq.seq,
        now,
        maxContacts: row.maxContacts,
        origin: {
          protocol: flow.protocol,
          sourceAddress: internString(flow.remoteAddress),
          sourcePort: flow.remotePort,
          localAddress: internString(flow.localAddress),
          localPort: flow.localPort,
          connectionId: flow.connectionId,
          userAgent: internString((request.header('user-agent') ?? '').slice(0, 200)),
        },
      },
      { defaultExpires: settings.sipDefaultExpires, minExpires: settings.sipMinExpires, maxExpires: settings.sipMaxExpires },
    );
    if (!plan.ok) return reply(plan.status, plan.reason, plan.minExpires ? [['min-expires', String(plan.minExpires)]] : []);

    const response = createResponse(request, 200, 'OK');
    this.deps.location.apply(extension, plan.insert, plan.update, plan.remove, () => transaction.respond(response));
    for (const binding of this.deps.location.lookup(extension)) response.addHeader('contact', contactValue(binding, now));
    response.addHeader('date', httpDate(now));
    // RFC 5626 §6: a registrar that honoured reg-id says so.
    if (contacts !== '*' && contacts.some((c) => c.params.some((p) => p.name === 'reg-id')) && request.headerValues('supported').includes('outbound')) {
      response.addHeader('require', 'outbound');
    }
  }
}
