import { ChannelType, MessageFlags, MessageType, RESTJSONErrorCodes, type APIUser } from 'discord.js';
import { FakeApiError, invalidFormBody } from './errors.ts';
import { compareSnowflakes, SnowflakeGenerator } from './snowflake.ts';

export interface FakeUserInput {
  id?: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

export interface FakeChannelInput {
  id?: string;
  name: string;
}

export interface FakeGuildInput {
  id?: string;
  name: string;
  /** Text channels (type 0); a guild gets one named `general` when this is empty. */
  channels?: FakeChannelInput[];
  /** Users who are members, besides the bot; each must have been added with `addUser`. */
  memberIds?: string[];
  /** Defaults to the first member, or the bot. */
  ownerId?: string;
}

export interface FakeChannel {
  id: string;
  type: ChannelType.DM | ChannelType.GuildText;
  name: string | undefined;
  guildId: string | undefined;
  /** The other user of a DM channel. */
  recipientId: string | undefined;
  lastMessageId: string | null;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channelIds: string[];
  memberIds: Set<string>;
  joinedAt: string;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  contentType: string | undefined;
  data: Buffer;
  url: string;
}

/** Where a stored message came from. */
export type MessageSource = 'rest' | 'gateway' | 'interaction' | 'webhook';

export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | undefined;
  authorId: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  /** The `allowed_mentions` of the request that created or last edited the message. */
  allowedMentions: unknown;
  messageReference: unknown;
  attachments: StoredAttachment[];
  source: MessageSource;
  /** Set on the messages an interaction response or follow-up created. */
  interactionId: string | undefined;
  createdAt: string;
  editedAt: string | null;
  editCount: number;
  deleted: boolean;
  /** The JSON body (or `payload_json`) of the request that created or last edited the message. */
  lastRequestBody: Record<string, unknown>;
}

export interface StoredCommand {
  id: string;
  version: string;
  guildId: string | undefined;
  /** The command as the app sent it, with Discord's defaults filled in. */
  definition: Record<string, unknown>;
}

/** Content of a message being created or edited, after reading the request body. */
export interface MessageInput {
  body: Record<string, unknown>;
  attachments: StoredAttachment[];
}

// Discord's limits for a message (API v10).
const MAX_CONTENT_LENGTH = 2000;
const MAX_EMBEDS = 10;
const MAX_COMMANDS = 100;
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Users, guilds, channels, messages and commands of one fake Discord. */
export class FakeDiscordState {
  readonly snowflakes = new SnowflakeGenerator();
  readonly users = new Map<string, APIUser>();
  /** Users whose DMs are closed, with the error code that a DM to them fails with. */
  readonly closedDms = new Map<string, number>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  private readonly messagesByChannel = new Map<string, StoredMessage[]>();
  private readonly messagesById = new Map<string, StoredMessage>();
  private readonly dmChannelByRecipient = new Map<string, string>();
  private readonly commandsByScope = new Map<string, StoredCommand[]>();
  readonly botUser: APIUser;
  readonly applicationId: string;

  constructor(bot: { id?: string; username?: string }, applicationId: string | undefined) {
    const botId = bot.id ?? this.snowflakes.next();
    this.botUser = {
      id: botId,
      username: bot.username ?? 'Homeroom',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      verified: true,
      mfa_enabled: false,
    };
    this.users.set(botId, this.botUser);
    // Bots created since 2019 share their id with their application.
    this.applicationId = applicationId ?? botId;
  }

  addUser(input: FakeUserInput): APIUser {
    const id = input.id ?? this.snowflakes.next();
    if (this.users.has(id)) throw new Error(`User ${id} already exists in the fake Discord`);
    const user: APIUser = {
      id,
      username: input.username,
      discriminator: '0',
      global_name: input.globalName ?? null,
      avatar: null,
      bot: input.bot ?? false,
    };
    this.users.set(id, user);
    return user;
  }

