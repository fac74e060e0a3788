import type { BotContext } from '../../../src/bot/homeroom-bot.ts';
import { t } from '../../../src/i18n/index.ts';
import { findActorByAccount, type Actor } from '../../../src/people/accounts.ts';
import { DISCORD } from '../discord-messenger.ts';

/** Returns the roster person linked to a Discord user, or the text that explains how to link. */
export async function identifyOrExplain(bot: BotContext, userId: string): Promise<{ actor: Actor } | { explanation: string }> {
  const actor = await findActorByAccount(bot.prisma, DISCORD, userId);
  if (actor) return { actor };
  bot.logger.info({ discordUserId: userId }, 'discord user is not linked to the roster');

  return { explanation: t('bot:link.how_to_link') };
}
