import { MessageFlags, type ChatInputCommandInteraction, type ModalSubmitInteraction, type ButtonInteraction } from 'discord.js';
import type { OutgoingMessage } from '../../../src/bot/message.ts';
import { renderDiscordMessage, type DiscordMessagePart } from '../render-message.ts';

type RepliableInteraction = ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction;

function toReplyOptions(part: DiscordMessagePart) {
  return { ...part, allowedMentions: { parse: [] } };
}

/**
 * Responds to an interaction with a message that only the user sees. A deferred
 * interaction gets the first part as an edit of its "thinking…" reply;
 * further parts of a long message follow up. Each interaction is
 * acknowledged once, because Discord rejects a second acknowledgement.
 */
export async function replyPrivately(interaction: RepliableInteraction, message: OutgoingMessage): Promise<void> {
  const [first, ...rest] = renderDiscordMessage(message);
  if (!first) return;
  if (interaction.deferred || interaction.replied) await interaction.editReply(toReplyOptions(first));
  else await interaction.reply({ ...toReplyOptions(first), flags: MessageFlags.Ephemeral });
  for (const part of rest) await interaction.followUp({ ...toReplyOptions(part), flags: MessageFlags.Ephemeral });
}
