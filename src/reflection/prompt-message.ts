import type { OutgoingMessage } from '../bot/message.ts';
import { t } from '../i18n/index.ts';

export const OPEN_REFLECTION_FORM = 'reflection.open-form';

/** Builds the weekly DM that asks a student to reflect. */
export function buildPromptMessage(input: { givenName: string; promptText: string; requestId: string; week: string }): OutgoingMessage {
  const greeting = t('bot:prompt.greeting', { name: input.givenName });
  const howTo = t('bot:prompt.how_to_answer');

  return {
    text: `${greeting}\n${input.promptText}\n${howTo}`,
    blocks: [
      { type: 'header', text: t('bot:prompt.title') },
      { type: 'text', text: greeting },
      { type: 'text', text: `*${input.promptText}*` },
      { type: 'context', text: howTo },
      {
        type: 'actions',
        actions: [{ id: OPEN_REFLECTION_FORM, label: t('bot:prompt.open_form'), value: input.requestId, style: 'primary' }],
      },
    ],
  };
}
