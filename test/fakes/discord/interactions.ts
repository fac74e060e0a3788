import {
  ApplicationCommandOptionType,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  RESTJSONErrorCodes,
} from 'discord.js';
import { FakeApiError, invalidFormBody } from './errors.ts';
import type { RouteContext, RouteDefinition, RouteResult } from './rest.ts';
import type { FakeChannel, FakeDiscordState, StoredMessage } from './state.ts';

/** A slash command, a message component (button or select menu) or a modal submit. */
export type DispatchInteractionInput =
  | ({ kind: 'command'; name: string; options?: CommandOptionsInput; subcommand?: string } & InteractionPlace)
  | ({ kind: 'button'; customId: string; messageId?: string } & InteractionPlace)
  | ({ kind: 'selectMenu'; customId: string; values: string[]; messageId?: string } & InteractionPlace)
  | ({ kind: 'modalSubmit'; customId: string; fields: Record<string, string>; messageId?: string } & InteractionPlace);

/**
 * Command options as Discord sends them, or a map from option name to value.
 * With a map, a registered command's option types are used; otherwise the
 * type is inferred (string, integer, number or boolean).
 */
export type CommandOptionsInput = Array<Record<string, unknown>> | Record<string, string | number | boolean>;

export interface InteractionPlace {
  userId: string;
  /** In a guild when set (context 0, `member`); in the bot's DM otherwise (context 1, `user`). */
  guildId?: string;
  /** Defaults to the user's DM channel, or the guild's first channel. */
  channelId?: string;
  locale?: string;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
  applicationId: string;
  channelId: string;
  /** The INTERACTION_CREATE data as dispatched. */
  payload: Record<string, unknown>;
}

/** One request a bot made about an interaction: the callback or a webhook call with its token. */
export interface InteractionCallbackRecord {
  kind: 'callback' | 'getMessage' | 'editMessage' | 'deleteMessage' | 'followUp';
  /** The callback type (4, 5, 6, 7 or 9); only for `callback`. */
  type: number | undefined;
  /** `@original` or a follow-up's id, for the message routes. */
  messageId: string | undefined;
  body: unknown;
  status: number;
  /** Discord's JSON error code when the request failed. */
  errorCode: number | undefined;
  at: number;
}

interface FakeInteraction {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  createdAt: number;
  acknowledged: boolean;
  /** The message that `@original` names once the interaction is acknowledged. */
  originalMessageId: string | undefined;
  /** The message a component or a modal opened from a component belongs to. */
  componentMessageId: string | undefined;
  records: InteractionCallbackRecord[];
}

export interface InteractionTimeouts {
  /** Time to send the first callback before the interaction is unknown (Discord: 3 s). */
  acknowledgeMs: number;
  /** Lifetime of the interaction token for webhook calls (Discord: 15 min). */
  tokenMs: number;
}

/** Interactions the fake dispatched and the callbacks and webhook calls bots made for them. */
export class InteractionRegistry {
  private readonly byId = new Map<string, FakeInteraction>();
  private readonly byToken = new Map<string, FakeInteraction>();

  constructor(
    private readonly state: FakeDiscordState,
    private readonly timeouts: InteractionTimeouts,
  ) {}

  records(interactionId: string): InteractionCallbackRecord[] {
    return this.byId.get(interactionId)?.records ?? [];
  }

