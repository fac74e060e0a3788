import type { WebClient } from '@slack/web-api';
import type { OutgoingMessage } from '../../../src/bot/message.ts';
import { toBlockKit } from '../block-kit.ts';

/** Posts a reply into a student's DM with the bot. */
export async function postDirectReply(client: WebClient, channel: string, message: OutgoingMessage): Promise<void> {
  await client.chat.postMessage({ channel, ...toBlockKit(message) });
}

/** Opens (or reuses) the DM with a user and posts a message there. */
export async function sendToUser(client: WebClient, userId: string, message: OutgoingMessage): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  if (!opened.channel?.id) throw new Error('conversations.open returned no channel id');
  await postDirectReply(client, opened.channel.id, message);
}
