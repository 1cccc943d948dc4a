import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineStatus } from '../../shared/contract';
import { createContractHandlers } from './api/contract-handlers';
import { ContractBridge } from './api/contract-bridge';
import { createDispatcher, type ChannelHandlers, type Dispatch } from './api/contract-dispatch';
import { HttpServer } from './api/http-server';
import { ensureAdminAccount } from './auth/admin-bootstrap';
import { AttemptGuard, WEB_LOGIN_GUARD } from './auth/attempt-guard';
import { createSecurityLog, securityLogFile, type SecurityLog } from './auth/security-log';
import { SipAuthenticator } from './auth/sip-authenticator';
import { SipTokens } from './auth/sip-tokens';
import { extensionDigestLookup } from './auth/sip-credentials';
import { WebLogin } from './auth/web-login';
import { WebSessions } from './auth/web-sessions';
import { EngineEvents } from './engine-events';
import { ensureDesktopExtension } from './extensions/desktop-extension';
import { ExtensionAdmin } from './extensions/extension-admin';
import type { Caller } from './api/contract-dispatch';
import type { PhoneConnection } from '../../shared/phone';
import type { Logger } from './logger';
import { LocationService } from './registrar/location-service';
import { Registrar } from './registrar/registrar';
import { registrationView } from './registrar/registration-view';
import { CallController } from './calls/call-controller';
import { ContactBook } from './contacts/contact-book';
import { directory } from './contacts/directory';
import { ContactRepository } from './store/contact-repository';
import { PROVIDER_TEMPLATES } from '../../shared/trunk-templates';
import { exportPjsip } from './trunks/pjsip-export';
import { TrunkManager } from './trunks/trunk-manager';
import { TrunkService } from './trunks/trunk-service';
import { RoutingRepository } from './store/routing-repository';
import { TrunkRepository } from './store/trunk-repository';
import { MediaRelay } from './media/relay/media-relay';
import { RequestRouter } from './signalling/request-router';
import { contactFor } from './signalling/local-contact';
import { CallRecordRepository } from './store/call-record-repository';
import { DEFAULT_TIMERS } from './sip/transaction/timer-config';
import { DigestServer } from './sip/digest/digest-server';
import { NonceManager } from './sip/digest/nonce-manager';
import { SipStack } from './sip/sip-stack';
import type { SipTimerConfig } from './sip/transaction/timer-config';
import { BindingRepository } from './store/binding-repository';
import { openDatabase, type Db } from './store/database';
import { sipRealm } from './store/engine-state';
import { ExtensionRepository } from './store/extension-repository';
import { SettingsRepository } from './store/settings-repository';
import { UserRepository } from './store/user-repository';
import { WebSessionRepository } from './store/web-session-repository';

export interface PbxSipOptions {
  /** Listen addresses for UDP/TCP (and TLS); default 127.0.0.1. */
  addresses: string[];
  /** UDP and TCP port (default 5060; 0 picks a free one). */
  port: number;
  /** SIP over TLS on this port when the engine has a certificate. */
  tlsPort?: number | undefined;
  advertisedAddress?: string | undefined;
  timers?: SipTimerConfig | undefined;
  /** Lifetime of a digest nonce, in seconds (default 300). */
  nonceLifetime?: number | undefined;
  /** A TCP/TLS message not finished within this time closes its connection (default 32 s). */
  partialTimeoutMs?: number | undefined;
}

export interface PbxMediaOptions {
  /** Where RTP sockets bind; default: the first SIP address. */
  bindAddress?: string | undefined;
  /** Even RTP ports (RTCP = RTP + 1), inclusive; default 20000–29999. */
  portRange?: [number, number] | undefined;
  /** Relay worker threads; default: one per CPU. */
  workers?: number | undefined;
  /** The built worker (dist/main/media-relay-worker.js); tests running sources point here. */
  workerUrl?: URL | undefined;
}

export interface PbxOptions {
  dataDir: string;
  version: string;
  logger: Logger;
  http: { bind: string; port: number };
  sip?: PbxSipOptions;
  media?: PbxMediaOptions;
  /** One certificate for HTTPS/WSS on the HTTP port and SIP over TLS. */
  tls?: { key: Buffer; cert: Buffer } | undefined;
  /** The built renderer to serve; absent in Electron, which loads it from disk. */
  rendererDir?: string;
  /** Used only when the store has no admin yet (first start); otherwise a random one is made. */
  initialAdminPassword?: string;
  /** Where security events go; defaults to <dataDir>/logs/security.log. */
  securityLog?: SecurityLog;
  nativeBinding?: string;
}

export interface PbxStarted {
  httpPort: number;
  sipPorts: { udp: number; tcp: number; tls: number | undefined };
  /** Set on first start only: the admin password, to show once. */
  adminPassword: string | undefined;
}

