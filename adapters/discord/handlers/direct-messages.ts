import { ChannelType, type Message, type REST } from 'discord.js';
import { handleDirectMessage, type BotContext } from '../../../src/bot/homeroom-bot.ts';
import { plainMessage } from '../../../src/bot/message.ts';
import type { Actor } from '../../../src/people/accounts.ts';
import { DISCORD } from '../discord-messenger.ts';
import { claimInboundEvent } from '../../../src/bot/inbound-events.ts';
import { postMessage } from '../post-message.ts';
import { identifyOrExplain } from './identify.ts';

/** A DM from a person, as the gateway delivers it or as the catch-up reads it over REST. */
export interface IncomingDirectMessage {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
}

/**
 * Files a DM as the author's reflection and confirms it in the DM. A message
 * that was filed before (the gateway delivered it twice, or a second process
 * got it too) gets no second reply.
 */
export async function fileDirectMessage(
  bot: BotContext,
  rest: REST,
  message: IncomingDirectMessage,
  actor?: Actor,
): Promise<void> {
  const log = bot.logger.child({ discordUserId: message.authorId, discordMessageId: message.id });
  let author = actor;
  if (!author) {
    const identity = await identifyOrExplain(bot, message.authorId);
    if ('explanation' in identity) {
      // The receipt keeps a resent message from getting a second explanation.
      if (await claimInboundEvent(bot.prisma, `discord-message-${message.id}`)) {
        await postMessage(rest, message.channelId, plainMessage(identity.explanation));
      }

      return;
    }
    author = identity.actor;
  }

  const reply = await handleDirectMessage(bot, {
    actor: author,
    text: message.content,
    source: { platform: DISCORD, messageId: message.id },
  });
  if (reply) await postMessage(rest, message.channelId, reply);
  else log.info('discord message was already filed');
}

/** Returns whether a gateway message is a person's DM to the bot. */
export function isDirectMessageFromPerson(message: Message): boolean {
  return message.channel.type === ChannelType.DM && !message.author.bot && !message.system;
}

/** Handles messageCreate: DMs from people are filed; everything else is ignored. */
export async function handleMessageCreate(bot: BotContext, rest: REST, message: Message): Promise<void> {
  if (!isDirectMessageFromPerson(message)) return;
  try {
    await fileDirectMessage(bot, rest, {
      id: message.id,
      channelId: message.channelId,
      authorId: message.author.id,
      content: message.content,
    });
  } catch (error) {
    bot.logger.error({ err: error, discordUserId: message.author.id, discordMessageId: message.id }, 'discord DM could not be filed');
  }
}
