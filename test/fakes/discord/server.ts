import { ChannelType, GatewayIntentBits, type APIUser } from 'discord.js';
import { FailureQueue, type ApiFailure } from './errors.ts';
import { GatewayServer, type GatewayEventLog, type GatewaySession } from './gateway.ts';
import {
  InteractionRegistry,
  type DispatchedInteraction,
  type DispatchInteractionInput,
  type InteractionCallbackRecord,
} from './interactions.ts';
import { RestServer, type RestCall } from './rest.ts';
import { coreRoutes } from './routes.ts';
import {
  FakeDiscordState,
  type FakeGuild,
  type FakeGuildInput,
  type FakeUserInput,
  type StoredMessage,
} from './state.ts';

export type { ApiFailure } from './errors.ts';
export type { GatewayEventLog } from './gateway.ts';
export type { DispatchedInteraction, DispatchInteractionInput, InteractionCallbackRecord } from './interactions.ts';
export type { RestCall } from './rest.ts';
export type { FakeGuild, FakeGuildInput, FakeUserInput, StoredAttachment, StoredMessage } from './state.ts';

export interface FakeDiscordOptions {
  /** The bot token clients must send; defaults to a fixed fake token. */
  token?: string;
  bot?: { id?: string; username?: string };
  /** Defaults to the bot user's id, as for bots created since 2019. */
  applicationId?: string;
  users?: FakeUserInput[];
  guilds?: FakeGuildInput[];
  /** Sent in HELLO; Discord sends about 41,250 ms. Lower it to see heartbeats within a test. */
  heartbeatIntervalMs?: number;
  /** Time a bot has for its first interaction callback (Discord: 3,000 ms). */
  interactionAcknowledgeMs?: number;
  /** Lifetime of an interaction token for edits and follow-ups (Discord: 15 minutes). */
  interactionTokenMs?: number;
}

export interface DispatchMessageInput {
  authorId: string;
  content: string;
  /** A guild text channel, or by default the DM channel between the author and the bot. */
  channelId?: string;
  embeds?: unknown[];
  attachments?: Array<{ filename: string; data: Buffer | string; contentType?: string }>;
  /** Makes the message a reply to this message id. */
  replyTo?: string;
}

export interface DispatchedMessage {
  id: string;
  channelId: string;
  message: StoredMessage;
  /** Gateway sessions the event went to; 0 when no client is connected or none has the intent. */
  sessions: number;
}

export interface FakeDispatchedInteraction extends DispatchedInteraction {
  /** Gateway sessions the event went to. */
  sessions: number;
}

/** A fake Discord (REST API v10 and gateway) on 127.0.0.1 for tests that run the real discord.js. */
export interface FakeDiscord {
  /** Pass as `rest: { api }` to discord.js before `login`. */
  readonly apiUrl: string;
  /** The URL `GET /gateway/bot` hands out. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly botUser: APIUser;
  readonly applicationId: string;
  /** Every REST request, in order. */
  readonly calls: readonly RestCall[];
  readonly gatewayEvents: GatewayEventLog;
  /** Errors thrown inside the fake's route handlers; a test can assert this stays empty. */
  readonly internalErrors: readonly Error[];

  addUser(input: FakeUserInput): APIUser;
  /** Adds a guild; connected clients with the Guilds intent get GUILD_CREATE, as when a bot joins one. */
  addGuild(input: FakeGuildInput): FakeGuild;
  /** Returns the id of the DM channel between the bot and a user, creating it if needed. */
  dmChannelFor(userId: string): string;
  /** Makes messages to the user's DM channel fail with 403 and `code` (50007 by default, or 50278). */
  closeDms(userId: string, code?: number): void;
  openDms(userId: string): void;

  /** Makes the next `count` requests that match `routePattern` fail with `failure`. */
  failNext(routePattern: string | RegExp, failure: ApiFailure, count?: number): void;
  clearFailures(): void;

  /** Messages in a channel, oldest first; deleted ones only with `includeDeleted`. */
  messagesIn(channelId: string, options?: { includeDeleted?: boolean }): StoredMessage[];
  /** Callbacks and webhook calls for an interaction, including rejected ones. */
  callbacks(interactionId: string): InteractionCallbackRecord[];
  /** Registered application commands as the API returns them; global ones without `guildId`. */
  commands(guildId?: string): Array<Record<string, unknown>>;

  /** Stores a user's message and sends MESSAGE_CREATE (with `channel_type`) to connected clients. */
  dispatchMessageCreate(input: DispatchMessageInput): DispatchedMessage;
  /** Sends INTERACTION_CREATE; use the returned id to assert the callbacks. */
  dispatchInteraction(input: DispatchInteractionInput): FakeDispatchedInteraction;
  /** Sends RECONNECT (resumable) or invalidates the session and closes the socket; returns the sessions affected. */
  forceReconnect(options: { resumable: boolean; closeCode?: number }): number;
  /** Drops gateway sockets and refuses connections for `ms`; REST keeps working. Resolves when the gateway is back. */
  disconnectFor(ms: number): Promise<void>;

