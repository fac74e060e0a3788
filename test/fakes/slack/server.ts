import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultAppId, defaultBotId, defaultBotUserId, defaultTeamDomain, defaultTeamId } from './payloads.ts';
import { FakeSocketMode } from './socket-mode.ts';
import type {
  AddChannelInput,
  AddUserInput,
  FakeSlackChannel,
  FakeSlackEphemeralMessage,
  FakeSlackMessage,
  FakeSlackOptions,
  FakeSlackUser,
  RecordedCall,
  RecordedResponse,
  SlackRequestBody,
  SlackResponseBody,
} from './types.ts';
import { failure, SlackWorkspace } from './web-api.ts';

export type * from './types.ts';
export type { FakeSocketMode, SocketModeAck, SocketModeEnvelopeType, SocketModePushOptions } from './socket-mode.ts';

/** A fake Slack Web API on 127.0.0.1 for the real `@slack/web-api` client and Bolt. */
export interface FakeSlack {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** `http://127.0.0.1:<port>/api/`: pass it as the WebClient's `slackApiUrl`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly appId: string;
  readonly botId: string;
  readonly botUserId: string;
  /** Every Web API request in arrival order, including rejected and rate-limited ones. */
  readonly calls: readonly RecordedCall[];
  /** Every POST to a `response_url`, in arrival order. */
  readonly responses: readonly RecordedResponse[];
  readonly ephemeralMessages: readonly FakeSlackEphemeralMessage[];
  readonly socketMode: FakeSocketMode;

  addUser(input: AddUserInput): FakeSlackUser;
  addChannel(input: AddChannelInput): FakeSlackChannel;
  callsTo(method: string): RecordedCall[];
  /** Messages the bot posted to a channel ID, or to its DM with a user ID, oldest first. */
  messagesTo(userOrChannelId: string): FakeSlackMessage[];
  homeViewOf(userId: string): Record<string, unknown> | undefined;
  getView(viewId: string): Record<string, unknown> | undefined;
  /** Makes the next `count` calls to `method` fail with `{ ok: false, error }`. */
  failNext(method: string, error: string, count?: number): void;
  /** Makes every call to `method` whose body matches fail with `{ ok: false, error }`, until the returned function is called. */
  failWhen(method: string, predicate: (body: SlackRequestBody) => boolean, error: string): () => void;
  /** Makes the next `count` calls to `method` get HTTP 429 with a `Retry-After` header. */
  rateLimitNext(method: string, retryAfterSeconds: number, count?: number): void;
  /** Returns a `response_url` on this server whose posts are recorded under `id`. */
  responseUrl(id: string): string;
  responsesTo(id: string): RecordedResponse[];
  /** Resolves with the first recorded call that matches, including calls recorded before this one. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForResponse(predicate: (response: RecordedResponse) => boolean, timeoutMs?: number): Promise<RecordedResponse>;
  /**
   * Forgets recorded calls, responses, messages, views, acks and pending failures.
   * Users and channels stay unless `directory` is true. Message `ts` values keep increasing.
   */
  reset(options?: { directory?: boolean }): void;
  close(): Promise<void>;
}

type Fault = { kind: 'error'; error: string; remaining: number } | { kind: 'rateLimit'; retryAfterSeconds: number; remaining: number };

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
}

// Object fields that the WebClient sends as JSON strings inside a form body.
const jsonEncodedFields = new Set(['blocks', 'attachments', 'view', 'metadata']);
const defaultWaitMs = 5_000;

