import { randomBytes } from 'node:crypto';

// Defaults match the fake server's defaults, so a signed request and the fake's
// auth.test agree on the workspace unless a test overrides both.
export const defaultTeamId = 'T0HOMEROOM';
export const defaultTeamDomain = 'homeroom-school';
export const defaultAppId = 'A0HOMEROOM';
export const defaultBotId = 'B0HOMEROOM';
export const defaultBotUserId = 'U0HOMEBOT';

export interface EventEnvelopeOptions {
  eventId?: string;
  teamId?: string;
  apiAppId?: string;
  /** The bot user that the `authorizations` entry names. */
  botUserId?: string;
  /** Seconds since the epoch, now by default. */
  eventTime?: number;
}

/** Builds the `event_callback` body that the Events API wraps around an event. */
export function buildEventCallback(
  event: Record<string, unknown>,
  options: EventEnvelopeOptions = {},
): Record<string, unknown> {
  const teamId = options.teamId ?? defaultTeamId;
  return {
    token: 'fake-verification-token',
    team_id: teamId,
    api_app_id: options.apiAppId ?? defaultAppId,
    event,
    type: 'event_callback',
    event_id: options.eventId ?? newEventId(),
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: options.botUserId ?? defaultBotUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-fake-${randomBytes(6).toString('hex')}`,
  };
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  user_id: string;
  channel_id: string;
  response_url?: string;
  trigger_id?: string;
  team_id?: string;
  user_name?: string;
  channel_name?: string;
  team_domain?: string;
  api_app_id?: string;
  [field: string]: string | undefined;
}

/** Builds the fields of a slash command request, all strings as Slack sends them. */
export function buildSlashCommand(input: SlashCommandInput): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    token: 'fake-verification-token',
    team_id: defaultTeamId,
    team_domain: defaultTeamDomain,
    channel_name: input.channel_id.startsWith('D') ? 'directmessage' : 'general',
    user_name: input.user_id.toLowerCase(),
    api_app_id: defaultAppId,
    is_enterprise_install: 'false',
    trigger_id: newTriggerId(),
    text: '',
    ...input,
  };
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** Returns an ID in the shape of Slack's event IDs (`Ev` and uppercase alphanumerics). */
export function newEventId(): string {
  return `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** Returns a trigger ID in the shape Slack sends: `<digits>.<digits>.<hex>`. */
export function newTriggerId(): string {
  return `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
}
