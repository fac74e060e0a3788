import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { ReflectionForm } from '../../src/bot/homeroom-bot.ts';
import { t } from '../../src/i18n/index.ts';
import { truncate } from './render-message.ts';

export const REFLECTION_SUBMIT = 'reflection.submit';
export const REFLECTION_INPUT = 'text';

// Discord's limits: 4,000 characters in a text input, 45 in a modal title and
// its input labels. Longer reflections can be sent as a DM reply.
const INPUT_MAX = 4000;
const TITLE_MAX = 45;
const PLACEHOLDER_MAX = 100;

/** Builds the modal in which a student answers a prompt; its custom_id carries the request id. */
export function buildReflectionModal(form: ReflectionForm): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(REFLECTION_INPUT)
    .setLabel(truncate(t('bot:reflection.form_label'), TITLE_MAX))
    .setStyle(TextInputStyle.Paragraph)
    .setMaxLength(INPUT_MAX)
    // The prompt is shown as the placeholder, because a modal has no room for other text.
    .setPlaceholder(truncate(form.promptText, PLACEHOLDER_MAX))
    .setRequired(true);

  return new ModalBuilder()
    .setCustomId(`${REFLECTION_SUBMIT}:${form.requestId}`)
    .setTitle(truncate(t('bot:reflection.form_title'), TITLE_MAX))
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
}
