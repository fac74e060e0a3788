import type { Action, Block, OutgoingMessage } from '../../src/bot/message.ts';
import { t } from '../../src/i18n/index.ts';
import { OPEN_REFLECTION_FORM } from '../../src/reflection/prompt-message.ts';

// A terminal has no buttons, so each action the console can perform by a
// command is shown with the command to type.
const actionHints: Record<string, string> = {
  [OPEN_REFLECTION_FORM]: 'console:message.open_reflection_form_hint',
};

function renderAction(action: Action): string {
  const hintKey = actionHints[action.id];

  return hintKey ? `[${action.label}] ${t(hintKey)}` : `[${action.label}]`;
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case 'header':
      return [`# ${block.text}`];
    case 'text':
      // The light markup (*bold*, _italic_) stays, since it reads fine as plain text.
      return block.text.split('\n');
    case 'quote':
      // What a person wrote is shown verbatim, one "> " per line, like an e-mail quote.
      return block.text.split('\n').map((line) => (line === '' ? '>' : `> ${line}`));
    case 'fields':
      return block.fields.map((field) => `${field.label}: ${field.value}`);
    case 'context':
      return block.text.split('\n');
    case 'divider':
      return ['---'];
    case 'actions':
      return block.actions.map(renderAction);
  }
}

/** Renders a neutral message as plain-text lines for a terminal. */
export function renderText(message: OutgoingMessage): string[] {
  if (message.blocks.length === 0) return message.text.split('\n');

  return message.blocks.flatMap(renderBlock);
}
