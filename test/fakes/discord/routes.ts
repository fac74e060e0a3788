import { ChannelType, RESTJSONErrorCodes } from 'discord.js';
import { FakeApiError, invalidFormBody } from './errors.ts';
import type { RouteContext, RouteDefinition } from './rest.ts';
import type { FakeDiscordState } from './state.ts';

export interface CoreRouteEnvironment {
  state: FakeDiscordState;
  /** The URL `GET /gateway/bot` hands out, without a query string. */
  gatewayUrl(): string;
  /** Identifies so far, which use up the daily session start limit. */
  identifyCount(): number;
}

// Discord's daily session start limit for a bot in fewer than 2,500 guilds, and its reset period.
const SESSION_START_TOTAL = 1000;
const SESSION_START_RESET_AFTER_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MESSAGE_PAGE = 50;
const MAX_MESSAGE_PAGE = 100;

/** REST routes for the gateway URL, users, channels, messages and application commands. */
export function coreRoutes(environment: CoreRouteEnvironment): RouteDefinition[] {
  const { state } = environment;

  const gatewayBot = (): Record<string, unknown> => ({
    url: environment.gatewayUrl(),
    shards: 1,
    session_start_limit: {
      total: SESSION_START_TOTAL,
      remaining: Math.max(0, SESSION_START_TOTAL - environment.identifyCount()),
      reset_after: SESSION_START_RESET_AFTER_MS,
      max_concurrency: 1,
    },
  });

  const guildForCommands = (context: RouteContext): string | undefined => {
    if (context.params.applicationId !== state.applicationId) {
      throw new FakeApiError(403, RESTJSONErrorCodes.MissingAccess);
    }
    const guildId = context.params.guildId;
    // Discord returns Missing Access, not Unknown Guild, for a guild the bot is not in.
    if (guildId !== undefined && !state.guilds.has(guildId))
      throw new FakeApiError(403, RESTJSONErrorCodes.MissingAccess);
    return guildId;
  };

  const messageInChannel = (context: RouteContext) => {
    const channel = state.channelOrThrow(context.params.channelId!);
    const message = state.message(context.params.messageId!);
    if (!message || message.channelId !== channel.id || message.deleted) {
      throw new FakeApiError(404, RESTJSONErrorCodes.UnknownMessage);
    }
    return { channel, message };
  };

  return [
    { method: 'GET', template: '/gateway/bot', auth: true, handle: () => ({ status: 200, body: gatewayBot() }) },
    {
      method: 'GET',
      template: '/gateway',
      auth: false,
      handle: () => ({ status: 200, body: { url: environment.gatewayUrl() } }),
    },
    {
      method: 'GET',
      template: '/applications/@me',
      auth: true,
      handle: () => ({
        status: 200,
        body: {
          id: state.applicationId,
          name: state.botUser.username,
          icon: null,
          description: '',
          summary: '',
          bot_public: false,
          bot_require_code_grant: false,
          verify_key: '0'.repeat(64),
          team: null,
          flags: 0,
          bot: state.botUser,
        },
      }),
    },
    { method: 'GET', template: '/users/@me', auth: true, handle: () => ({ status: 200, body: state.botUser }) },
    {
      method: 'GET',
      template: '/users/:userId',
      auth: true,
      handle: (context) => {
        const user = state.users.get(context.params.userId!);
        if (!user) throw new FakeApiError(404, RESTJSONErrorCodes.UnknownUser);
        return { status: 200, body: user };
      },
    },
    {
      method: 'POST',
      template: '/users/@me/channels',
      auth: true,
      handle: (context) => {
        const recipientId = (context.body as { recipient_id?: unknown } | undefined)?.recipient_id;
        if (typeof recipientId !== 'string') {
          throw invalidFormBody('recipient_id', 'BASE_TYPE_REQUIRED', 'This field is required');
        }
        if (!state.users.has(recipientId) || recipientId === state.botUser.id) {
          throw new FakeApiError(400, RESTJSONErrorCodes.InvalidRecipients);
        }
        return { status: 200, body: state.channelToApi(state.dmChannelFor(recipientId)) };
      },
    },
    {
      method: 'GET',
      template: '/channels/:channelId',
      auth: true,
      handle: (context) => ({ status: 200, body: state.channelToApi(state.channelOrThrow(context.params.channelId!)) }),
    },
    {
      method: 'POST',
      template: '/channels/:channelId/typing',
      auth: true,
      handle: (context) => {
        state.channelOrThrow(context.params.channelId!);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      template: '/channels/:channelId/messages',
      auth: true,
      handle: (context) => {
        const channel = state.channelOrThrow(context.params.channelId!);
        if (channel.type === ChannelType.DM) {
          const closedCode = state.closedDms.get(channel.recipientId!);
          if (closedCode !== undefined) throw new FakeApiError(403, closedCode);
        }
        const body =
          typeof context.body === 'object' && context.body !== null ? (context.body as Record<string, unknown>) : {};
        const message = state.createMessage(
          channel,
          state.botUser.id,
          { body, attachments: context.attachments },
          'rest',
        );
        return { status: 200, body: state.messageToApi(message) };
      },
    },
    {
      method: 'GET',
      template: '/channels/:channelId/messages',
      auth: true,
      handle: (context) => {
        const channel = state.channelOrThrow(context.params.channelId!);
        const limitText = context.query.get('limit');
        const limit = limitText === null ? DEFAULT_MESSAGE_PAGE : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MESSAGE_PAGE) {
          throw invalidFormBody('limit', 'NUMBER_TYPE_MAX', `Int value should be between 1 and ${MAX_MESSAGE_PAGE}.`);
        }
        const messages = state.listMessages(channel.id, {
          after: context.query.get('after') ?? undefined,
          before: context.query.get('before') ?? undefined,
          limit,
        });
        return { status: 200, body: messages.map((message) => state.messageToApi(message)) };
      },
    },
    {
      method: 'GET',
      template: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (context) => ({ status: 200, body: state.messageToApi(messageInChannel(context).message) }),
    },
    {
      method: 'PATCH',
      template: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (context) => {
        const { message } = messageInChannel(context);
        if (message.authorId !== state.botUser.id) {
          throw new FakeApiError(403, RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser);
        }
        const body =
          typeof context.body === 'object' && context.body !== null ? (context.body as Record<string, unknown>) : {};
        state.editMessage(message, { body, attachments: context.attachments });
        return { status: 200, body: state.messageToApi(message) };
      },
    },
    {
      method: 'DELETE',
      template: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (context) => {
        const { channel, message } = messageInChannel(context);
        // In a DM a bot can delete only its own messages.
        if (channel.type === ChannelType.DM && message.authorId !== state.botUser.id) {
          throw new FakeApiError(403, RESTJSONErrorCodes.CannotExecuteActionOnDMChannel);
        }
        state.deleteMessage(message);
        return { status: 204 };
      },
    },
    ...commandRoutes('/applications/:applicationId/commands'),
    ...commandRoutes('/applications/:applicationId/guilds/:guildId/commands'),
  ];

  function commandRoutes(template: string): RouteDefinition[] {
    return [
      {
        method: 'GET',
        template,
        auth: true,
        handle: (context) => ({
          status: 200,
          body: state.commands(guildForCommands(context)).map((command) => state.commandToApi(command)),
        }),
      },
      {
        method: 'PUT',
        template,
        auth: true,
        handle: (context) => ({
          status: 200,
          body: state
            .overwriteCommands(guildForCommands(context), context.body)
            .map((command) => state.commandToApi(command)),
        }),
      },
    ];
  }
}
