import type { App } from '@slack/bolt';
import { runCommand, type BotContext } from '../../../src/bot/homeroom-bot.ts';
import { claimInboundEvent } from '../../../src/bot/inbound-events.ts';
import { plainMessage } from '../../../src/bot/message.ts';
import { t } from '../../../src/i18n/index.ts';
import { toBlockKit } from '../block-kit.ts';
import { buildReflectionModal } from '../reflection-modal.ts';
import { lookupSlackEmail } from '../slack-identity.ts';
import { unescapeSlackText } from '../slack-text.ts';
import { identifyOrExplain } from './identify-or-explain.ts';

export const slashCommands = ['/plan', '/goal', '/reflect'];
const changingCommands = new Set(['/goal', '/reflect']);

/** Handles /plan, /goal and /reflect. Replies are ephemeral, so only the requester sees them. */
export function registerCommandHandlers(app: App, bot: BotContext): void {
  for (const command of slashCommands) {
    app.command(command, async ({ command: payload, ack, client }) => {
      const log = bot.logger.child({ command: payload.command, slackUserId: payload.user_id });
      try {
        const identity = await identifyOrExplain(bot, client, { userId: payload.user_id, teamId: payload.team_id });
        if ('explanation' in identity) {
          await ack({ response_type: 'ephemeral', ...toBlockKit(plainMessage(identity.explanation)) });

          return;
        }

        // Slack never resends a slash command, so a second request with the
        // same trigger id is a replay; commands that change data run once.
        if (changingCommands.has(payload.command) && !(await claimInboundEvent(bot.prisma, `slack-command-${payload.trigger_id}`))) {
          await ack({ response_type: 'ephemeral', text: t('bot:commands.replayed') });

          return;
        }
        const result = await runCommand(bot, {
          actor: identity.actor,
          command: payload.command,
          text: unescapeSlackText(payload.text ?? ''),
          platform: 'slack',
          invocationId: payload.trigger_id,
          lookupMentionEmail: (userId) => lookupSlackEmail(client, userId).catch(() => null),
        });

        if (result.kind === 'open_reflection_form') {
          await client.views.open({ trigger_id: payload.trigger_id, view: buildReflectionModal(result.form) });
          await ack();

          return;
        }
        await ack({ response_type: 'ephemeral', ...toBlockKit(result.message) });
      } catch (error) {
        log.error({ err: error }, 'slash command failed');
        await ack({ response_type: 'ephemeral', text: t('bot:commands.failed', { command: payload.command }) });
      }
    });
  }
}
