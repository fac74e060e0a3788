import type { Block, OutgoingMessage } from '../../src/bot/message.ts';

// Slack's limits: 3,000 characters in a section's text, 50 blocks a message,
// 150 characters in a header, 75 in a button label.
const SECTION_TEXT_MAX = 3000;
const BLOCKS_MAX = 50;

/** Escapes the three characters that Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, max: number): string {
  const characters = Array.from(text);

  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/** Splits text into pieces of at most `max` UTF-16 units, preferring line breaks and never splitting a character. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) cut = max;
    // Do not cut between the two halves of a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  pieces.push(rest);

  return pieces;
}

function section(text: string) {
  return splitText(text, SECTION_TEXT_MAX).map((piece) => ({ type: 'section', text: { type: 'mrkdwn', text: piece } }));
}

function renderBlock(block: Block): object[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: truncate(block.text, 150), emoji: true } }];
    case 'text':
      return section(escapeMrkdwn(block.text));
    case 'quote':
      return splitText(block.text, SECTION_TEXT_MAX - 200).map((piece) => ({
        type: 'section',
        text: { type: 'plain_text', text: piece || ' ', emoji: true },
      }));
    case 'fields':
      return [
        {
          type: 'section',
          fields: block.fields.slice(0, 10).map((field) => ({
            type: 'mrkdwn',
            text: truncate(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, 2000),
          })),
        },
      ];
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(block.text), 3000) }] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions':
      return [
        {
          type: 'actions',
          elements: block.actions.map((action) => ({
            type: 'button',
            action_id: action.id,
            text: { type: 'plain_text', text: truncate(action.label, 75), emoji: true },
            value: action.value,
            ...(action.style ? { style: action.style } : {}),
          })),
        },
      ];
  }
}

/** Renders a neutral message as Block Kit, with plain text as the notification fallback. */
export function toBlockKit(message: OutgoingMessage): { text: string; blocks: object[] } {
  const blocks = message.blocks.flatMap(renderBlock);
  if (blocks.length > BLOCKS_MAX) {
    blocks.length = BLOCKS_MAX - 1;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] });
  }

  return { text: truncate(escapeMrkdwn(message.text), 3000), blocks };
}