  /** Builds the INTERACTION_CREATE data and registers the interaction so its callback is accepted. */
  create(input: DispatchInteractionInput): DispatchedInteraction {
    const { state } = this;
    const user = state.requireUser(input.userId);
    const guild = input.guildId ? state.guilds.get(input.guildId) : undefined;
    if (input.guildId && !guild) throw new Error(`Unknown guild ${input.guildId}: add it with addGuild first`);
    const channel = this.resolveChannel(input);

    const id = state.snowflakes.next();
    const token = `fake-interaction-token-${id}`;
    const payload: Record<string, unknown> = {
      id,
      application_id: state.applicationId,
      token,
      version: 1,
      locale: input.locale ?? 'en-US',
      // Permissions Discord grants an app in a bot DM: attach files, embed links, mention everyone, external emojis.
      app_permissions: guild ? '2248473465835073' : '442368',
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
      channel_id: channel.id,
      channel: state.channelToApi(channel),
    };
    if (guild) {
      payload.guild_id = guild.id;
      payload.guild = { id: guild.id, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.member = { ...state.memberToApi(guild, user.id), permissions: '2248473465835073' };
      payload.context = InteractionContextType.Guild;
      payload.authorizing_integration_owners = { '0': guild.id };
    } else {
      payload.user = user;
      payload.context = InteractionContextType.BotDM;
      // A guild-installed app used in its bot DM is authorised by guild "0".
      payload.authorizing_integration_owners = { '0': '0' };
    }

    let componentMessage: StoredMessage | undefined;
    switch (input.kind) {
      case 'command': {
        payload.type = InteractionType.ApplicationCommand;
        payload.data = this.commandData(input, guild?.id);
        break;
      }
      case 'button':
      case 'selectMenu': {
        payload.type = InteractionType.MessageComponent;
        componentMessage = this.findComponentMessage(channel, input.customId, input.messageId);
        payload.message = this.messageForGateway(componentMessage);
        payload.data =
          input.kind === 'button'
            ? { custom_id: input.customId, component_type: ComponentType.Button }
            : { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values };
        break;
      }
      case 'modalSubmit': {
        payload.type = InteractionType.ModalSubmit;
        if (input.messageId) {
          componentMessage = this.messageOrThrow(input.messageId);
          payload.message = this.messageForGateway(componentMessage);
        }
        payload.data = {
          custom_id: input.customId,
          components: Object.entries(input.fields).map(([customId, value]) => ({
            type: ComponentType.ActionRow,
            components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
          })),
        };
        break;
      }
    }

    const interaction: FakeInteraction = {
      id,
      token,
      type: payload.type as InteractionType,
      channelId: channel.id,
      createdAt: Date.now(),
      acknowledged: false,
      originalMessageId: undefined,
      componentMessageId: componentMessage?.id,
      records: [],
    };
    this.byId.set(id, interaction);
    this.byToken.set(token, interaction);
    return { id, token, applicationId: state.applicationId, channelId: channel.id, payload };
  }

  routes(): RouteDefinition[] {
    const message = '/webhooks/:applicationId/:token/messages/:messageId';
    return [
      {
        method: 'POST',
        template: '/interactions/:interactionId/:token/callback',
        auth: false,
        handle: (context) => this.callback(context),
      },
      {
        method: 'POST',
        template: '/webhooks/:applicationId/:token',
        auth: false,
        handle: (context) => this.followUp(context),
      },
      { method: 'GET', template: message, auth: false, handle: (context) => this.getMessage(context) },
      { method: 'PATCH', template: message, auth: false, handle: (context) => this.editMessage(context) },
      { method: 'DELETE', template: message, auth: false, handle: (context) => this.deleteMessage(context) },
    ];
  }

  private callback(context: RouteContext): RouteResult {
    const interaction = this.byId.get(context.params.interactionId!);
    const body = asObject(context.body);
    const type = typeof body.type === 'number' ? body.type : undefined;
    return this.recorded(interaction, { kind: 'callback', type, messageId: undefined, body: context.body }, () => {
      if (!interaction || interaction.token !== context.params.token) {
        throw new FakeApiError(404, RESTJSONErrorCodes.UnknownInteraction);
      }
      if (interaction.acknowledged) {
        throw new FakeApiError(400, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged);
      }
      if (Date.now() - interaction.createdAt > this.timeouts.acknowledgeMs) {
        throw new FakeApiError(404, RESTJSONErrorCodes.UnknownInteraction);
      }
      const data = asObject(body.data);
      const input = { body: data, attachments: context.attachments };
      const channel = this.state.channelOrThrow(interaction.channelId);
      let resourceMessage: StoredMessage | undefined;

      switch (type) {
        case InteractionResponseType.ChannelMessageWithSource: {
          resourceMessage = this.state.createMessage(channel, this.state.botUser.id, input, 'interaction', {
            interactionId: interaction.id,
          });
          interaction.originalMessageId = resourceMessage.id;
          break;
        }
        case InteractionResponseType.DeferredChannelMessageWithSource: {
          const flags = (typeof data.flags === 'number' ? data.flags : 0) | MessageFlags.Loading;
          resourceMessage = this.state.createMessage(
            channel,
            this.state.botUser.id,
            { body: { content: '', flags }, attachments: [] },
            'interaction',
            { interactionId: interaction.id, allowEmpty: true },
          );
          interaction.originalMessageId = resourceMessage.id;
          break;
        }
        case InteractionResponseType.DeferredMessageUpdate:
        case InteractionResponseType.UpdateMessage: {
          if (!interaction.componentMessageId) {
            throw invalidFormBody(
              'type',
              'INTERACTION_RESPONSE_TYPE_INVALID',
              'Interaction response type is invalid for this interaction.',
            );
          }
          interaction.originalMessageId = interaction.componentMessageId;
          if (type === InteractionResponseType.UpdateMessage) {
            resourceMessage = this.state.editMessage(this.messageOrThrow(interaction.componentMessageId), input);
          }
          break;
        }
        case InteractionResponseType.Modal: {
          if (interaction.type === InteractionType.ModalSubmit) {
            throw invalidFormBody(
              'type',
              'INTERACTION_RESPONSE_TYPE_INVALID',
              'A modal submit cannot open another modal.',
            );
          }
          for (const field of ['custom_id', 'title', 'components'] as const) {
            if (data[field] === undefined)
              throw invalidFormBody(`data.${field}`, 'BASE_TYPE_REQUIRED', 'This field is required');
          }
          break;
        }
        default:
          throw invalidFormBody('type', 'BASE_TYPE_CHOICES', `Value must be one of {4, 5, 6, 7, 9}.`);
      }
      interaction.acknowledged = true;

      if (context.query.get('with_response') !== 'true') return { status: 204 };
      return {
        status: 200,
        body: {
          interaction: {
            id: interaction.id,
            type: interaction.type,
            response_message_id: interaction.originalMessageId,
            response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
            response_message_ephemeral: resourceMessage
              ? (resourceMessage.flags & MessageFlags.Ephemeral) !== 0
              : false,
          },
          resource: {
            type,
            ...(resourceMessage ? { message: this.state.messageToApi(resourceMessage) } : {}),
          },
        },
      };
    });
  }

  private followUp(context: RouteContext): RouteResult {
    const interaction = this.byToken.get(context.params.token!);
    return this.recorded(
      interaction,
      { kind: 'followUp', type: undefined, messageId: undefined, body: context.body },
      () => {
        const acknowledged = this.acknowledgedOrThrow(interaction, context);
        const channel = this.state.channelOrThrow(acknowledged.channelId);
        const message = this.state.createMessage(
          channel,
          this.state.botUser.id,
          { body: asObject(context.body), attachments: context.attachments },
          'webhook',
          { interactionId: acknowledged.id },
        );
        if (context.query.get('wait') !== 'true') return { status: 204 };
        return { status: 200, body: this.state.messageToApi(message) };
      },
    );
  }

  private getMessage(context: RouteContext): RouteResult {
    const interaction = this.byToken.get(context.params.token!);
    const messageId = context.params.messageId;
    return this.recorded(interaction, { kind: 'getMessage', type: undefined, messageId, body: undefined }, () => {
      const message = this.webhookMessage(this.acknowledgedOrThrow(interaction, context), messageId!);
      return { status: 200, body: this.state.messageToApi(message) };
    });
  }

  private editMessage(context: RouteContext): RouteResult {
    const interaction = this.byToken.get(context.params.token!);
    const messageId = context.params.messageId;
    return this.recorded(interaction, { kind: 'editMessage', type: undefined, messageId, body: context.body }, () => {
      const message = this.webhookMessage(this.acknowledgedOrThrow(interaction, context), messageId!);
      this.state.editMessage(message, { body: asObject(context.body), attachments: context.attachments });
      return { status: 200, body: this.state.messageToApi(message) };
    });
  }

  private deleteMessage(context: RouteContext): RouteResult {
    const interaction = this.byToken.get(context.params.token!);
    const messageId = context.params.messageId;
    return this.recorded(interaction, { kind: 'deleteMessage', type: undefined, messageId, body: undefined }, () => {
      this.state.deleteMessage(this.webhookMessage(this.acknowledgedOrThrow(interaction, context), messageId!));
      return { status: 204 };
    });
  }

  /** Runs a handler and records its outcome on the interaction, when there is one. */
  private recorded(
    interaction: FakeInteraction | undefined,
    record: Omit<InteractionCallbackRecord, 'status' | 'errorCode' | 'at'>,
    handle: () => RouteResult,
  ): RouteResult {
    const entry: InteractionCallbackRecord = { ...record, status: 0, errorCode: undefined, at: Date.now() };
    interaction?.records.push(entry);
    try {
      const result = handle();
      entry.status = result.status;
      return result;
    } catch (error) {
      if (error instanceof FakeApiError) {
        entry.status = error.status;
        entry.errorCode = error.code;
      }
      throw error;
    }
  }

  private acknowledgedOrThrow(interaction: FakeInteraction | undefined, context: RouteContext): FakeInteraction {
    if (!interaction || context.params.applicationId !== this.state.applicationId || !interaction.acknowledged) {
      throw new FakeApiError(404, RESTJSONErrorCodes.UnknownWebhook);
    }
    if (Date.now() - interaction.createdAt > this.timeouts.tokenMs) {
      throw new FakeApiError(401, RESTJSONErrorCodes.InvalidWebhookToken);
    }
    return interaction;
  }

  private webhookMessage(interaction: FakeInteraction, messageId: string): StoredMessage {
    const id = messageId === '@original' ? interaction.originalMessageId : messageId;
    const message = id ? this.state.message(id) : undefined;
    const belongs =
      message !== undefined &&
      (message.interactionId === interaction.id || message.id === interaction.originalMessageId);
    if (!message || !belongs || message.deleted) throw new FakeApiError(404, RESTJSONErrorCodes.UnknownMessage);
    return message;
  }

  private resolveChannel(input: DispatchInteractionInput): FakeChannel {
    if (input.channelId) {
      const channel = this.state.channels.get(input.channelId);
      if (!channel) throw new Error(`Unknown channel ${input.channelId}`);
      if (channel.guildId !== input.guildId) {
        throw new Error(`Channel ${channel.id} is not in ${input.guildId ? `guild ${input.guildId}` : 'a DM'}`);
      }
      return channel;
    }
    if (input.guildId) {
      const firstChannelId = this.state.guilds.get(input.guildId)?.channelIds[0];
      return this.state.channelOrThrow(firstChannelId ?? '');
    }
    return this.state.dmChannelFor(input.userId);
  }

  private commandData(
    input: Extract<DispatchInteractionInput, { kind: 'command' }>,
    guildId: string | undefined,
  ): Record<string, unknown> {
    // A command registered for the guild wins over a global one, as in Discord's client.
    const registered = [...(guildId ? this.state.commands(guildId) : []), ...this.state.commands(undefined)].find(
      (command) => command.definition.name === input.name && command.definition.type === 1,
    );
    const definitions = (registered?.definition.options as Array<Record<string, unknown>> | undefined) ?? [];
    let options: Array<Record<string, unknown>> = [];
    if (Array.isArray(input.options)) {
      options = input.options;
    } else if (input.options) {
      const subcommand = input.subcommand ? definitions.find((option) => option.name === input.subcommand) : undefined;
      const optionDefinitions = (subcommand?.options as Array<Record<string, unknown>> | undefined) ?? definitions;
      options = Object.entries(input.options).map(([name, value]) => ({
        name,
        type: optionDefinitions.find((option) => option.name === name)?.type ?? inferOptionType(value),
        value,
      }));
    }
    if (input.subcommand) {
      options = [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options }];
    }
    return {
      id: registered?.id ?? this.state.snowflakes.next(),
      name: input.name,
      type: 1,
      options,
      ...(registered?.guildId ? { guild_id: registered.guildId } : {}),
    };
  }