export interface Pbx {
  start(): Promise<PbxStarted>;
  stop(): Promise<void>;
  readonly handlers: ChannelHandlers;
  readonly dispatch: Dispatch;
  readonly events: EngineEvents;
  readonly db: Db;
  readonly sip: SipStack;
  readonly location: LocationService;
  readonly calls: CallController;
  readonly realm: string;
}

const HOUSEKEEPING_MS = 60_000;
const DIRECTORY_COALESCE_MS = 300;
const DEFAULT_SIP: PbxSipOptions = { addresses: ['127.0.0.1'], port: 5060 };

/** The composition root: wires the store, auth, SIP, registrar and API into one engine. */
export function createPbx(options: PbxOptions): Pbx {
  mkdirSync(options.dataDir, { recursive: true });
  const logger = options.logger;
  const sipOptions = options.sip ?? DEFAULT_SIP;
  const db = openDatabase(join(options.dataDir, 'dialtone.sqlite'), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const security = options.securityLog ?? createSecurityLog(securityLogFile(join(options.dataDir, 'logs')));
  const events = new EngineEvents();
  const users = new UserRepository(db);
  const settings = new SettingsRepository(db);
  const extensions = new ExtensionRepository(db);
  const realm = sipRealm(db);
  const sessions = new WebSessions(new WebSessionRepository(db), users);
  const login = new WebLogin(users, extensions, sessions, new AttemptGuard(WEB_LOGIN_GUARD), security);
  const startedAt = new Date().toISOString();

  const location = new LocationService(new BindingRepository(db));
  location.onChange((number, bindings) => events.emit('registrations.changed', { number, registrations: bindings.map(registrationView) }));
  const digest = new DigestServer({
    realm,
    nonces: new NonceManager(sipOptions.nonceLifetime ?? 300),
    defaultAlgorithms: settings.get().sipDigestAlgorithms,
    lookup: extensionDigestLookup(extensions, () => settings.get()),
  });
  events.subscribe((event) => {
    if (event === 'settings.changed') digest.setDefaultAlgorithms(settings.get().sipDigestAlgorithms);
  });
  const authenticator = new SipAuthenticator(
    digest,
    security,
    () => settings.get().sipFailedAuthLimit,
    (id): string | undefined => sip.transport.connectionIdentity(id),
  );
  const registrar = new Registrar({ location, extensions, authenticator, settings: () => settings.get() });
  const records = new CallRecordRepository(db);
  const mediaOptions = options.media ?? {};
  let relay: MediaRelay | undefined;
  let calls!: CallController;
  let trunkService!: TrunkService;
  const sip: SipStack = new SipStack(
    {
      transport: {
        addresses: sipOptions.addresses,
        port: sipOptions.port,
        tls: options.tls && { port: sipOptions.tlsPort ?? 5061, key: options.tls.key, cert: options.tls.cert },
        advertisedAddress: sipOptions.advertisedAddress,
        wsPort: options.http.port,
        wsSecure: options.tls !== undefined,
        partialTimeoutMs: sipOptions.partialTimeoutMs,
      },
      timers: sipOptions.timers,
      onWarning: (message, details) => logger.warn(details, message),
      onConnectionClosed: (id, protocol) => location.connectionClosed(id, protocol === 'ws' || protocol === 'wss'),
    },
    (transactions) => {
      trunkService = new TrunkService({
        db,
        trunks: new TrunkRepository(db),
        routing: new RoutingRepository(db),
        extensions,
        settings: () => settings.get(),
        manager: new TrunkManager({ transactions, contactFor: (target) => contactFor(sip.transport, target, httpPort), events, logger }),
      });
      calls = new CallController({
        transactions,
        openMediaSession: () => {
          if (!relay) return Promise.reject(new Error('the media relay is not running'));
          return relay.openSession();
        },
        settings: () => settings.get(),
        logger,
        timers: sipOptions.timers ?? DEFAULT_TIMERS,
        contactFor: (target) => contactFor(sip.transport, target, httpPort),
        mediaAddress: () => sip.transport.advertisedHost(),
        location,
        extensions,
        records,
        events,
        trunks: trunkService,
      });
      return new RequestRouter({ registrar, authenticator, calls, identifyTrunk: (address) => trunkService.identify(address) });
    },
  );

  let httpPort = options.http.port;
  const status = (): EngineStatus => {
    const ports = sip.transport.ports();
    return {
      version: options.version,
      startedAt,
      dataDir: options.dataDir,
      http: { bind: options.http.bind, port: httpPort },
      sip: { addresses: sipOptions.addresses, udp: ports.udp, tcp: ports.tcp, tls: ports.tls ?? null, realm, registrations: location.bindingCount() },
    };
  };
  const extensionAdmin = new ExtensionAdmin(extensions, realm, users);
  const sipTokens = new SipTokens(db);
  const phoneConnection = async (caller: Caller): Promise<PhoneConnection> => {
    // The desktop app (IPC) gets its own extension; a browser signed in as an extension gets that one.
    const number = caller.origin === 'ipc' ? ensureDesktopExtension(db, extensions, extensionAdmin) : caller.role === 'user' ? caller.username : undefined;
    const row = number === undefined ? undefined : extensions.find(number);
    if (!row) return { available: false, reason: 'To use the phone in this browser, sign in with your extension number and its password.' };
    const token = encodeURIComponent(await sipTokens.mint(row.number));
    const path = `/sip?token=${token}`;
    const host = sip.transport.advertisedHost();
    return {
      available: true,
      extension: row.number,
      displayName: row.name,
      domain: host.includes(':') ? `[${host}]` : host,
      webSocketUrl: caller.origin === 'ipc' ? `${options.tls ? 'wss' : 'ws'}://127.0.0.1:${httpPort}${path}` : path,
      iceServers: [],
    };
  };
  const officeDirectory = () => directory(extensions, location, calls.active());
  // Presence follows registrations and calls; everyone signed in may watch it. Changes are
  // coalesced: a registration storm must not rebuild the whole directory per REGISTER.
  let directoryTimer: NodeJS.Timeout | undefined;
  events.subscribe((event) => {
    if ((event !== 'registrations.changed' && event !== 'calls.changed') || directoryTimer) return;
    directoryTimer = setTimeout(() => {
      directoryTimer = undefined;
      events.emit('directory.changed', officeDirectory());
    }, DIRECTORY_COALESCE_MS);
    directoryTimer.unref();
  });
  const handlers = createContractHandlers({
    phoneConnection,
    contacts: new ContactBook(new ContactRepository(db)),
    directory: officeDirectory,
    trunks: trunkService,
    templates: PROVIDER_TEMPLATES,
    exportPjsip: () => exportPjsip(new TrunkRepository(db).all(), extensions.list()),
    settings,
    events,
    status,
    extensions,
    extensionAdmin,
    location,
    calls,
    records,
  });
  const dispatch = createDispatcher(handlers, logger);
  const bridge = new ContractBridge(dispatch, sessions, events, logger);
  const http = new HttpServer({
    bind: options.http.bind,
    port: options.http.port,
    tls: options.tls,
    rendererDir: options.rendererDir,
    login,
    sessions,
    bridge,
    logger,
    health: () => ({ version: options.version, startedAt }),
  });
  // SIP over WebSocket: a ?token= (minted for a signed-in person's own phone) makes the connection that extension.
  http.setSipUpgradeHandler(async (request, socket, head) => {
    const token = new URL(request.url ?? '/', 'http://engine').searchParams.get('token');
    const identity = token ? await sipTokens.verify(token) : undefined;
    if (token && !identity) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sip.transport.handleWebSocketUpgrade(request, socket, head, identity);
  });
  let housekeeping: NodeJS.Timeout | undefined;

  return {
    handlers,
    dispatch,
    events,
    db,
    sip,
    location,
    get calls() {
      return calls;
    },
    realm,
    async start() {
      const adminPassword = await ensureAdminAccount(users, options.initialAdminPassword);
      location.load();
      location.start();
      await sip.start();
      relay = await MediaRelay.start({
        // An IPv4 address when there is one: most phones and trunks send media over IPv4.
        bindAddress: mediaOptions.bindAddress ?? sipOptions.addresses.find((a) => !a.includes(':')) ?? sipOptions.addresses[0] ?? '127.0.0.1',
        portRange: mediaOptions.portRange ?? [20000, 29999],
        ...(mediaOptions.workers ? { workers: mediaOptions.workers } : {}),
        ...(mediaOptions.workerUrl ? { workerUrl: mediaOptions.workerUrl } : {}),
        inactivityTimeoutMs: settings.get().mediaTimeoutSeconds * 1000,
        onWorkerError: (error, context) => logger.error({ err: error, ...context }, 'a media worker failed; its calls were ended'),
      });
      const liveRelay = relay;
      events.subscribe((event) => {
        if (event === 'settings.changed') liveRelay.setInactivityTimeout(settings.get().mediaTimeoutSeconds * 1000);
      });
      httpPort = await http.listen();
      await trunkService.start();
      housekeeping = setInterval(() => sessions.purgeExpired(), HOUSEKEEPING_MS).unref();
      const sipPorts = sip.transport.ports();
      logger.info({ bind: options.http.bind, httpPort, sipPorts, realm }, 'engine started');
      return { httpPort, sipPorts, adminPassword };
    },
    async stop() {
      clearInterval(housekeeping);
      clearTimeout(directoryTimer);
      await calls.stop();
      await trunkService.stop();
      location.stop();
      bridge.stop();
      await Promise.all([http.close(), sip.stop(), relay?.stop()]);
      db.close();
      logger.info('engine stopped');
      logger.flush();
    },
  };
}
