import type { App } from '@slack/bolt';
import { handleDirectMessage, type BotContext } from '../../../src/bot/homeroom-bot.ts';
import { plainMessage } from '../../../src/bot/message.ts';
import { unescapeSlackText } from '../slack-text.ts';
import { postDirectReply } from './reply.ts';
import { identifyOrExplain } from './identify-or-explain.ts';

interface DirectMessageEvent {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  subtype?: string;
  bot_id?: string;
  team?: string;
}

// Subtypes that are a person writing to the bot; edits, joins and bot
// messages are not replies to a prompt.
const replySubtypes = new Set([undefined, 'file_share', 'thread_broadcast']);

/** Files a student's DM reply as their reflection and confirms it. */
export function registerMessageHandlers(app: App, bot: BotContext): void {
  app.event('message', async ({ event, client, context }) => {
    const message = event as unknown as DirectMessageEvent;
    if (message.channel_type !== 'im' || message.bot_id || !message.user) return;
    if (!replySubtypes.has(message.subtype)) return;

    const log = bot.logger.child({ slackUserId: message.user, retryNum: context.retryNum ?? 0 });
    const identity = await identifyOrExplain(bot, client, {
      userId: message.user,
      dmChannelId: message.channel,
      ...(message.team ? { teamId: message.team } : {}),
    });
    if ('explanation' in identity) {
      await postDirectReply(client, message.channel, plainMessage(identity.explanation));

      return;
    }

    const reply = await handleDirectMessage(bot, {
      actor: identity.actor,
      text: unescapeSlackText(message.text ?? ''),
      // Slack's ts is unique within a channel, and a retried event carries the same one.
      source: { platform: 'slack', messageId: `${message.channel}-${message.ts}` },
    });
    if (reply) await postDirectReply(client, message.channel, reply);
    else log.info('resent slack message was already filed');
  });
}
