import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { requestFrameSchema, type ServerFrame } from '../../../shared/bridge-protocol';
import type { SessionUser, WebSessions } from '../auth/web-sessions';
import type { EngineEvents } from '../engine-events';
import type { Logger } from '../logger';
import type { Caller, Dispatch } from './contract-dispatch';
import { scopeEvent } from './event-scope';
import { readCookie, SESSION_COOKIE } from './cookies';
import { isSameOrigin } from './same-origin';

/** Close code sent when the session behind a socket is gone; the client shows sign-in. */
export const CLOSE_SIGNED_OUT = 4401;
// Room for the largest contract input (extensions.import takes 2 MB of CSV) plus framing.
const MAX_FRAME_BYTES = 3 * 1024 * 1024;

/**
 * The contract over WebSocket, for browsers. Every socket belongs to a signed-in
 * session, checked at the upgrade and again for each request.
 */
export class ContractBridge {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly socketsByToken = new Map<string, Set<WebSocket>>();
  private readonly callers = new Map<WebSocket, Caller>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly dispatch: Dispatch,
    private readonly sessions: WebSessions,
    events: EngineEvents,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (this.callers.size === 0) return;
      // Each person gets what their role may see; one serialisation per distinct view.
      const texts = new Map<string, string | undefined>();
      for (const [socket, caller] of this.callers) {
        if (socket.readyState !== socket.OPEN) continue;
        const view = caller.role === 'admin' ? '*' : caller.username;
        if (!texts.has(view)) {
          const scoped = scopeEvent(event, payload as never, caller);
          texts.set(view, scoped === undefined ? undefined : JSON.stringify({ t: 'evt', ev: event, data: scoped } satisfies ServerFrame));
        }
        const text = texts.get(view);
        if (text !== undefined) socket.send(text);
      }
    });
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const user = this.sessions.resolve(token);
    if (!isSameOrigin(request.headers) || !user || !token) {
      socket.end(`HTTP/1.1 ${user ? '403 Forbidden' : '401 Unauthorized'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.serve(ws, token, user, request.socket.remoteAddress ?? '?'));
  }

  private serve(ws: WebSocket, token: string, user: SessionUser, address: string): void {
    let sockets = this.socketsByToken.get(token);
    if (!sockets) this.socketsByToken.set(token, (sockets = new Set()));
    sockets.add(ws);
    this.callers.set(ws, { username: user.username, role: user.role, origin: address });
    ws.on('close', () => {
      this.callers.delete(ws);
      sockets.delete(ws);
      if (sockets.size === 0) this.socketsByToken.delete(token);
    });
    ws.on('error', (error) => this.logger.debug({ err: error }, 'bridge socket error'));
    ws.on('message', async (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let frame;
      try {
        frame = requestFrameSchema.parse(JSON.parse(data.toString()));
      } catch {
        const reply: ServerFrame = { t: 'res', id: -1, ok: false, err: { code: 'E_BAD_FRAME', message: 'That frame is not a contract request.' } };
        return ws.send(JSON.stringify(reply));
      }
      const current = this.sessions.resolve(token);
      if (!current) return ws.close(CLOSE_SIGNED_OUT, 'signed out');
      const result = await this.dispatch(frame.ch, frame.in, { username: user.username, role: current.role, origin: address });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'res', id: frame.id, ...result } as ServerFrame));
    });
  }

  /** Closes every socket of a session that has just signed out. */
  signOut(token: string): void {
    for (const socket of this.socketsByToken.get(token) ?? []) socket.close(CLOSE_SIGNED_OUT, 'signed out');
  }

  stop(): void {
    this.unsubscribe();
    for (const socket of this.wss.clients) socket.close(1001, 'engine stopping');
    this.wss.close();
  }
}
