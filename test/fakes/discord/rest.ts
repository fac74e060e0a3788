import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESTJSONErrorCodes } from 'discord.js';
import { FakeApiError, messageForCode, splitPath, type ApiFailure, type FailureQueue } from './errors.ts';
import type { SnowflakeGenerator } from './snowflake.ts';
import type { StoredAttachment } from './state.ts';

/** One request the fake received, as the tests see it. */
export interface RestCall {
  method: string;
  /** The path after `/api/v10`, for example `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, or the `payload_json` part of a multipart body. */
  body: unknown;
  /** Names of the files of a multipart body. */
  files: string[];
  /** Whether the request carried the bot's token. */
  authorized: boolean;
  /** The response status; 0 until the fake has responded. */
  status: number;
  at: number;
}

export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  attachments: StoredAttachment[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Discord's path with `:name` parameters, for example `/channels/:channelId/messages`. */
  template: string;
  /** Whether the route needs `Authorization: Bot <token>`; interaction and webhook-token routes do not. */
  auth: boolean;
  handle(context: RouteContext): RouteResult;
}

// Rate-limit headers go on every response, so discord.js's rate-limit handler sees a bucket it never exhausts.
// NOTE: the remaining count never drops, so clients only wait when a test injects a 429.
const BUCKET_LIMIT = 5;
const BUCKET_RESET_AFTER_SECONDS = 1;
const DEFAULT_RETRY_AFTER_SECONDS = 0.5;
// Discord accepts request bodies and files up to this size for bots without boosts.
const MAX_BODY_BYTES = 25 * 1024 * 1024;
const API_PREFIX = /^\/api\/v(\d+)(\/.*)?$/;

/** The HTTP side of the fake: Discord's REST API v10 under `/api/v10`, plus uploaded files. */
export class RestServer {
  private readonly server: Server;
  private readonly attachments = new Map<string, StoredAttachment>();
  private baseUrl = '';
  /** Errors thrown by route handlers (bugs in the fake), which get a 500 response. */
  readonly internalErrors: Error[] = [];

  constructor(
    private readonly options: {
      token: string;
      routes: RouteDefinition[];
      failures: FailureQueue;
      calls: RestCall[];
      snowflakes: SnowflakeGenerator;
    },
  ) {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  /** The value for discord.js's `rest.api` option. */
  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    // undici keeps connections alive; closing them lets `close` return at once.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();

    if (url.pathname.startsWith('/attachments/') && method === 'GET') {
      this.serveAttachment(url.pathname, response);
      return;
    }

    const prefix = API_PREFIX.exec(url.pathname);
    if (!prefix) {
      sendJson(response, 404, { message: '404: Not Found', code: 0 });
      return;
    }
    if (prefix[1] !== '10') {
      sendJson(response, 400, { message: messageForCode(RESTJSONErrorCodes.InvalidAPIVersion, 400), code: 50041 });
      return;
    }
    const path = prefix[2] ?? '/';
    const call: RestCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      authorized: request.headers.authorization === `Bot ${this.options.token}`,
      status: 0,
      at: Date.now(),
    };
    this.options.calls.push(call);

