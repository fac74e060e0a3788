import { createHmac } from 'node:crypto';
import { buildEventCallback, buildSlashCommand, type EventEnvelopeOptions, type SlashCommandInput } from './payloads.ts';

export { buildEventCallback, buildSlashCommand, newTriggerId, type SlashCommandInput } from './payloads.ts';

export interface SlackSignatureHeaders {
  'X-Slack-Signature': string;
  'X-Slack-Request-Timestamp': string;
}

/**
 * Signs a request body as Slack does: `v0=` and the hex HMAC-SHA256, keyed with
 * the signing secret, of `v0:<timestamp>:<raw body>`.
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'X-Slack-Signature': `v0=${digest}`, 'X-Slack-Request-Timestamp': String(timestamp) };
}

export interface SignedRequestOptions {
  /** Seconds since the epoch for `X-Slack-Request-Timestamp`, now by default. */
  timestamp?: number;
  /** Signs with a different secret, so the app must reject the request. */
  wrongSignature?: boolean;
  /** Dates the request 10 minutes back. Bolt rejects requests more than 5 minutes old. */
  staleTimestamp?: boolean;
  /** Extra headers, such as the retry headers. */
  headers?: Record<string, string>;
}

export interface SignedResponse {
  status: number;
  /** Parsed JSON for a JSON response, else the text ('' for an empty body). */
  body: unknown;
  headers: Headers;
}

// Bolt 5.1 allows a request timestamp at most 5 minutes from its clock.
const staleAgeSeconds = 10 * 60;

/** POSTs `rawBody` to `url` signed with `signingSecret` and returns the app's response. */
export async function postSigned(
  url: string,
  signingSecret: string,
  rawBody: string,
  contentType: string,
  options: SignedRequestOptions = {},
): Promise<SignedResponse> {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = options.timestamp ?? (options.staleTimestamp ? now - staleAgeSeconds : now);
  const secret = options.wrongSignature ? `${signingSecret}-wrong` : signingSecret;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...signSlackRequest(secret, rawBody, timestamp), ...options.headers },
    body: rawBody,
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, body: isJson && text !== '' ? JSON.parse(text) : text, headers: response.headers };
}

export interface PostEventOptions extends SignedRequestOptions, EventEnvelopeOptions {
  /** Sets `X-Slack-Retry-Num`, as Slack does when it redelivers an event. */
  retryNum?: number;
  /** Sets `X-Slack-Retry-Reason`, such as `http_timeout`. */
  retryReason?: string;
}

/** POSTs `event` inside a signed `event_callback` body, as the Events API does. */
export async function postEvent(
  url: string,
  signingSecret: string,
  event: Record<string, unknown>,
  options: PostEventOptions = {},
): Promise<SignedResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.retryNum !== undefined) headers['X-Slack-Retry-Num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['X-Slack-Retry-Reason'] = options.retryReason;
  const body = JSON.stringify(buildEventCallback(event, options));
  return await postSigned(url, signingSecret, body, 'application/json', { ...options, headers });
}

/** POSTs the `url_verification` challenge that Slack sends when the Request URL is saved. */
export async function postUrlVerification(
  url: string,
  signingSecret: string,
  challenge = 'fake-challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
  options: SignedRequestOptions = {},
): Promise<SignedResponse> {
  const body = JSON.stringify({ token: 'fake-verification-token', challenge, type: 'url_verification' });
  return await postSigned(url, signingSecret, body, 'application/json', options);
}

/** POSTs a slash command form-encoded, as Slack does. */
export async function postSlashCommand(
  url: string,
  signingSecret: string,
  command: SlashCommandInput,
  options: SignedRequestOptions = {},
): Promise<SignedResponse> {
  const body = new URLSearchParams(buildSlashCommand(command)).toString();
  return await postSigned(url, signingSecret, body, 'application/x-www-form-urlencoded', options);
}

/** POSTs an interaction (`block_actions`, `view_submission`, ...) as the form field `payload=<json>`. */
export async function postInteraction(
  url: string,
  signingSecret: string,
  payload: Record<string, unknown>,
  options: SignedRequestOptions = {},
): Promise<SignedResponse> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return await postSigned(url, signingSecret, body, 'application/x-www-form-urlencoded', options);
}
