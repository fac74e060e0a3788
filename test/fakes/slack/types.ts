/** A Web API request body after form or JSON decoding. */
export type SlackRequestBody = Record<string, unknown>;

/** A Web API response body, as Slack sends it: `{ ok: true, ... }` or `{ ok: false, error }`. */
export type SlackResponseBody = { ok: boolean; error?: string } & Record<string, unknown>;

export interface FakeSlackOptions {
  /** Bot token (`xoxb-…`) that every Web API method except `apps.connections.open` accepts. */
  botToken?: string;
  /** App-level token (`xapp-…`) that `apps.connections.open` requires. */
  appToken?: string;
  teamId?: string;
  teamName?: string;
  appId?: string;
  botId?: string;
  botUserId?: string;
  /** Seconds part of the first message `ts`. Later messages count up from it in steps of 100 µs. */
  firstTsSeconds?: number;
}

export interface FakeSlackUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  email: string;
  deleted: boolean;
  tz: string;
  /** ID of the bot's direct message channel with this user, stable for the server's life. */
  dmChannelId: string;
}

export interface AddUserInput {
  id?: string;
  email: string;
  name?: string;
  realName?: string;
  deleted?: boolean;
  /** IANA time zone, such as `America/New_York`. */
  tz?: string;
}

export interface FakeSlackChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** Whether the bot is a member. Posting to a channel the bot is not in fails with `not_in_channel`. */
  isMember: boolean;
}

export interface AddChannelInput {
  id?: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  isMember?: boolean;
}

/** A message the bot posted, in the shape `chat.postMessage` returns it, updated in place by `chat.update`. */
export interface FakeSlackMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  metadata?: unknown;
  edited?: { user: string; ts: string };
}

export interface FakeSlackEphemeralMessage {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

/** One request the fake received on `/api/<method>`. */
export interface RecordedCall {
  method: string;
  body: SlackRequestBody;
  /** Token from the `Authorization: Bearer` header or the `token` field, if any. */
  token: string | undefined;
  /** Milliseconds since the epoch when the request body was complete. */
  time: number;
  /** HTTP status sent: 200, or 429 when rate limited. */
  status: number;
  response: SlackResponseBody;
}

/** One POST to a slash command's or interaction's `response_url`. */
export interface RecordedResponse {
  id: string;
  body: {
    text?: string;
    blocks?: unknown[];
    response_type?: 'ephemeral' | 'in_channel';
    replace_original?: boolean;
    delete_original?: boolean;
    [field: string]: unknown;
  };
  time: number;
}
