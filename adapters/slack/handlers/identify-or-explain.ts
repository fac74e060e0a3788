import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../../../src/bot/homeroom-bot.ts';
import { t } from '../../../src/i18n/index.ts';
import type { Actor } from '../../../src/people/accounts.ts';
import { identifySlackUser } from '../slack-identity.ts';

/** Returns the roster person behind a Slack user, or the sentence explaining why there is none. */
export async function identifyOrExplain(
  bot: BotContext,
  client: WebClient,
  input: { userId: string; teamId?: string; dmChannelId?: string },
): Promise<{ actor: Actor } | { explanation: string }> {
  const identity = await identifySlackUser(bot.prisma, client, input);
  if (identity.ok) return { actor: identity.actor };
  bot.logger.info({ slackUserId: input.userId, reason: identity.error }, 'slack user is not linked to the roster');

  return { explanation: t(`bot:identity.${identity.error}`) };
}
