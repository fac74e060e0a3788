import { MessageFlags, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import { findReflectionForm, submitReflectionForm, type BotContext } from '../../../src/bot/homeroom-bot.ts';
import { plainMessage } from '../../../src/bot/message.ts';
import { t } from '../../../src/i18n/index.ts';
import { DISCORD } from '../discord-messenger.ts';
import { buildReflectionModal, REFLECTION_INPUT } from '../reflection-modal.ts';
import { identifyOrExplain } from './identify.ts';
import { replyPrivately } from './interaction-reply.ts';

/**
 * Opens the form for the prompt whose button was pressed. A modal must be the
 * first response, so this does not defer; the two queries fit in 3 seconds.
 */
export async function openFormFromButton(bot: BotContext, interaction: ButtonInteraction, requestId: string): Promise<void> {
  const identity = await identifyOrExplain(bot, interaction.user.id);
  if ('explanation' in identity) {
    await replyPrivately(interaction, plainMessage(identity.explanation));

    return;
  }
  const form = await findReflectionForm(bot, identity.actor.personId, requestId);
  if (!form) {
    await replyPrivately(interaction, plainMessage(t('bot:reflection.no_prompt_to_answer')));

    return;
  }
  await interaction.showModal(buildReflectionModal(form));
}

/** Files the text of a submitted reflection form. Empty text gets the bot:reflection.empty reply and is not kept. */
export async function submitForm(bot: BotContext, interaction: ModalSubmitInteraction, requestId: string): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const identity = await identifyOrExplain(bot, interaction.user.id);
  if ('explanation' in identity) {
    await replyPrivately(interaction, plainMessage(identity.explanation));

    return;
  }
  const reply = await submitReflectionForm(bot, {
    actor: identity.actor,
    requestId,
    text: interaction.fields.getTextInputValue(REFLECTION_INPUT),
    source: { platform: DISCORD, messageId: `modal-${interaction.id}` },
  });
  await replyPrivately(interaction, reply ?? plainMessage(t('bot:reflection.duplicate')));
}
