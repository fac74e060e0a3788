import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildEventCallback, type EventEnvelopeOptions } from './payloads.ts';

export type SocketModeEnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketModePushOptions {
  envelopeId?: string;
  /** Defaults to true for slash commands and interactions, false for events, as Slack sends them. */
  acceptsResponsePayload?: boolean;
  /** Only for `events_api`: the delivery attempt, 0 for the first. */
  retryAttempt?: number;
  retryReason?: string;
}

/** An acknowledgement the client sent over the WebSocket. */
export interface SocketModeAck {
  envelope_id: string;
  payload: Record<string, unknown>;
  time: number;
}

/**
 * The WebSocket side of Socket Mode: hands out single-use connection URLs,
 * greets each connection with `hello`, pushes envelopes and records acks.
 */
export class FakeSocketMode {
  readonly acks: SocketModeAck[] = [];

  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sockets: WebSocket[] = [];
  private readonly tickets = new Set<string>();
  private readonly ackWaiters = new Map<string, Array<(ack: SocketModeAck) => void>>();
  private readonly connectionWaiters: Array<() => void> = [];

  constructor(
    private readonly baseUrl: () => string,
    private readonly appId: string,
  ) {}

  get connectionCount(): number {
    return this.sockets.length;
  }

  /** Returns a `ws://` URL with a single-use ticket, in the place of the `wss://` URL that `apps.connections.open` returns. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.baseUrl().replace(/^http/, 'ws')}/socket-mode?ticket=${ticket}`;
  }

  /** Accepts an HTTP upgrade for `/socket-mode` whose ticket was issued and not used yet. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/socket-mode' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  /** Resolves once at least `count` clients are connected and greeted. */
  async waitForConnection(count = 1, timeoutMs = 5_000): Promise<void> {
    if (this.sockets.length >= count) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${count} Socket Mode connection(s); ${this.sockets.length} connected.`));
      }, timeoutMs);
      const check = (): void => {
        if (this.sockets.length >= count) {
          clearTimeout(timer);
          remove();
          resolve();
        }
      };
      const remove = (): void => {
        const index = this.connectionWaiters.indexOf(check);
        if (index >= 0) this.connectionWaiters.splice(index, 1);
      };
      this.connectionWaiters.push(check);
    });
  }

  /**
   * Sends one envelope to the newest connection and returns its `envelope_id`.
   * Throws when no client is connected, so that a test never pushes into an empty room.
   * NOTE: Slack spreads envelopes over all of an app's connections. This fake always picks the newest.
   */
  push(type: SocketModeEnvelopeType, payload: Record<string, unknown>, options: SocketModePushOptions = {}): string {
    const socket = this.sockets.at(-1);
    if (!socket) {
      throw new Error(`Cannot push a ${type} envelope: no Socket Mode client is connected.`);
    }
    const envelopeId = options.envelopeId ?? randomUUID();
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
    };
    if (type === 'events_api') {
      envelope.retry_attempt = options.retryAttempt ?? 0;
      envelope.retry_reason = options.retryReason ?? '';
    }
    socket.send(JSON.stringify(envelope));
    return envelopeId;
  }

  /** Wraps `event` in an `event_callback` body and pushes it as `events_api`. */
  pushEvent(event: Record<string, unknown>, options: SocketModePushOptions & EventEnvelopeOptions = {}): string {
    return this.push('events_api', buildEventCallback(event, options), options);
  }

  /** Resolves with the ack for `envelopeId`, at once if it already arrived. */
  async waitForAck(envelopeId: string, timeoutMs = 5_000): Promise<SocketModeAck> {
    const existing = this.acks.find((ack) => ack.envelope_id === envelopeId);
    if (existing) return existing;
    return await new Promise<SocketModeAck>((resolve, reject) => {
      const waiters = this.ackWaiters.get(envelopeId) ?? [];
      const onAck = (ack: SocketModeAck): void => {
        clearTimeout(timer);
        resolve(ack);
      };
      const timer = setTimeout(() => {
        const remaining = (this.ackWaiters.get(envelopeId) ?? []).filter((waiter) => waiter !== onAck);
        if (remaining.length === 0) this.ackWaiters.delete(envelopeId);
        else this.ackWaiters.set(envelopeId, remaining);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for the ack of envelope ${envelopeId}.`));
      }, timeoutMs);
      waiters.push(onAck);
      this.ackWaiters.set(envelopeId, waiters);
    });
  }

  /** Sends Slack's `disconnect` message to every client. The real SocketModeClient then reconnects unless autoReconnectEnabled is false. */
  requestReconnect(reason = 'refresh_requested'): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } });
    for (const socket of this.sockets) socket.send(message);
  }

  reset(): void {
    this.acks.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.length = 0;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.push(socket);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.recordAck(data.toString());
    });
    socket.on('close', () => {
      const index = this.sockets.indexOf(socket);
      if (index >= 0) this.sockets.splice(index, 1);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.length,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.appId },
      }),
    );
    for (const waiter of [...this.connectionWaiters]) waiter();
  }

  private recordAck(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      // The real client sends only JSON acks; anything else is not an ack to record.
      return;
    }
    if (message === null || typeof message !== 'object' || !('envelope_id' in message)) return;
    const { envelope_id: envelopeId, payload } = message as { envelope_id: unknown; payload?: unknown };
    if (typeof envelopeId !== 'string') return;
    const ack: SocketModeAck = {
      envelope_id: envelopeId,
      payload: payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {},
      time: Date.now(),
    };
    this.acks.push(ack);
    const waiters = this.ackWaiters.get(envelopeId);
    if (waiters) {
      this.ackWaiters.delete(envelopeId);
      for (const waiter of waiters) waiter(ack);
    }
  }
}
