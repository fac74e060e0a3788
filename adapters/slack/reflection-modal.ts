import type { ReflectionForm } from '../../src/bot/homeroom-bot.ts';
import { MAX_REFLECTION_LENGTH } from '../../src/domain/reflection-text.ts';
import { t } from '../../src/i18n/index.ts';

export const REFLECTION_VIEW = 'reflection.submit';
export const REFLECTION_BLOCK = 'reflection';
export const REFLECTION_INPUT = 'text';

// Slack caps a plain-text input in a modal at 3,000 characters. A longer
// reflection fits in a DM reply, which is kept up to MAX_REFLECTION_LENGTH.
const SLACK_INPUT_MAX = 3000;

/** Builds the modal in which a student answers a reflection prompt. */
export function buildReflectionModal(form: ReflectionForm) {
  return {
    type: 'modal' as const,
    callback_id: REFLECTION_VIEW,
    private_metadata: form.requestId,
    title: { type: 'plain_text' as const, text: t('bot:reflection.form_title') },
    submit: { type: 'plain_text' as const, text: t('bot:reflection.form_submit') },
    close: { type: 'plain_text' as const, text: t('bot:reflection.form_cancel') },
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: form.promptText, emoji: true } },
      {
        type: 'input',
        block_id: REFLECTION_BLOCK,
        label: { type: 'plain_text', text: t('bot:reflection.form_label') },
        element: {
          type: 'plain_text_input',
          action_id: REFLECTION_INPUT,
          multiline: true,
          max_length: Math.min(SLACK_INPUT_MAX, MAX_REFLECTION_LENGTH),
        },
      },
    ],
  };
}