  requireUser(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`Unknown user ${id}: add it with addUser first`);
    return user;
  }

  addGuild(input: FakeGuildInput): FakeGuild {
    const id = input.id ?? this.snowflakes.next();
    if (this.guilds.has(id)) throw new Error(`Guild ${id} already exists in the fake Discord`);
    const memberIds = new Set([this.botUser.id, ...(input.memberIds ?? [])]);
    for (const memberId of memberIds) this.requireUser(memberId);

    const channelInputs = input.channels?.length ? input.channels : [{ name: 'general' }];
    const guild: FakeGuild = {
      id,
      name: input.name,
      ownerId: input.ownerId ?? input.memberIds?.[0] ?? this.botUser.id,
      channelIds: [],
      memberIds,
      joinedAt: new Date().toISOString(),
    };
    for (const channelInput of channelInputs) {
      const channel: FakeChannel = {
        id: channelInput.id ?? this.snowflakes.next(),
        type: ChannelType.GuildText,
        name: channelInput.name,
        guildId: id,
        recipientId: undefined,
        lastMessageId: null,
      };
      this.channels.set(channel.id, channel);
      guild.channelIds.push(channel.id);
    }
    this.guilds.set(id, guild);
    return guild;
  }

  /** Returns the DM channel between the bot and a user, creating it on first use as Discord does. */
  dmChannelFor(userId: string): FakeChannel {
    this.requireUser(userId);
    const existing = this.dmChannelByRecipient.get(userId);
    if (existing) return this.channels.get(existing)!;
    const channel: FakeChannel = {
      id: this.snowflakes.next(),
      type: ChannelType.DM,
      name: undefined,
      guildId: undefined,
      recipientId: userId,
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    this.dmChannelByRecipient.set(userId, channel.id);
    return channel;
  }

  channelOrThrow(channelId: string): FakeChannel {
    const channel = this.channels.get(channelId);
    if (!channel) throw new FakeApiError(404, RESTJSONErrorCodes.UnknownChannel);
    return channel;
  }

  messagesIn(channelId: string): StoredMessage[] {
    return this.messagesByChannel.get(channelId) ?? [];
  }

  message(messageId: string): StoredMessage | undefined {
    return this.messagesById.get(messageId);
  }

  /** Validates and stores a new message, or throws the API error that Discord would return. */
  createMessage(
    channel: FakeChannel,
    authorId: string,
    input: MessageInput,
    source: MessageSource,
    options: { interactionId?: string; allowEmpty?: boolean } = {},
  ): StoredMessage {
    const { body } = input;
    validateMessageBody(body, input.attachments.length, !options.allowEmpty);
    const message: StoredMessage = {
      id: this.snowflakes.next(),
      channelId: channel.id,
      guildId: channel.guildId,
      authorId,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      flags: typeof body.flags === 'number' ? body.flags : 0,
      allowedMentions: body.allowed_mentions,
      messageReference: body.message_reference,
      attachments: input.attachments,
      source,
      interactionId: options.interactionId,
      createdAt: new Date().toISOString(),
      editedAt: null,
      editCount: 0,
      deleted: false,
      lastRequestBody: body,
    };
    const list = this.messagesByChannel.get(channel.id) ?? [];
    list.push(message);
    this.messagesByChannel.set(channel.id, list);
    this.messagesById.set(message.id, message);
    channel.lastMessageId = message.id;
    return message;
  }

  /** Applies an edit; fields absent from the body keep their value, and `null` clears them. */
  editMessage(message: StoredMessage, input: MessageInput): StoredMessage {
    const { body } = input;
    validateMessageBody(body, input.attachments.length, false);
    if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) message.embeds = Array.isArray(body.embeds) ? body.embeds : [];
    if ('components' in body) message.components = Array.isArray(body.components) ? body.components : [];
    if ('flags' in body && typeof body.flags === 'number') message.flags = body.flags;
    if ('allowed_mentions' in body) message.allowedMentions = body.allowed_mentions;
    if (input.attachments.length > 0) message.attachments = [...message.attachments, ...input.attachments];
    // A deferred response loses its "thinking…" state when it is edited.
    message.flags &= ~MessageFlags.Loading;
    message.editedAt = new Date().toISOString();
    message.editCount += 1;
    message.lastRequestBody = body;
    return message;
  }

  deleteMessage(message: StoredMessage): void {
    message.deleted = true;
  }

  /** Lists a channel's messages newest first, as `GET /channels/:id/messages` does. */
  listMessages(channelId: string, query: { after?: string; before?: string; limit: number }): StoredMessage[] {
    const { after, before, limit } = query;
    let visible = this.messagesIn(channelId).filter((message) => !message.deleted);
    if (after) {
      // Discord returns the `limit` oldest messages after the anchor, newest first.
      visible = visible.filter((message) => compareSnowflakes(message.id, after) > 0).slice(0, limit);
    } else {
      if (before) visible = visible.filter((message) => compareSnowflakes(message.id, before) < 0);
      visible = visible.slice(-limit);
    }
    return visible.reverse();
  }

  commands(guildId: string | undefined): StoredCommand[] {
    return this.commandsByScope.get(guildId ?? 'global') ?? [];
  }

  /**
   * Replaces an application's commands (global or for one guild). A command with
   * the same name and type keeps its id, and keeps its version when unchanged.
   */
  overwriteCommands(guildId: string | undefined, body: unknown): StoredCommand[] {
    if (!Array.isArray(body)) {
      throw invalidFormBody('_root', 'ARRAY_TYPE_CONVERT', 'Must be an array.');
    }
    if (body.length > MAX_COMMANDS) {
      throw invalidFormBody('_root', 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_COMMANDS} or fewer in length.`);
    }
    const previous = this.commands(guildId);
    const seen = new Set<string>();
    const next: StoredCommand[] = [];
    for (const [index, raw] of body.entries()) {
      const definition = normalizeCommand(raw, index);
      const key = `${String(definition.type)}:${String(definition.name)}`;
      if (seen.has(key)) {
        throw invalidFormBody(
          `${index}.name`,
          'APPLICATION_COMMANDS_DUPLICATE_NAME',
          'Application command names must be unique',
        );
      }
      seen.add(key);
      const old = previous.find(
        (command) => `${String(command.definition.type)}:${String(command.definition.name)}` === key,
      );
      const unchanged = old !== undefined && JSON.stringify(old.definition) === JSON.stringify(definition);
      next.push({
        id: old?.id ?? this.snowflakes.next(),
        version: unchanged ? old.version : this.snowflakes.next(),
        guildId,
        definition,
      });
    }
    this.commandsByScope.set(guildId ?? 'global', next);
    return next;
  }

  commandToApi(command: StoredCommand): Record<string, unknown> {
    return {
      id: command.id,
      application_id: this.applicationId,
      version: command.version,
      ...(command.guildId ? { guild_id: command.guildId } : {}),
      ...command.definition,
    };
  }

  userToApi(userId: string): APIUser {
    return (
      this.users.get(userId) ?? {
        id: userId,
        username: 'deleted_user',
        discriminator: '0',
        global_name: null,
        avatar: null,
      }
    );
  }

  channelToApi(channel: FakeChannel): Record<string, unknown> {
    if (channel.type === ChannelType.DM) {
      return {
        id: channel.id,
        type: ChannelType.DM,
        last_message_id: channel.lastMessageId,
        flags: 0,
        recipients: [this.userToApi(channel.recipientId!)],
      };
    }
    const guild = this.guilds.get(channel.guildId!);
    return {
      id: channel.id,
      type: ChannelType.GuildText,
      guild_id: channel.guildId,
      name: channel.name,
      position: guild ? guild.channelIds.indexOf(channel.id) : 0,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      topic: null,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  /** Builds the message object of REST responses. The gateway adds `guild_id`, `member` and `channel_type`. */
  messageToApi(message: StoredMessage): Record<string, unknown> {
    const payload: Record<string, unknown> = {
      id: message.id,
      channel_id: message.channelId,
      author: this.userToApi(message.authorId),
      content: message.content,
      timestamp: message.createdAt,
      edited_timestamp: message.editedAt,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: message.attachments.map((attachment) => ({
        id: attachment.id,
        filename: attachment.filename,
        size: attachment.data.length,
        url: attachment.url,
        proxy_url: attachment.url,
        ...(attachment.contentType ? { content_type: attachment.contentType } : {}),
      })),
      embeds: message.embeds,
      components: message.components,
      pinned: false,
      type: message.messageReference ? MessageType.Reply : MessageType.Default,
      flags: message.flags,
    };
    if (message.messageReference) payload.message_reference = message.messageReference;
    if (message.interactionId) {
      payload.webhook_id = this.applicationId;
      payload.application_id = this.applicationId;
    }
    return payload;
  }

  guildToGatewayPayload(guild: FakeGuild): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      // Discord gives every guild an @everyone role whose id is the guild's id.
      roles: [
        {
          id: guild.id,
          name: '@everyone',
          color: 0,
          hoist: false,
          position: 0,
          permissions: '1071698660929',
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.channelIds[0] ?? null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      stickers: [],
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.memberIds.size,
      voice_states: [],
      members: [...guild.memberIds].map((userId) => this.memberToApi(guild, userId)),
      channels: guild.channelIds.map((channelId) => {
        const { guild_id: _guildId, ...channel } = this.channelToApi(this.channels.get(channelId)!);
        return channel;
      }),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  memberToApi(guild: FakeGuild, userId: string): Record<string, unknown> {
    return {
      user: this.userToApi(userId),
      nick: null,
      avatar: null,
      roles: [],
      joined_at: guild.joinedAt,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
    };
  }
}

function validateMessageBody(body: Record<string, unknown>, attachmentCount: number, requireContent: boolean): void {
  const { content, embeds, components } = body;
  if (content !== undefined && content !== null && typeof content !== 'string') {
    throw invalidFormBody('content', 'STRING_TYPE_CONVERT', 'Must be a string.');
  }
  if (typeof content === 'string' && content.length > MAX_CONTENT_LENGTH) {
    throw invalidFormBody('content', 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CONTENT_LENGTH} or fewer in length.`);
  }
  if (Array.isArray(embeds) && embeds.length > MAX_EMBEDS) {
    throw invalidFormBody('embeds', 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_EMBEDS} or fewer in length.`);
  }
  if (!requireContent) return;
  const hasContent = typeof content === 'string' && content.length > 0;
  const hasEmbeds = Array.isArray(embeds) && embeds.length > 0;
  const hasComponents = Array.isArray(components) && components.length > 0;
  const hasStickers = Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0;
  if (!hasContent && !hasEmbeds && !hasComponents && !hasStickers && attachmentCount === 0 && !body.poll) {
    throw new FakeApiError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage);
  }
}

function normalizeCommand(raw: unknown, index: number): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) {
    throw invalidFormBody(`${index}`, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  }
  const command = raw as Record<string, unknown>;
  const type = command.type ?? 1;
  const name = command.name;
  if (typeof name !== 'string' || !COMMAND_NAME.test(name)) {
    throw invalidFormBody(`${index}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  // Slash commands (type 1) need a lowercase name and a description; menu commands need neither.
  if (type === 1) {
    if (name !== name.toLowerCase()) {
      throw invalidFormBody(`${index}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const description = command.description;
    if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
      throw invalidFormBody(`${index}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
  }
  return {
    ...command,
    type,
    name,
    description: typeof command.description === 'string' ? command.description : '',
    options: Array.isArray(command.options) ? command.options : [],
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    contexts: command.contexts ?? null,
    integration_types: command.integration_types ?? [0],
  };
}