/** Starts the fake on 127.0.0.1 with an ephemeral port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? 'xoxb-0000000000-fake-homeroom-bot';
  const appToken = options.appToken ?? 'xapp-1-A0HOMEROOM-0000000000-fake';
  if (!appToken.startsWith('xapp-')) {
    throw new Error(`Fake Slack appToken must start with "xapp-", as Slack's app-level tokens do; got "${appToken}".`);
  }
  const workspace = new SlackWorkspace({
    teamId: options.teamId ?? defaultTeamId,
    teamName: options.teamName ?? defaultTeamDomain,
    appId: options.appId ?? defaultAppId,
    botId: options.botId ?? defaultBotId,
    botUserId: options.botUserId ?? defaultBotUserId,
    firstTsSeconds: options.firstTsSeconds ?? 1_764_864_000,
  });

  const calls: RecordedCall[] = [];
  const callsByMethod = new Map<string, RecordedCall[]>();
  const responses: RecordedResponse[] = [];
  const faults = new Map<string, Fault[]>();
  const conditionalFaults = new Map<string, Array<{ predicate: (body: SlackRequestBody) => boolean; error: string }>>();
  let callWaiters: Array<Waiter<RecordedCall>> = [];
  let responseWaiters: Array<Waiter<RecordedResponse>> = [];

  let baseUrl = '';
  const socketMode = new FakeSocketMode(() => baseUrl, workspace.identity.appId);

  const recordCall = (call: RecordedCall): void => {
    calls.push(call);
    let list = callsByMethod.get(call.method);
    if (!list) {
      list = [];
      callsByMethod.set(call.method, list);
    }
    list.push(call);
    if (callWaiters.length > 0) callWaiters = notify(callWaiters, call);
  };

  const takeFault = (method: string, body: SlackRequestBody): Fault | undefined => {
    const queue = faults.get(method);
    const next = queue?.[0];
    if (queue && next) {
      next.remaining -= 1;
      if (next.remaining <= 0) queue.shift();
      return next;
    }
    const matching = conditionalFaults.get(method)?.find((fault) => fault.predicate(body));
    return matching ? { kind: 'error', error: matching.error, remaining: 0 } : undefined;
  };

  const answerApiCall = (method: string, body: SlackRequestBody, token: string | undefined): { status: number; response: SlackResponseBody; retryAfterSeconds?: number } => {
    const authError = checkToken(method, token, botToken, appToken);
    if (authError) return { status: 200, response: failure(authError) };

    const fault = takeFault(method, body);
    if (fault?.kind === 'rateLimit') {
      return { status: 429, response: failure('ratelimited'), retryAfterSeconds: fault.retryAfterSeconds };
    }
    if (fault?.kind === 'error') return { status: 200, response: failure(fault.error) };

    if (method === 'apps.connections.open') return { status: 200, response: { ok: true, url: socketMode.issueUrl() } };
    const handler = workspace.handlers.get(method);
    if (!handler) return { status: 200, response: failure('unknown_method') };
    return { status: 200, response: handler(body) };
  };

  const handleApiRequest = (method: string, request: IncomingMessage, rawBody: string, response: ServerResponse): void => {
    const parsed = parseRequestBody(request.headers['content-type'], rawBody);
    const body = parsed ?? {};
    const token = bearerToken(request.headers.authorization) ?? (typeof body.token === 'string' ? body.token : undefined);
    delete body.token;

    const answer = parsed ? answerApiCall(method, body, token) : { status: 200, response: failure('invalid_form_data') };
    recordCall({ method, body, token, time: Date.now(), status: answer.status, response: answer.response });

    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
    if (answer.retryAfterSeconds !== undefined) headers['Retry-After'] = String(answer.retryAfterSeconds);
    response.writeHead(answer.status, headers).end(JSON.stringify(answer.response));
  };

  const handleResponseUrl = (id: string, request: IncomingMessage, rawBody: string, response: ServerResponse): void => {
    const body = parseRequestBody(request.headers['content-type'], rawBody);
    if (!body) {
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid_payload');
      return;
    }
    const recorded: RecordedResponse = { id, body, time: Date.now() };
    responses.push(recorded);
    if (responseWaiters.length > 0) responseWaiters = notify(responseWaiters, recorded);
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"ok":true}');
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (request.method !== 'POST') {
        response.writeHead(405, { Allow: 'POST' }).end();
      } else if (path.startsWith('/api/')) {
        handleApiRequest(decodeURIComponent(path.slice('/api/'.length)), request, rawBody, response);
      } else if (path.startsWith('/respond/')) {
        handleResponseUrl(decodeURIComponent(path.slice('/respond/'.length)), request, rawBody, response);
      } else {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`No fake Slack route for ${path}.`);
      }
    });
  });
  server.on('upgrade', (request, socket, head: Buffer) => socketMode.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    botToken,
    appToken,
    teamId: workspace.identity.teamId,
    appId: workspace.identity.appId,
    botId: workspace.identity.botId,
    botUserId: workspace.identity.botUserId,
    calls,
    responses,
    ephemeralMessages: workspace.ephemeralMessages,
    socketMode,

    addUser: (input) => workspace.addUser(input),
    addChannel: (input) => workspace.addChannel(input),
    callsTo: (method) => [...(callsByMethod.get(method) ?? [])],
    messagesTo: (id) => workspace.messagesTo(id),
    homeViewOf: (userId) => workspace.homeViewOf(userId),
    getView: (viewId) => workspace.getView(viewId),

    failNext(method, error, count = 1) {
      addFault(faults, method, { kind: 'error', error, remaining: count });
    },
    failWhen(method, predicate, error) {
      const entry = { predicate, error };
      const list = conditionalFaults.get(method) ?? [];
      list.push(entry);
      conditionalFaults.set(method, list);
      return () => {
        const current = conditionalFaults.get(method) ?? [];
        conditionalFaults.set(
          method,
          current.filter((candidate) => candidate !== entry),
        );
      };
    },
    rateLimitNext(method, retryAfterSeconds, count = 1) {
      if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
        throw new Error(`retryAfterSeconds must be a whole number of seconds, because the WebClient parses Retry-After as an integer; got ${retryAfterSeconds}.`);
      }
      addFault(faults, method, { kind: 'rateLimit', retryAfterSeconds, remaining: count });
    },

    responseUrl: (id) => `${baseUrl}/respond/${encodeURIComponent(id)}`,
    responsesTo: (id) => responses.filter((recorded) => recorded.id === id),

    waitFor(predicate, timeoutMs = defaultWaitMs) {
      return waitForItem(calls, predicate, timeoutMs, 'Web API call', (waiter) => {
        callWaiters.push(waiter);
        return () => {
          callWaiters = callWaiters.filter((candidate) => candidate !== waiter);
        };
      });
    },
    waitForResponse(predicate, timeoutMs = defaultWaitMs) {
      return waitForItem(responses, predicate, timeoutMs, 'response_url post', (waiter) => {
        responseWaiters.push(waiter);
        return () => {
          responseWaiters = responseWaiters.filter((candidate) => candidate !== waiter);
        };
      });
    },

    reset(resetOptions = {}) {
      calls.length = 0;
      callsByMethod.clear();
      responses.length = 0;
      faults.clear();
      conditionalFaults.clear();
      workspace.reset(resetOptions.directory ?? false);
      socketMode.reset();
    },

    async close() {
      await socketMode.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Returns the error Slack sends for a missing, unknown or wrong kind of token, or undefined. */
