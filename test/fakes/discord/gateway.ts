import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord.js';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

export interface ConnectionRecord {
  /** `/` for the URL from `GET /gateway/bot`, `/resume` for `resume_gateway_url`. */
  path: string;
  version: string | null;
  encoding: string | null;
  compress: string | null;
  at: number;
}

export interface IdentifyRecord {
  sessionId: string;
  intents: number;
  shard: unknown;
  /** Whether the client asked for payload compression, which the fake ignores. */
  compress: boolean;
  properties: unknown;
  at: number;
}

export interface ResumeRecord {
  sessionId: string;
  seq: number;
  /** False when the fake sent INVALID_SESSION instead. */
  accepted: boolean;
  /** Dispatches sent again because the client had missed them. */
  replayed: number;
  at: number;
}

export interface CloseRecord {
  code: number;
  /** Who closed the socket. */
  by: 'client' | 'server';
  sessionId: string | undefined;
  at: number;
}

export interface DispatchRecord {
  t: string;
  s: number;
  sessionId: string;
  /** Whether the session had a socket to send it on; otherwise it waits for a resume. */
  delivered: boolean;
}

/** What happened on the gateway, updated live. */
export interface GatewayEventLog {
  connections: ConnectionRecord[];
  identifies: IdentifyRecord[];
  resumes: ResumeRecord[];
  heartbeats: number;
  /** INVALID_SESSION (op 9) payloads sent. */
  invalidSessions: number;
  /** RECONNECT (op 7) payloads sent. */
  reconnectRequests: number;
  closes: CloseRecord[];
  dispatches: DispatchRecord[];
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** Builds READY's `d` for a new session. */
  readyPayload(sessionId: string, resumeGatewayUrl: string): Record<string, unknown>;
  /** Runs after READY so the server can send GUILD_CREATE for each guild. */
  onSessionReady(session: GatewaySession): void;
}

interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

/** A gateway session: it outlives a socket until it is invalidated, so a client can resume it. */
export class GatewaySession {
  seq = 0;
  readonly log: DispatchPayload[] = [];
  connection: WebSocket | undefined;
  /** `detached` sessions keep their events for a resume; `invalid` ones get nothing more. */
  status: 'live' | 'detached' | 'invalid' = 'live';

  constructor(
    readonly id: string,
    readonly intents: number,
  ) {}
}

interface Outage {
  timer: NodeJS.Timeout | undefined;
  end: () => void;
}

interface ConnectionState {
  session: GatewaySession | undefined;
}

// Ops a client may send after IDENTIFY; the fake accepts them and does nothing.
const IGNORED_CLIENT_OPS = new Set<number>([
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
  GatewayOpcodes.RequestSoundboardSounds,
]);
// Clients that close with these codes end their session, as on Discord.
const SESSION_ENDING_CLOSE_CODES = new Set([1000, 1001]);

/** The fake's WebSocket gateway (API v10, JSON, no compression) on its own port, like gateway.discord.gg. */
export class GatewayServer {
  readonly events: GatewayEventLog = {
    connections: [],
    identifies: [],
    resumes: [],
    heartbeats: 0,
    invalidSessions: 0,
    reconnectRequests: 0,
    closes: [],
    dispatches: [],
  };
  private readonly server: Server;
  private readonly webSocketServer = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly connections = new Map<WebSocket, ConnectionState>();
  private port = 0;
  private outage: Outage | undefined;
  private closed = false;

