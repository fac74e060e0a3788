import { MessageType, Routes, type APIMessage, type REST } from 'discord.js';
import type { BotContext } from '../../src/bot/homeroom-bot.ts';
import { findActorByAccount } from '../../src/people/accounts.ts';
import { REFLECTION_PROMPT_KIND } from '../../src/reflection/plan-weekly-reflections.ts';
import { DISCORD } from './discord-messenger.ts';
import { fileDirectMessage } from './handlers/direct-messages.ts';

// Discord's maximum page size for GET /channels/{id}/messages.
const PAGE_SIZE = 100;
const SNOWFLAKE = /^\d+$/;
// A plain message, or one sent with Discord's "Reply" to the prompt.
const replyTypes = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

function laterSnowflake(a: string | null | undefined, b: string | null | undefined): string | null {
  const candidates = [a, b].filter((id): id is string => typeof id === 'string' && SNOWFLAKE.test(id));
  if (candidates.length === 0) return null;

  return candidates.reduce((latest, id) => (BigInt(id) > BigInt(latest) ? id : latest));
}

/** Reads a DM channel's messages after `after`, oldest first, page by page. */
async function messagesAfter(rest: REST, channelId: string, after: string): Promise<APIMessage[]> {
  const messages: APIMessage[] = [];
  let anchor = after;
  for (;;) {
    const query = new URLSearchParams({ after: anchor, limit: String(PAGE_SIZE) });
    const page = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    // Discord returns the page newest first.
    const oldestFirst = [...page].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    messages.push(...oldestFirst);
    if (page.length < PAGE_SIZE || oldestFirst.length === 0) return messages;
    anchor = oldestFirst.at(-1)!.id;
  }
}

/**
 * Files the DM replies that were sent while the gateway was down. After a
 * reconnect that could not resume, Discord does not replay missed events.
 * So for every open prompt (sent, unanswered, not closed) of a person with a
 * Discord DM channel, this reads the DM after the latest message Homeroom
 * has stored: the last filed Discord message, or else the prompt itself.
 * Each message is filed by its id, so one filed before is not filed again.
 * Returns how many messages from people it read.
 */
export async function catchUpMissedReplies(bot: BotContext, rest: REST): Promise<number> {
  const now = bot.now();
  const open = await bot.prisma.reflectionRequest.findMany({
    where: { sentAt: { not: null }, answeredAt: null, closesAt: { gt: now } },
    select: { studentId: true },
  });
  const studentIds = new Set(open.map((request) => request.studentId));
  let read = 0;
  for (const studentId of studentIds) {
    const account = await bot.prisma.chatAccount.findUnique({
      where: { platform_personId: { platform: DISCORD, personId: studentId } },
    });
    if (!account?.dmChannelId) continue;

    const [prompt, lastFiled] = await Promise.all([
      bot.prisma.delivery.findFirst({
        where: { recipientId: studentId, kind: REFLECTION_PROMPT_KIND, platform: DISCORD, status: 'sent' },
        orderBy: { sentAt: 'desc' },
        select: { platformMessageId: true },
      }),
      bot.prisma.portfolioEntry.findFirst({
        where: { personId: studentId, sourcePlatform: DISCORD, sourceMessageId: { not: { startsWith: 'modal-' } } },
        orderBy: { createdAt: 'desc' },
        select: { sourceMessageId: true },
      }),
    ]);
    const after = laterSnowflake(prompt?.platformMessageId, lastFiled?.sourceMessageId);
    if (!after) continue;

    const actor = await findActorByAccount(bot.prisma, DISCORD, account.externalId);
    if (!actor) continue;
    const messages = await messagesAfter(rest, account.dmChannelId, after);
    for (const message of messages) {
      const fromPerson = message.author.id === account.externalId && !message.author.bot;
      if (!fromPerson || !replyTypes.has(message.type)) continue;
      await fileDirectMessage(
        bot,
        rest,
        { id: message.id, channelId: account.dmChannelId, authorId: message.author.id, content: message.content },
        actor,
      );
      read += 1;
    }
  }

  return read;
}
