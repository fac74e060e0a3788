import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { runCommand, type BotContext } from '../../../src/bot/homeroom-bot.ts';
import { handleLinkCommand } from '../../../src/bot/link-command.ts';
import { plainMessage, type OutgoingMessage } from '../../../src/bot/message.ts';
import { LINK_CODE_OPTION, PLAN_PERSON_OPTION, TEXT_OPTION } from '../command-definitions.ts';
import { DISCORD } from '../discord-messenger.ts';
import { buildReflectionModal } from '../reflection-modal.ts';
import { identifyOrExplain } from './identify.ts';
import { replyPrivately } from './interaction-reply.ts';

/** Returns the command's arguments as the core's command text, such as `<@123>` for /plan's person option. */
export function commandText(interaction: ChatInputCommandInteraction): string {
  const words: string[] = [];
  if (interaction.commandName === 'plan') {
    // The option's value is the user id, which is all the core needs; the
    // resolved user object that getUser() returns is not required.
    const person = interaction.options.get(PLAN_PERSON_OPTION)?.value;
    if (typeof person === 'string' && person !== '') words.push(`<@${person}>`);
  }
  const text = interaction.options.getString(TEXT_OPTION);
  if (text) words.push(text);

  return words.join(' ');
}

// The DM channel is known only when the command was used in the bot's DM.
function dmChannelIdOf(interaction: ChatInputCommandInteraction): string | undefined {
  return interaction.inGuild() ? undefined : (interaction.channelId ?? undefined);
}

async function runLinkCommand(bot: BotContext, interaction: ChatInputCommandInteraction): Promise<OutgoingMessage> {
  const dmChannelId = dmChannelIdOf(interaction);

  return handleLinkCommand(bot, {
    platform: DISCORD,
    externalId: interaction.user.id,
    code: interaction.options.getString(LINK_CODE_OPTION) ?? '',
    ...(dmChannelId ? { dmChannelId } : {}),
  });
}

/**
 * Opens the reflection form for `/reflect` without text. A modal must be the
 * interaction's first response, so this path cannot defer and stays short:
 * two indexed queries before Discord's 3 seconds run out.
 */
async function openReflectionForm(bot: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const identity = await identifyOrExplain(bot, interaction.user.id);
  if ('explanation' in identity) {
    await replyPrivately(interaction, plainMessage(identity.explanation));

    return;
  }
  const result = await runCommand(bot, {
    actor: identity.actor,
    command: 'reflect',
    text: '',
    platform: DISCORD,
    invocationId: interaction.id,
  });
  if (result.kind === 'open_reflection_form') await interaction.showModal(buildReflectionModal(result.form));
  else await replyPrivately(interaction, result.message);
}

/** Runs /plan, /goal, /reflect and /link, and responds with a message only the user sees. */
export async function handleCommand(bot: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const text = commandText(interaction);
  if (interaction.commandName === 'reflect' && text.trim() === '') {
    await openReflectionForm(bot, interaction);

    return;
  }

  // The work may take longer than the 3 seconds Discord allows for the first
  // response, so acknowledge now and edit the reply when it is done.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (interaction.commandName === 'link') {
    await replyPrivately(interaction, await runLinkCommand(bot, interaction));

    return;
  }

  const identity = await identifyOrExplain(bot, interaction.user.id);
  if ('explanation' in identity) {
    await replyPrivately(interaction, plainMessage(identity.explanation));

    return;
  }
  const result = await runCommand(bot, {
    actor: identity.actor,
    command: interaction.commandName,
    text,
    platform: DISCORD,
    invocationId: interaction.id,
  });
  // A form cannot open after a deferral, so /reflect without text is handled above.
  const message = result.kind === 'reply' ? result.message : plainMessage(result.form.promptText);
  await replyPrivately(interaction, message);
}
