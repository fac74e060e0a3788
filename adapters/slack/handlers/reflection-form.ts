import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { findReflectionForm, submitReflectionForm, type BotContext } from '../../../src/bot/homeroom-bot.ts';
import { plainMessage } from '../../../src/bot/message.ts';
import { normalizeReflection } from '../../../src/domain/reflection-text.ts';
import { t } from '../../../src/i18n/index.ts';
import { OPEN_REFLECTION_FORM } from '../../../src/reflection/prompt-message.ts';
import { buildReflectionModal, REFLECTION_BLOCK, REFLECTION_INPUT, REFLECTION_VIEW } from '../reflection-modal.ts';
import { identifyOrExplain } from './identify-or-explain.ts';
import { sendToUser } from './reply.ts';

/** Opens the reflection form from the prompt's button and files what the student submits. */
export function registerReflectionFormHandlers(app: App, bot: BotContext): void {
  app.action<BlockAction<ButtonAction>>(OPEN_REFLECTION_FORM, async ({ ack, body, action, client }) => {
    await ack();
    const identity = await identifyOrExplain(bot, client, { userId: body.user.id });
    if ('explanation' in identity) {
      await sendToUser(client, body.user.id, plainMessage(identity.explanation));

      return;
    }
    const form = await findReflectionForm(bot, identity.actor.personId, action.value);
    if (!form) {
      await sendToUser(client, body.user.id, plainMessage(t('bot:reflection.no_prompt_to_answer')));

      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: buildReflectionModal(form) });
  });

  app.view(REFLECTION_VIEW, async ({ ack, body, view, client }) => {
    const text = view.state.values[REFLECTION_BLOCK]?.[REFLECTION_INPUT]?.value ?? '';
    const checked = normalizeReflection(text);
    if (!checked.ok) {
      // The modal stays open with the student's text, so nothing is lost.
      await ack({
        response_action: 'errors',
        errors: { [REFLECTION_BLOCK]: t(`bot:reflection.${checked.error}`, { length: checked.length, max: checked.max }) },
      });

      return;
    }
    // Filing before acknowledging keeps the modal open with the student's
    // text when saving fails, so they can try again.
    let reply;
    try {
      const identity = await identifyOrExplain(bot, client, { userId: body.user.id });
      if ('explanation' in identity) {
        await ack({ response_action: 'errors', errors: { [REFLECTION_BLOCK]: identity.explanation } });

        return;
      }
      reply = await submitReflectionForm(bot, {
        actor: identity.actor,
        requestId: view.private_metadata,
        text,
        source: { platform: 'slack', messageId: `view-${view.id}` },
      });
    } catch (error) {
      bot.logger.error({ err: error, slackUserId: body.user.id }, 'reflection form could not be filed');
      await ack({ response_action: 'errors', errors: { [REFLECTION_BLOCK]: t('bot:commands.failed', { command: '/reflect' }) } });

      return;
    }
    await ack();
    if (reply) await sendToUser(client, body.user.id, reply);
  });
}