  private findComponentMessage(channel: FakeChannel, customId: string, messageId: string | undefined): StoredMessage {
    if (messageId) return this.messageOrThrow(messageId);
    const candidates = this.state
      .messagesIn(channel.id)
      .filter(
        (message) =>
          !message.deleted &&
          message.authorId === this.state.botUser.id &&
          containsCustomId(message.components, customId),
      );
    const latest = candidates.at(-1);
    if (!latest) {
      throw new Error(
        `No message from the bot in channel ${channel.id} has a component with custom_id "${customId}": ` +
          'send one first or pass messageId',
      );
    }
    return latest;
  }

  private messageOrThrow(messageId: string): StoredMessage {
    const message = this.state.message(messageId);
    if (!message) throw new Error(`Unknown message ${messageId}`);
    return message;
  }

  private messageForGateway(message: StoredMessage): Record<string, unknown> {
    return { ...this.state.messageToApi(message), ...(message.guildId ? { guild_id: message.guildId } : {}) };
  }
}

function inferOptionType(value: string | number | boolean): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

function containsCustomId(components: unknown, customId: string): boolean {
  if (!Array.isArray(components)) return false;
  return components.some((component) => {
    if (typeof component !== 'object' || component === null) return false;
    const record = component as Record<string, unknown>;
    return (
      record.custom_id === customId ||
      containsCustomId(record.components, customId) ||
      containsCustomId(record.accessory ? [record.accessory] : [], customId)
    );
  });
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
