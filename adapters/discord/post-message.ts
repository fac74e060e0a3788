import { Routes, type APIMessage, type REST } from 'discord.js';
import type { OutgoingMessage } from '../../src/bot/message.ts';
import { renderDiscordMessage, type DiscordMessagePart } from './render-message.ts';

/** Returns the request body of one message, with mentions switched off so student text never pings anyone. */
export function toMessageBody(part: DiscordMessagePart) {
  return { ...part, allowed_mentions: { parse: [] } };
}

/**
 * Posts a message to a channel, split into several when its text is over
 * 2,000 characters, and returns the id of the last one. Rate limits (429)
 * are waited out by discord.js's REST client.
 * NOTE: when a later part fails, a retry posts the earlier parts again.
 */
export async function postMessage(rest: REST, channelId: string, message: OutgoingMessage): Promise<string> {
  let lastId = '';
  for (const part of renderDiscordMessage(message)) {
    const sent = (await rest.post(Routes.channelMessages(channelId), { body: toMessageBody(part) })) as APIMessage;
    lastId = sent.id;
  }

  return lastId;
}