    try {
      const { body, attachments } = await this.readBody(request);
      call.body = body;
      call.files = attachments.map((attachment) => attachment.filename);
      const result = this.route(method, path, url.searchParams, body, attachments, call.authorized, response);
      call.status = result.status;
    } catch (error) {
      call.status = this.sendError(response, error, undefined);
    }
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    attachments: StoredAttachment[],
    authorized: boolean,
    response: ServerResponse,
  ): RouteResult {
    const segments = splitPath(path);
    const candidates = this.options.routes
      .map((route) => ({ route, params: matchTemplate(route.template, segments) }))
      .filter((candidate) => candidate.params !== undefined);
    const match = candidates.find((candidate) => candidate.route.method === method);
    if (!match) {
      const result =
        candidates.length > 0
          ? { status: 405, body: { message: '405: Method Not Allowed', code: 0 } }
          : { status: 404, body: { message: '404: Not Found', code: 0 } };
      sendJson(response, result.status, result.body);
      return result;
    }

    const { route } = match;
    const bucket = bucketHash(method, route.template);
    if (route.auth && !authorized) {
      const result = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      sendJson(response, result.status, result.body, rateLimitHeaders(bucket));
      return result;
    }

    const failure = this.options.failures.take(method, path);
    if (failure) return this.sendFailure(response, failure, bucket);

    try {
      const result = route.handle({ method, path, params: match.params!, query, body, attachments });
      if (result.status === 204) {
        response.writeHead(204, rateLimitHeaders(bucket)).end();
      } else {
        sendJson(response, result.status, result.body, rateLimitHeaders(bucket));
      }
      return result;
    } catch (error) {
      return { status: this.sendError(response, error, bucket) };
    }
  }

  private sendFailure(response: ServerResponse, failure: ApiFailure, bucket: string): RouteResult {
    const code = failure.code ?? 0;
    const message = failure.message ?? messageForCode(code, failure.status);
    if (failure.status !== 429) {
      const body: Record<string, unknown> = { message, code };
      if (failure.errors) body.errors = failure.errors;
      sendJson(response, failure.status, body, rateLimitHeaders(bucket));
      return { status: failure.status, body };
    }

    const retryAfter = failure.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS;
    const body: Record<string, unknown> = { message, retry_after: retryAfter, global: failure.global ?? false };
    if (failure.code !== undefined) body.code = failure.code;
    // NOTE: Discord rounds `Retry-After` up to whole seconds; the fake sends the exact value so tests stay fast.
    const headers: Record<string, string> = {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Limit': String(BUCKET_LIMIT),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': (Date.now() / 1000 + retryAfter).toFixed(3),
      'X-RateLimit-Reset-After': retryAfter.toFixed(3),
      'X-RateLimit-Bucket': bucket,
      'X-RateLimit-Scope': failure.global ? 'global' : 'user',
    };
    if (failure.global) headers['X-RateLimit-Global'] = 'true';
    sendJson(response, 429, body, headers);
    return { status: 429, body };
  }

  private sendError(response: ServerResponse, error: unknown, bucket: string | undefined): number {
    const headers = bucket ? rateLimitHeaders(bucket) : {};
    if (error instanceof FakeApiError) {
      sendJson(response, error.status, error.toBody(), headers);
      return error.status;
    }
    const internal = error instanceof Error ? error : new Error(String(error));
    this.internalErrors.push(internal);
    sendJson(response, 500, { message: `Fake Discord failed: ${internal.message}`, code: 0 }, headers);
    return 500;
  }

  private async readBody(request: IncomingMessage): Promise<{ body: unknown; attachments: StoredAttachment[] }> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) throw new FakeApiError(413, 40005, 'Request entity too large');
      chunks.push(buffer);
    }
    const raw = Buffer.concat(chunks);
    if (raw.length === 0) return { body: undefined, attachments: [] };

    const contentType = request.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) return this.readMultipart(raw, contentType);
    return { body: parseJson(raw.toString('utf8')), attachments: [] };
  }

  // discord.js sends files as multipart/form-data: `payload_json` plus `files[n]` parts.
  private async readMultipart(
    raw: Buffer,
    contentType: string,
  ): Promise<{ body: unknown; attachments: StoredAttachment[] }> {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const payload = form.get('payload_json');
    const body = typeof payload === 'string' ? parseJson(payload) : {};
    const attachments: StoredAttachment[] = [];
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json' || typeof value === 'string') continue;
      const data = Buffer.from(await value.arrayBuffer());
      attachments.push(this.registerAttachment(value.name || key, data, value.type || undefined));
    }
    return { body, attachments };
  }

  /** Stores a file and serves it at the returned attachment's `url`, as Discord's CDN would. */
  registerAttachment(filename: string, data: Buffer, contentType: string | undefined): StoredAttachment {
    const id = this.options.snowflakes.next();
    const attachment: StoredAttachment = {
      id,
      filename,
      contentType,
      data,
      url: `${this.baseUrl}/attachments/${id}/${encodeURIComponent(filename)}`,
    };
    this.attachments.set(id, attachment);
    return attachment;
  }

  private serveAttachment(pathname: string, response: ServerResponse): void {
    const [, , id] = pathname.split('/');
    const attachment = id ? this.attachments.get(id) : undefined;
    if (!attachment) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { 'Content-Type': attachment.contentType ?? 'application/octet-stream' })
      .end(attachment.data);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FakeApiError(400, RESTJSONErrorCodes.RequestBodyContainsInvalidJSON);
  }
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | undefined {
  const templateSegments = splitPath(template);
  if (templateSegments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, templateSegment] of templateSegments.entries()) {
    const segment = segments[index]!;
    if (templateSegment.startsWith(':')) {
      params[templateSegment.slice(1)] = decodeURIComponent(segment);
    } else if (templateSegment !== segment) {
      return undefined;
    }
  }
  return params;
}

function bucketHash(method: string, template: string): string {
  return createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 32);
}

function rateLimitHeaders(bucket: string): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(BUCKET_LIMIT),
    'X-RateLimit-Remaining': String(BUCKET_LIMIT - 1),
    'X-RateLimit-Reset': (Date.now() / 1000 + BUCKET_RESET_AFTER_SECONDS).toFixed(3),
    'X-RateLimit-Reset-After': BUCKET_RESET_AFTER_SECONDS.toFixed(3),
    'X-RateLimit-Bucket': bucket,
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
