import { t } from '../i18n/index.ts';
import { redeemLinkCode } from '../linking/link-codes.ts';
import type { BotContext } from './homeroom-bot.ts';
import { plainMessage, type OutgoingMessage } from './message.ts';

/** Runs `/link CODE`: links the caller's platform account to the roster person the code belongs to. */
export async function handleLinkCommand(
  ctx: BotContext,
  input: { platform: string; externalId: string; code: string; dmChannelId?: string },
): Promise<OutgoingMessage> {
  if (input.code.trim() === '') return plainMessage(t('bot:link.missing_code'), { ephemeral: true });

  const result = await redeemLinkCode(ctx.prisma, {
    code: input.code,
    platform: input.platform,
    externalId: input.externalId,
    ...(input.dmChannelId ? { dmChannelId: input.dmChannelId } : {}),
    now: ctx.now(),
  });
  if (!result.ok) {
    ctx.logger.info({ platform: input.platform, externalId: input.externalId, reason: result.error }, 'link code rejected');

    return plainMessage(t(`bot:link.${result.error}`), { ephemeral: true });
  }
  ctx.logger.info({ platform: input.platform, personId: result.personId }, 'chat account linked with a code');

  return plainMessage(t('bot:link.linked', { name: result.givenName }), { ephemeral: true });
}
