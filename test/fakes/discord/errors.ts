import { RESTJSONErrorCodes } from 'discord.js';

/** A failure that the fake responds with instead of running the route. */
export interface ApiFailure {
  /** HTTP status, for example 403 or 429. */
  status: number;
  /** Discord's JSON error code; defaults to 0 as on Discord's generic errors. */
  code?: number;
  /** Defaults to Discord's text for a known code. */
  message?: string;
  /** Seconds to wait, for a 429; defaults to 0.5. Sent in the body and the `Retry-After` header. */
  retryAfter?: number;
  /** For a 429: whether the global rate limit was hit (adds `X-RateLimit-Global`). */
  global?: boolean;
  /** Field errors of a 50035 Invalid Form Body response. */
  errors?: Record<string, unknown>;
}

// Texts as Discord's API returns them for these codes.
const knownMessages = new Map<number, string>([
  [RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel'],
  [RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'],
  [RESTJSONErrorCodes.UnknownMessage, 'Unknown Message'],
  [RESTJSONErrorCodes.UnknownUser, 'Unknown User'],
  [RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook'],
  [RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction'],
  [RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'Interaction has already been acknowledged'],
  [RESTJSONErrorCodes.MissingAccess, 'Missing Access'],
  [RESTJSONErrorCodes.CannotExecuteActionOnDMChannel, 'Cannot execute action on a DM channel'],
  [RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser, 'Cannot edit a message authored by another user'],
  [RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message'],
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'Cannot send messages to this user'],
  [
    RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
    'Cannot send messages to this user due to having no mutual guilds',
  ],
  [RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions'],
  [RESTJSONErrorCodes.InvalidWebhookToken, 'Invalid Webhook Token'],
  [RESTJSONErrorCodes.InvalidRecipients, 'Invalid Recipient(s)'],
  [RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body'],
  [RESTJSONErrorCodes.InvalidAPIVersion, 'Invalid API version provided'],
  [RESTJSONErrorCodes.RequestBodyContainsInvalidJSON, 'The request body contains invalid JSON.'],
]);

/** Returns Discord's message for an error code, or a generic one. */
export function messageForCode(code: number, status: number): string {
  if (status === 429) return 'You are being rate limited.';
  return knownMessages.get(code) ?? `${status}: Fake Discord error`;
}

/** An error response, thrown by a route handler and sent as Discord's JSON error body. */
export class FakeApiError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: Record<string, unknown> | undefined;

  constructor(status: number, code: number, message?: string, errors?: Record<string, unknown>) {
    super(message ?? messageForCode(code, status));
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  toBody(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message, code: this.code };
    if (this.errors) body.errors = this.errors;
    return body;
  }
}

/**
 * Builds a 50035 Invalid Form Body error in Discord's nested shape, where
 * `field` is a dotted path such as `data.content` or `0.name`.
 */
export function invalidFormBody(field: string, errorCode: string, message: string): FakeApiError {
  const errors: Record<string, unknown> = {};
  let cursor = errors;
  const parts = field.split('.');
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1) {
      cursor[part] = { _errors: [{ code: errorCode, message }] };
    } else {
      const next: Record<string, unknown> = {};
      cursor[part] = next;
      cursor = next;
    }
  }
  return new FakeApiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, undefined, errors);
}

interface FailureRule {
  method: string | undefined;
  segments: string[] | undefined;
  pattern: RegExp | undefined;
  failure: ApiFailure;
  remaining: number;
}

/**
 * Failures queued by `failNext`. A string pattern is `"METHOD /path"`, or `"/path"` for any method.
 * In it, a `:name` segment matches any one segment. A RegExp is tested against
 * `"METHOD /path"`, for example `"POST /channels/123/messages"`.
 */
export class FailureQueue {
  private readonly rules: FailureRule[] = [];

  add(routePattern: string | RegExp, failure: ApiFailure, count: number): void {
    if (!Number.isInteger(count) || count < 1) {
      throw new Error(`failNext count must be a positive integer, got ${count}`);
    }
    if (routePattern instanceof RegExp) {
      this.rules.push({ method: undefined, segments: undefined, pattern: routePattern, failure, remaining: count });
      return;
    }
    const match = /^(?:([A-Za-z]+)\s+)?(\/\S*)$/.exec(routePattern.trim());
    if (!match) {
      throw new Error(`Invalid route pattern "${routePattern}": expected "METHOD /path" or "/path"`);
    }
    const [, method, path] = match;
    this.rules.push({
      method: method?.toUpperCase(),
      segments: splitPath(path ?? '/'),
      pattern: undefined,
      failure,
      remaining: count,
    });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** Takes the first matching failure, counting it down. */
  take(method: string, path: string): ApiFailure | undefined {
    const index = this.rules.findIndex((rule) => matches(rule, method, path));
    if (index === -1) return undefined;
    const rule = this.rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules.splice(index, 1);
    return rule.failure;
  }
}

function matches(rule: FailureRule, method: string, path: string): boolean {
  if (rule.pattern) return rule.pattern.test(`${method} ${path}`);
  if (rule.method && rule.method !== method) return false;
  const segments = splitPath(path);
  if (!rule.segments || rule.segments.length !== segments.length) return false;
  return rule.segments.every((segment, index) => segment.startsWith(':') || segment === segments[index]);
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}
