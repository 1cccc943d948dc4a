import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineStatus } from '../../shared/contract';
import { createContractHandlers } from './api/contract-handlers';
import { ContractBridge } from './api/contract-bridge';
import { createDispatcher, type ChannelHandlers, type Dispatch } from './api/contract-dispatch';
import { HttpServer } from './api/http-server';
import { ensureAdminAccount } from './auth/admin-bootstrap';
import { LoginGuard } from './auth/login-guard';
import { createSecurityLog, securityLogFile, type SecurityLog } from './auth/security-log';
import { WebLogin } from './auth/web-login';
import { WebSessions } from './auth/web-sessions';
import { EngineEvents } from './engine-events';
import type { Logger } from './logger';
import { openDatabase, type Db } from './store/database';
import { SettingsRepository } from './store/settings-repository';
import { UserRepository } from './store/user-repository';
import { WebSessionRepository } from './store/web-session-repository';

export interface PbxOptions {
  dataDir: string;
  version: string;
  logger: Logger;
  http: { bind: string; port: number; tls?: { key: Buffer; cert: Buffer } };
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
}

const HOUSEKEEPING_MS = 60_000;

/** The composition root: wires the store, auth, API and (later) SIP layers into one engine. */
export function createPbx(options: PbxOptions): Pbx {
  mkdirSync(options.dataDir, { recursive: true });
  const logger = options.logger;
  const db = openDatabase(join(options.dataDir, 'dialtone.sqlite'), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const security = options.securityLog ?? createSecurityLog(securityLogFile(join(options.dataDir, 'logs')));
  const events = new EngineEvents();
  const users = new UserRepository(db);
  const settings = new SettingsRepository(db);
  const sessions = new WebSessions(new WebSessionRepository(db), users);
  const login = new WebLogin(users, sessions, new LoginGuard(), security);
  const startedAt = new Date().toISOString();
  let httpPort = options.http.port;

  const status = (): EngineStatus => ({
    version: options.version,
    startedAt,
    dataDir: options.dataDir,
    http: { bind: options.http.bind, port: httpPort },
  });
  const handlers = createContractHandlers({ settings, events, status });
  const dispatch = createDispatcher(handlers, logger);
  const bridge = new ContractBridge(dispatch, sessions, events, logger);
  const http = new HttpServer({
    bind: options.http.bind,
    port: options.http.port,
    tls: options.http.tls,
    rendererDir: options.rendererDir,
    login,
    sessions,
    bridge,
    logger,
    health: () => ({ version: options.version, startedAt }),
  });
  let housekeeping: NodeJS.Timeout | undefined;

  return {
    handlers,
    dispatch,
    events,
    db,
    async start() {
      const adminPassword = await ensureAdminAccount(users, options.initialAdminPassword);
      httpPort = await http.listen();
      housekeeping = setInterval(() => sessions.purgeExpired(), HOUSEKEEPING_MS).unref();
      logger.info({ bind: options.http.bind, httpPort }, 'engine started');
      return { httpPort, adminPassword };
    },
    async stop() {
      clearInterval(housekeeping);
      bridge.stop();
      await http.close();
      db.close();
      logger.info('engine stopped');
      logger.flush();
    },
  };
}
