import type { BotContext } from '../src/bot/homeroom-bot.ts';
import type { Config } from '../src/config.ts';
import type { PlatformAdapter } from '../src/messaging/platform-adapter.ts';
import { createDiscordAdapter } from './discord/discord-adapter.ts';
import { createSlackAdapter } from './slack/slack-app.ts';

/** Builds an adapter for every chat platform that the settings configure. */
export function createPlatformAdapters(config: Config, bot: BotContext): PlatformAdapter[] {
  const adapters: PlatformAdapter[] = [];
  if (config.SLACK_BOT_TOKEN) adapters.push(createSlackAdapter(config, bot));
  if (config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) adapters.push(createDiscordAdapter(config, bot));

  return adapters;
}