function checkToken(method: string, token: string | undefined, botToken: string, appToken: string): string | undefined {
  if (token === undefined || token === '') return 'not_authed';
  if (token !== botToken && token !== appToken) return 'invalid_auth';
  // apps.connections.open takes only an app-level token, and every other method here takes only a bot token.
  const needsAppToken = method === 'apps.connections.open';
  if (needsAppToken !== (token === appToken)) return 'not_allowed_token_type';
  return undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** Decodes a JSON or form body, or returns undefined for a body that is neither. */
function parseRequestBody(contentType: string | undefined, rawBody: string): SlackRequestBody | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as SlackRequestBody) : undefined;
    } catch {
      return undefined;
    }
  }
  if (type !== 'application/x-www-form-urlencoded' && !(type === '' && rawBody === '')) {
    return undefined;
  }
  const body: SlackRequestBody = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    body[key] = jsonEncodedFields.has(key) ? decodeJsonField(value) : value;
  }
  return body;
}

// A value that is not valid JSON stays a string, so the method rejects it as Slack would.
function decodeJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function addFault(faults: Map<string, Fault[]>, method: string, fault: Fault): void {
  if (!Number.isInteger(fault.remaining) || fault.remaining < 1) {
    throw new Error(`count must be a positive whole number; got ${fault.remaining}.`);
  }
  const queue = faults.get(method) ?? [];
  queue.push(fault);
  faults.set(method, queue);
}

function notify<T>(waiters: Array<Waiter<T>>, item: T): Array<Waiter<T>> {
  const remaining: Array<Waiter<T>> = [];
  for (const waiter of waiters) {
    if (waiter.predicate(item)) waiter.resolve(item);
    else remaining.push(waiter);
  }
  return remaining;
}

function waitForItem<T>(
  recorded: readonly T[],
  predicate: (item: T) => boolean,
  timeoutMs: number,
  description: string,
  register: (waiter: Waiter<T>) => () => void,
): Promise<T> {
  const existing = recorded.find(predicate);
  if (existing !== undefined) return Promise.resolve(existing);
  return new Promise<T>((resolve, reject) => {
    const unregister = register({
      predicate,
      resolve: (item) => {
        clearTimeout(timer);
        resolve(item);
      },
    });
    const timer = setTimeout(() => {
      unregister();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for a matching ${description}; ${recorded.length} recorded.`));
    }, timeoutMs);
  });
}