  constructor(private readonly options: GatewayOptions) {
    this.server = createServer((_request, response) => {
      response
        .writeHead(426, { 'Content-Type': 'text/plain' })
        .end('The gateway accepts WebSocket connections only.\n');
    });
    this.server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) =>
      this.upgrade(request, socket, head),
    );
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get resumeUrl(): string {
    return `${this.url}/resume`;
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Sessions that can still receive events (live, or detached and resumable). */
  activeSessions(): GatewaySession[] {
    return [...this.sessions.values()].filter((session) => session.status !== 'invalid');
  }

  liveSessions(): GatewaySession[] {
    return [...this.sessions.values()].filter((session) => session.status === 'live');
  }

  /**
   * Sends a dispatch to every active session and returns how many got it.
   * `build` returns the data for one session, or undefined to skip a session whose intents exclude the event.
   */
  dispatch(t: string, build: (session: GatewaySession) => unknown): number {
    let count = 0;
    for (const session of this.activeSessions()) {
      const data = build(session);
      if (data === undefined) continue;
      this.sendDispatch(session, t, data);
      count += 1;
    }
    return count;
  }

  sendDispatch(session: GatewaySession, t: string, d: unknown): void {
    session.seq += 1;
    const payload: DispatchPayload = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.log.push(payload);
    const socket = session.status === 'live' ? session.connection : undefined;
    const delivered = socket?.readyState === WebSocket.OPEN;
    if (delivered) socket.send(JSON.stringify(payload));
    this.events.dispatches.push({ t, s: session.seq, sessionId: session.id, delivered });
  }

  /**
   * Makes every live session's client reconnect. A resumable reconnect sends
   * RECONNECT (op 7) and keeps later events for the resume. Otherwise the
   * session is invalidated and the socket closed with `closeCode` (4009, session
   * timed out, by default), so a client that tries to resume gets INVALID_SESSION
   * and identifies again. Returns how many sessions were affected.
   */
  forceReconnect(resumable: boolean, closeCode: number = GatewayCloseCodes.SessionTimedOut): number {
    const sessions = this.liveSessions();
    for (const session of sessions) {
      const socket = session.connection;
      if (resumable) {
        session.status = 'detached';
        this.events.reconnectRequests += 1;
        socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null }));
      } else {
        session.status = 'invalid';
        if (socket) this.closeFromServer(socket, closeCode, 'Session timed out');
      }
    }
    return sessions.length;
  }

  /**
   * Drops every socket and refuses connections for `ms` milliseconds, as in a
   * gateway outage; sessions stay resumable. Resolves once connections are accepted again.
   */
  async disconnectFor(ms: number): Promise<void> {
    if (this.outage) throw new Error('The gateway is already in an outage: await the previous disconnectFor first');
    const outage: Outage = { timer: undefined, end: () => {} };
    this.outage = outage;
    try {
      const port = this.port;
      const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
      for (const socket of [...this.connections.keys()]) {
        // terminate() drops the TCP connection without a close frame, so the client sees code 1006.
        this.release(socket, 1006);
        socket.terminate();
      }
      this.server.closeAllConnections();
      await stopped;

      await new Promise<void>((resolve) => {
        outage.end = resolve;
        outage.timer = setTimeout(resolve, ms);
      });
      if (this.closed) return;
      // The port stays the same because clients keep the URLs they were given.
      await this.listen(port);
    } finally {
      this.outage = undefined;
    }
  }


  async close(): Promise<void> {
    this.closed = true;
    // Ends a running outage early, so its disconnectFor promise settles.
    if (this.outage) {
      clearTimeout(this.outage.timer);
      this.outage.end();
    }
    for (const socket of this.connections.keys()) socket.terminate();
    this.webSocketServer.close();
    this.server.closeAllConnections();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const encoding = url.searchParams.get('encoding');
    if (url.pathname !== '/' && url.pathname !== '/resume') {
      rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    // Discord also supports ETF, but this fake supports JSON only and rejects the handshake with the reason.
    if (encoding !== null && encoding !== 'json') {
      rejectUpgrade(socket, 400, `Unsupported encoding "${encoding}": the fake gateway supports encoding=json only`);
      return;
    }
    this.webSocketServer.handleUpgrade(request, socket, head, (webSocket) => {
      this.events.connections.push({
        path: url.pathname,
        version: url.searchParams.get('v'),
        encoding,
        compress: url.searchParams.get('compress'),
        at: Date.now(),
      });
      this.accept(webSocket, url.searchParams.get('v'));
    });
  }

  private accept(socket: WebSocket, version: string | null): void {
    const state: ConnectionState = { session: undefined };
    this.connections.set(socket, state);
    socket.on('close', (code) => this.onClientClose(socket, code));
    socket.on('error', () => socket.terminate());

    if (version !== '10') {
      this.closeFromServer(socket, GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    // A `compress` query or IDENTIFY's `compress` flag is ignored: every payload is a JSON text frame.
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs },
        s: null,
        t: null,
      }),
    );
    socket.on('message', (data, isBinary) => this.onMessage(socket, state, data, isBinary));
  }

  private onMessage(socket: WebSocket, state: ConnectionState, data: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary frame');
      payload = JSON.parse(rawDataToString(data)) as { op?: unknown; d?: unknown };
    } catch {
      this.closeFromServer(socket, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    const d = (typeof payload.d === 'object' && payload.d !== null ? payload.d : {}) as Record<string, unknown>;

    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.events.heartbeats += 1;
        socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null }));
        break;
      case GatewayOpcodes.Identify:
        this.identify(socket, state, d);
        break;
      case GatewayOpcodes.Resume:
        this.resume(socket, state, d);
        break;
      default:
        if (typeof payload.op === 'number' && IGNORED_CLIENT_OPS.has(payload.op)) {
          if (!state.session) this.closeFromServer(socket, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          break;
        }
        this.closeFromServer(socket, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  private identify(socket: WebSocket, state: ConnectionState, d: Record<string, unknown>): void {
    if (state.session) {
      this.closeFromServer(socket, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (d.token !== this.options.token) {
      this.closeFromServer(socket, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    if (d.shard !== undefined && JSON.stringify(d.shard) !== '[0,1]') {
      this.closeFromServer(socket, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    const intents = d.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
      this.closeFromServer(socket, GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return;
    }

    // NOTE: privileged intents are granted without the portal switch that Discord requires (close code 4014).
    const session = new GatewaySession(randomBytes(16).toString('hex'), intents);
    session.connection = socket;
    state.session = session;
    this.sessions.set(session.id, session);
    this.events.identifies.push({
      sessionId: session.id,
      intents,
      shard: d.shard,
      compress: d.compress === true,
      properties: d.properties,
      at: Date.now(),
    });

    this.sendDispatch(session, 'READY', this.options.readyPayload(session.id, this.resumeUrl));
    this.options.onSessionReady(session);
  }

  private resume(socket: WebSocket, state: ConnectionState, d: Record<string, unknown>): void {
    if (state.session) {
      this.closeFromServer(socket, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (d.token !== this.options.token) {
      this.closeFromServer(socket, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : -1;
    const record: ResumeRecord = { sessionId: String(d.session_id), seq, accepted: false, replayed: 0, at: Date.now() };
    this.events.resumes.push(record);

    if (!session || session.status === 'invalid') {
      this.events.invalidSessions += 1;
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }));
      return;
    }
    if (seq < 0 || seq > session.seq) {
      this.closeFromServer(socket, GatewayCloseCodes.InvalidSeq, 'Invalid seq.');
      return;
    }
    const previous = session.connection;
    if (previous && previous !== socket && previous.readyState === WebSocket.OPEN) previous.terminate();

    session.connection = socket;
    session.status = 'live';
    state.session = session;
    record.accepted = true;
    for (const payload of session.log.filter((entry) => entry.s > seq)) {
      socket.send(JSON.stringify(payload));
      record.replayed += 1;
    }
    this.sendDispatch(session, 'RESUMED', null);
  }

  private closeFromServer(socket: WebSocket, code: number, reason: string): void {
    this.release(socket, code);
    socket.close(code, reason);
  }

  /** Records a close by the server and detaches the socket's session, which stays resumable unless invalid. */
  private release(socket: WebSocket, code: number): void {
    const session = this.connections.get(socket)?.session;
    this.events.closes.push({ code, by: 'server', sessionId: session?.id, at: Date.now() });
    this.connections.delete(socket);
    if (session?.connection === socket) {
      session.connection = undefined;
      if (session.status === 'live') session.status = 'detached';
    }
  }

  private onClientClose(socket: WebSocket, code: number): void {
    const state = this.connections.get(socket);
    // Sockets the server closed or dropped were recorded and released already.
    if (!state) return;
    this.connections.delete(socket);
    const session = state.session;
    this.events.closes.push({ code, by: 'client', sessionId: session?.id, at: Date.now() });
    if (session?.connection === socket) {
      session.connection = undefined;
      if (SESSION_ENDING_CLOSE_CODES.has(code)) {
        session.status = 'invalid';
      } else if (session.status === 'live') {
        session.status = 'detached';
      }
    }
  }
}

function rejectUpgrade(socket: Socket, status: number, message: string): void {
  const statusText = status === 404 ? 'Not Found' : 'Bad Request';
  const head = [
    `HTTP/1.1 ${status} ${statusText}`,
    'Content-Type: text/plain',
    `Content-Length: ${Buffer.byteLength(message)}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${message}`);
}

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
