import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { BRIDGE_PATH } from '../../../shared/bridge-protocol';
import { ContractError, type ContractErrorShape } from '../../../shared/errors';
import type { WebLogin } from '../auth/web-login';
import type { WebSessions } from '../auth/web-sessions';
import type { Logger } from '../logger';
import type { ContractBridge } from './contract-bridge';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies';
import { isSameOrigin } from './same-origin';
import { SECURITY_HEADERS } from './content-security-policy';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;

export interface HttpServerOptions {
  bind: string;
  port: number;
  /** The built renderer (index.html and assets); absent when only the API is served. */
  rendererDir: string | undefined;
  login: WebLogin;
  sessions: WebSessions;
  bridge: ContractBridge;
  logger: Logger;
  /** With a certificate the port serves HTTPS and WSS, and cookies are Secure. */
  tls?: { key: Buffer; cert: Buffer } | undefined;
  /** Called when /health is asked, so it can report more than "up". */
  health: () => Record<string, unknown>;
}

const signInSchema = z.object({
  username: z.string().min(1, 'Enter your username.').max(64),
  password: z.string().min(1, 'Enter your password.').max(256),
});

function sendError(reply: FastifyReply, status: number, error: ContractErrorShape): FastifyReply {
  return reply.code(status).send(error);
}

const STATUS_OF: Partial<Record<ContractErrorShape['code'], number>> = {
  E_VALIDATION: 400,
  E_UNAUTHENTICATED: 401,
  E_FORBIDDEN: 403,
  E_RATE_LIMITED: 429,
};

/**
 * The engine's HTTP face: /health, sign-in, the built renderer, and the
 * WebSocket upgrades (the contract bridge, and SIP over WebSocket once a
 * handler for the `sip` subprotocol is added).
 */
export class HttpServer {
  readonly app: FastifyInstance;
  private sipUpgrade: UpgradeHandler | undefined;

  constructor(private readonly options: HttpServerOptions) {
    const secure = options.tls !== undefined;
    const app = Fastify({
      logger: false,
      bodyLimit: 64 * 1024,
      trustProxy: false,
      ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
    }) as unknown as FastifyInstance;
    this.app = app;

    app.addHook('onSend', async (_request, reply) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    });
    app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) options.logger.error({ err: error }, 'http handler failed');
      return sendError(reply, status, {
        code: status === 500 ? 'E_INTERNAL' : 'E_VALIDATION',
        message: status === 500 ? 'The engine could not do this. The details are in its log.' : (error.message ?? 'Bad request.'),
      });
    });

    app.get('/health', async () => ({ status: 'ok', ...options.health() }));

    app.get('/api/session', async (request, reply) => {
      const user = options.sessions.resolve(readCookie(request.headers.cookie, SESSION_COOKIE));
      if (!user) return sendError(reply, 401, { code: 'E_UNAUTHENTICATED', message: 'Not signed in.' });
      return { username: user.username, role: user.role };
    });

    app.post('/api/session', async (request, reply) => {
      if (!isSameOrigin(request.headers)) return sendError(reply, 403, { code: 'E_FORBIDDEN', message: 'Cross-site sign-in is not allowed.' });
      const parsed = signInSchema.safeParse(request.body);
      if (!parsed.success) {
        return sendError(reply, 400, { code: 'E_VALIDATION', message: parsed.error.issues[0]?.message ?? 'Enter a username and password.' });
      }
      try {
        const socket = request.raw.socket;
        const result = await options.login.signIn(parsed.data.username, parsed.data.password, {
          address: socket.remoteAddress ?? '?',
          port: socket.remotePort ?? 0,
          proto: 'http',
        });
        reply.header('set-cookie', sessionCookie(result.token, result.expiresAt, secure));
        return { username: result.user.username, role: result.user.role };
      } catch (error) {
        if (error instanceof ContractError) return sendError(reply, STATUS_OF[error.code] ?? 400, error.toShape());
        throw error;
      }
    });

    app.delete('/api/session', async (request, reply) => {
      if (!isSameOrigin(request.headers)) return sendError(reply, 403, { code: 'E_FORBIDDEN', message: 'Cross-site sign-out is not allowed.' });
      const token = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (token) {
        options.sessions.close(token);
        options.bridge.signOut(token);
      }
      reply.header('set-cookie', clearedSessionCookie(secure));
      return reply.code(204).send();
    });

    app.all('/api/*', async (_request, reply) => sendError(reply, 404, { code: 'E_NOT_FOUND', message: 'No such API route.' }));

    const rendererDir = options.rendererDir;
    if (rendererDir && existsSync(rendererDir)) {
      app.register(fastifyStatic, { root: rendererDir, index: 'index.html', wildcard: false });
      // The renderer routes in the URL hash, so every other GET is the app shell.
      app.setNotFoundHandler((request, reply) => {
        if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
        return sendError(reply, 404, { code: 'E_NOT_FOUND', message: 'Not found.' });
      });
    }

    app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.routeUpgrade(request, socket, head));
  }

  /** SIP over WebSocket (RFC 7118) shares this port; the SIP layer registers here. */
  setSipUpgradeHandler(handler: UpgradeHandler): void {
    this.sipUpgrade = handler;
  }

  private routeUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (request.url ?? '/').split('?')[0];
    const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim().toLowerCase());
    if (protocols.includes('sip') && this.sipUpgrade) {
      void Promise.resolve(this.sipUpgrade(request, socket, head)).catch(() => socket.destroy());
      return;
    }
    if (path === BRIDGE_PATH) return this.options.bridge.handleUpgrade(request, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  }

  async listen(): Promise<number> {
    await this.app.listen({ host: this.options.bind, port: this.options.port });
    return (this.app.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
