import type { BotContext } from '../src/bot/homeroom-bot.ts';
import type { Config } from '../src/config.ts';
import type { PlatformAdapter } from '../src/messaging/platform-adapter.ts';
import { createSlackAdapter } from './slack/slack-app.ts';

/** Builds an adapter for every chat platform that the settings configure. */
export function createPlatformAdapters(config: Config, bot: BotContext): PlatformAdapter[] {
  const adapters: PlatformAdapter[] = [];
  if (config.SLACK_BOT_TOKEN) adapters.push(createSlackAdapter(config, bot));

  return adapters;
}
