import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { BotContext } from '../../src/bot/homeroom-bot.ts';
import type { Config } from '../../src/config.ts';
import type { PlatformAdapter } from '../../src/messaging/platform-adapter.ts';
import { catchUpMissedReplies } from './catch-up.ts';
import { DiscordMessenger } from './discord-messenger.ts';
import { GatewayHealth } from './gateway-health.ts';
import { handleMessageCreate } from './handlers/direct-messages.ts';
import { handleInteraction } from './handlers/interactions.ts';

export type DiscordSettings = Pick<
  Config,
  'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_API_URL' | 'DISCORD_READY_GRACE_SECONDS'
>;

export interface DiscordAdapter extends PlatformAdapter {
  client: Client;
  messenger: DiscordMessenger;
  /** Resolves when the catch-up started by the latest READY has finished; for tests. */
  catchUpDone(): Promise<void>;
}

/** Builds the discord.js client, routes its events to the core and tracks the gateway's health. */
export function createDiscordAdapter(settings: DiscordSettings, bot: BotContext): DiscordAdapter {
  const token = settings.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is required for the Discord adapter.');
  const logger = bot.logger.child({ component: 'discord' });

  const client = new Client({
    // Guilds for slash commands in servers, DirectMessages for DM replies. A
    // DM channel is not cached when its first message arrives, so discord.js
    // needs the Channel partial to emit messageCreate for it.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    ...(settings.DISCORD_API_URL ? { rest: { api: settings.DISCORD_API_URL } } : {}),
  });
  // The token is set on the REST client now, so that the messenger can send
  // from a CLI process that never logs in to the gateway.
  client.rest.setToken(token);
  const messenger = new DiscordMessenger(bot.prisma, client.rest);
  const health = new GatewayHealth(settings.DISCORD_READY_GRACE_SECONDS * 1000);
  let catchUp: Promise<void> = Promise.resolve();

  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(bot, interaction);
  });
  client.on(Events.MessageCreate, (message) => {
    void handleMessageCreate(bot, client.rest, message);
  });

  client.on(Events.ShardReady, (shardId) => {
    health.markConnected();
    logger.info({ shardId }, 'discord gateway session started');
    // A new session (the first one, or one after a reconnect that could not
    // resume) does not replay the events it missed, so replies sent in the
    // meantime are read over REST.
    catchUp = catchUp.then(async () => {
      try {
        const read = await catchUpMissedReplies(bot, client.rest);
        if (read > 0) logger.info({ messages: read }, 'read discord DMs missed while the gateway was down');
      } catch (error) {
        logger.error({ err: error }, 'reading missed discord DMs failed');
      }
    });
  });
  client.on(Events.ShardResume, (shardId, replayedEvents) => {
    health.markConnected();
    logger.info({ shardId, replayedEvents }, 'discord gateway session resumed');
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    health.markDisconnected();
    logger.warn({ shardId }, 'discord gateway disconnected, reconnecting');
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    health.markDisconnected();
    logger.error({ shardId, code: event.code }, 'discord gateway closed and will not reconnect');
  });
  client.on(Events.ShardError, (error, shardId) => {
    logger.warn({ err: error, shardId }, 'discord gateway connection error');
  });

  return {
    name: 'discord',
    client,
    messenger,
    async ready() {
      return health.isReady();
    },
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(token);
      await ready;
    },
    async stop() {
      await client.destroy();
    },
    catchUpDone: () => catchUp,
  };
}