  /** Polls `predicate` every 10 ms until it returns a truthy value, which it resolves with. */
  waitFor<T>(predicate: () => T, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const DEFAULT_TOKEN = 'fake-bot-token.homeroom.test';
const DEFAULT_HEARTBEAT_INTERVAL_MS = 41_250;
const DEFAULT_ACKNOWLEDGE_MS = 3_000;
const DEFAULT_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const DEFAULT_WAIT_FOR_MS = 5_000;
const WAIT_FOR_POLL_MS = 10;

/** Starts the fake on two ephemeral ports of 127.0.0.1: one for REST, one for the gateway. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? DEFAULT_TOKEN;
  const state = new FakeDiscordState(options.bot ?? {}, options.applicationId);
  for (const user of options.users ?? []) state.addUser(user);
  for (const guild of options.guilds ?? []) state.addGuild(guild);

  const failures = new FailureQueue();
  const calls: RestCall[] = [];
  const interactions = new InteractionRegistry(state, {
    acknowledgeMs: options.interactionAcknowledgeMs ?? DEFAULT_ACKNOWLEDGE_MS,
    tokenMs: options.interactionTokenMs ?? DEFAULT_TOKEN_LIFETIME_MS,
  });

  const gateway: GatewayServer = new GatewayServer({
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    readyPayload: (sessionId, resumeGatewayUrl) => ({
      v: 10,
      user_settings: {},
      user: state.botUser,
      // Guilds start unavailable; each one arrives in its own GUILD_CREATE.
      guilds: [...state.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: sessionId,
      session_type: 'normal',
      resume_gateway_url: resumeGatewayUrl,
      shard: [0, 1],
      application: { id: state.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['["fake-discord"]'],
    }),
    onSessionReady: (session) => {
      if (!hasIntent(session, GatewayIntentBits.Guilds)) return;
      for (const guild of state.guilds.values()) {
        gateway.sendDispatch(session, 'GUILD_CREATE', state.guildToGatewayPayload(guild));
      }
    },
  });

  const rest = new RestServer({
    token,
    routes: [
      ...coreRoutes({ state, gatewayUrl: () => gateway.url, identifyCount: () => gateway.events.identifies.length }),
      ...interactions.routes(),
    ],
    failures,
    calls,
    snowflakes: state.snowflakes,
  });

  await rest.listen();
  try {
    await gateway.listen();
  } catch (error) {
    await rest.close();
    throw error;
  }

  let closing: Promise<void> | undefined;

  return {
    apiUrl: rest.apiUrl,
    gatewayUrl: gateway.url,
    token,
    botUser: state.botUser,
    applicationId: state.applicationId,
    calls,
    gatewayEvents: gateway.events,
    internalErrors: rest.internalErrors,

    addUser: (input) => state.addUser(input),
    addGuild(input) {
      const guild = state.addGuild(input);
      gateway.dispatch('GUILD_CREATE', (session) =>
        hasIntent(session, GatewayIntentBits.Guilds) ? state.guildToGatewayPayload(guild) : undefined,
      );
      return guild;
    },
    dmChannelFor: (userId) => state.dmChannelFor(userId).id,
    closeDms(userId, code = 50007) {
      state.requireUser(userId);
      state.closedDms.set(userId, code);
    },
    openDms(userId) {
      state.closedDms.delete(userId);
    },

    failNext: (routePattern, failure, count = 1) => failures.add(routePattern, failure, count),
    clearFailures: () => failures.clear(),

    messagesIn(channelId, messageOptions = {}) {
      const messages = state.messagesIn(channelId);
      return messageOptions.includeDeleted ? [...messages] : messages.filter((message) => !message.deleted);
    },
    callbacks: (interactionId) => [...interactions.records(interactionId)],
    commands: (guildId) => state.commands(guildId).map((command) => state.commandToApi(command)),

    dispatchMessageCreate(input) {
      const channel = input.channelId ? state.channels.get(input.channelId) : state.dmChannelFor(input.authorId);
      if (!channel)
        throw new Error(`Unknown channel ${input.channelId}: add a guild with it or omit channelId for a DM`);
      state.requireUser(input.authorId);
      const attachments = (input.attachments ?? []).map((file) =>
        rest.registerAttachment(file.filename, Buffer.from(file.data), file.contentType),
      );
      const body: Record<string, unknown> = { content: input.content, embeds: input.embeds ?? [] };
      if (input.replyTo) body.message_reference = { message_id: input.replyTo, channel_id: channel.id };
      const message = state.createMessage(channel, input.authorId, { body, attachments }, 'gateway');

      const isDm = channel.type === ChannelType.DM;
      const guild = channel.guildId ? state.guilds.get(channel.guildId) : undefined;
      const sessions = gateway.dispatch('MESSAGE_CREATE', (session) => {
        const intent = isDm ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
        if (!hasIntent(session, intent)) return undefined;
        const payload: Record<string, unknown> = { ...state.messageToApi(message), channel_type: channel.type };
        if (guild) {
          const { user: _user, ...member } = state.memberToApi(guild, input.authorId);
          payload.guild_id = guild.id;
          payload.member = member;
          // Without the privileged Message Content intent, guild messages that do not mention the bot arrive empty.
          const mentionsBot = message.content.includes(`<@${state.botUser.id}>`);
          if (!hasIntent(session, GatewayIntentBits.MessageContent) && !mentionsBot) {
            Object.assign(payload, { content: '', embeds: [], attachments: [], components: [] });
          }
        }
        return payload;
      });
      return { id: message.id, channelId: channel.id, message, sessions };
    },

    dispatchInteraction(input) {
      const dispatched = interactions.create(input);
      const sessions = gateway.dispatch('INTERACTION_CREATE', () => dispatched.payload);
      return { ...dispatched, sessions };
    },

    forceReconnect: ({ resumable, closeCode }) => gateway.forceReconnect(resumable, closeCode),
    disconnectFor: (ms) => gateway.disconnectFor(ms),

    async waitFor<T>(predicate: () => T, timeoutMs = DEFAULT_WAIT_FOR_MS): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value) return value;
        if (Date.now() >= deadline) {
          throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for: ${predicate.toString()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_POLL_MS));
      }
    },

    close() {
      closing ??= Promise.all([gateway.close(), rest.close()]).then(() => undefined);
      return closing;
    },
  };
}

function hasIntent(session: GatewaySession, intent: GatewayIntentBits): boolean {
  return (session.intents & intent) !== 0;
}
