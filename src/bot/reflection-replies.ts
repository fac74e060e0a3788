import { previewText } from '../domain/reflection-text.ts';
import { t } from '../i18n/index.ts';
import type { Actor } from '../people/accounts.ts';
import type { RecordReflectionResult } from '../reflection/record-reflection.ts';
import { plainMessage, type OutgoingMessage } from './message.ts';

const PREVIEW_GRAPHEMES = 280;

/** Builds the confirmation or error that answers a student's reflection. */
export function replyToReflection(actor: Actor, result: RecordReflectionResult): OutgoingMessage {
  switch (result.status) {
    case 'invalid':
      return plainMessage(t(`bot:reflection.${result.error}`, { length: result.length, max: result.max }));
    case 'duplicate':
      return plainMessage(t('bot:reflection.duplicate'));
    case 'answered': {
      const key = result.late ? 'bot:reflection.saved_late' : 'bot:reflection.saved';

      return withPreview(t(key, { name: actor.givenName, week: result.week }), result.text);
    }
    case 'saved_as_note':
      return withPreview(t(`bot:reflection.saved_as_note_${result.reason === 'no_open_prompt' ? 'no_prompt' : 'answered'}`), result.text);
  }
}

function withPreview(confirmation: string, text: string): OutgoingMessage {
  const preview = previewText(text, PREVIEW_GRAPHEMES);

  return {
    text: confirmation,
    blocks: [
      { type: 'text', text: confirmation },
      { type: 'context', text: t('bot:reflection.you_wrote') },
      { type: 'quote', text: preview },
    ],
  };
}
