import type { Interaction } from 'discord.js';
import type { BotContext } from '../../../src/bot/homeroom-bot.ts';
import { plainMessage } from '../../../src/bot/message.ts';
import { t } from '../../../src/i18n/index.ts';
import { OPEN_REFLECTION_FORM } from '../../../src/reflection/prompt-message.ts';
import { claimInboundEvent } from '../../../src/bot/inbound-events.ts';
import { REFLECTION_SUBMIT } from '../reflection-modal.ts';
import { parseCustomId } from '../render-message.ts';
import { handleCommand } from './commands.ts';
import { replyPrivately } from './interaction-reply.ts';
import { openFormFromButton, submitForm } from './reflection-form.ts';

async function route(bot: BotContext, interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    await handleCommand(bot, interaction);

    return;
  }
  if (interaction.isButton()) {
    const { id, value } = parseCustomId(interaction.customId);
    if (id === OPEN_REFLECTION_FORM) await openFormFromButton(bot, interaction, value);

    return;
  }
  if (interaction.isModalSubmit()) {
    const { id, value } = parseCustomId(interaction.customId);
    if (id === REFLECTION_SUBMIT) await submitForm(bot, interaction, value);
  }
}

function commandLabel(interaction: Interaction): string {
  return interaction.isChatInputCommand() ? `/${interaction.commandName}` : '/reflect';
}

/**
 * Handles one interaction. Every process connected to the gateway receives
 * it, so the one that records the interaction id first does the work and
 * responds. The others stay quiet, because Discord accepts one response.
 */
export async function handleInteraction(bot: BotContext, interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isModalSubmit()) return;
  const log = bot.logger.child({ interactionId: interaction.id, discordUserId: interaction.user.id });
  if (!(await claimInboundEvent(bot.prisma, `discord-interaction-${interaction.id}`))) {
    log.info('interaction is handled by another process');

    return;
  }

  try {
    await route(bot, interaction);
  } catch (error) {
    log.error({ err: error, command: commandLabel(interaction) }, 'discord interaction failed');
    // The failure message is itself a response, so it can fail as well (an expired token); that is logged.
    await replyPrivately(interaction, plainMessage(t('bot:commands.failed', { command: commandLabel(interaction) }))).catch(
      (replyError: unknown) => log.warn({ err: replyError }, 'could not tell the user that the interaction failed'),
    );
  }
}
