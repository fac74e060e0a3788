import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import type { Action, Block, OutgoingMessage } from '../../src/bot/message.ts';
import { splitContent } from './split-content.ts';

// Discord's limits (API v10): 10 embeds a message, 25 fields an embed, 256
// characters in a field name and 1,024 in its value; 5 action rows of 5
// buttons, 80 characters in a label and 100 in a custom_id.
const EMBEDS_MAX = 10;
const FIELDS_MAX = 25;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 1024;
const ROWS_MAX = 5;
const BUTTONS_PER_ROW = 5;
const LABEL_MAX = 80;
const CUSTOM_ID_MAX = 100;

/** One Discord message: content of at most 2,000 characters, embeds and buttons. */
export interface DiscordMessagePart {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** Joins an action id and its value into a button's custom_id, such as `reflection.open-form:<requestId>`. */
export function toCustomId(action: Pick<Action, 'id' | 'value'>): string {
  return `${action.id}:${action.value}`;
}

/** Splits a custom_id into the action id and its value, at the first colon. */
export function parseCustomId(customId: string): { id: string; value: string } {
  const colon = customId.indexOf(':');

  return colon === -1 ? { id: customId, value: '' } : { id: customId.slice(0, colon), value: customId.slice(colon + 1) };
}

// Shortens text to at most `max` UTF-16 code units, ending in "…", without splitting a code point.
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const codePoint of text) {
    if (kept.length + codePoint.length > max - 1) break;
    kept += codePoint;
  }

  return `${kept}…`;
}

// The core's light markup is Slack-style: *bold* becomes Discord's **bold**,
// and _italic_ means the same on both.
function toDiscordMarkup(text: string): string {
  return text.replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, '$1**$2**');
}

// Text a person wrote is escaped, so it shows as typed, and quoted line by line.
function quote(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });

  return escaped
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function renderLine(block: Exclude<Block, { type: 'fields' } | { type: 'actions' }>): string {
  switch (block.type) {
    case 'header':
      return `**${escapeMarkdown(block.text)}**`;
    case 'text':
      return toDiscordMarkup(block.text);
    case 'quote':
      return quote(block.text);
    case 'context':
      // "-# " is Discord's subtext: a line in small, grey type.
      return block.text
        .split('\n')
        .map((line) => `-# ${line}`)
        .join('\n');
    case 'divider':
      return '';
  }
}

function toEmbed(block: Extract<Block, { type: 'fields' }>): APIEmbed {
  return {
    fields: block.fields.slice(0, FIELDS_MAX).map((field) => ({
      name: truncate(field.label, FIELD_NAME_MAX) || '\u200b',
      value: truncate(field.value, FIELD_VALUE_MAX) || '\u200b',
      inline: false,
    })),
  };
}

function toButton(action: Action): APIButtonComponent {
  let style = ButtonStyle.Secondary;
  if (action.style === 'primary') style = ButtonStyle.Primary;
  if (action.style === 'danger') style = ButtonStyle.Danger;

  return {
    type: ComponentType.Button,
    custom_id: toCustomId(action).slice(0, CUSTOM_ID_MAX),
    label: truncate(action.label, LABEL_MAX),
    style,
  };
}

function toRows(actions: Action[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let start = 0; start < actions.length && rows.length < ROWS_MAX; start += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: actions.slice(start, start + BUTTONS_PER_ROW).map(toButton) });
  }

  return rows;
}

/**
 * Renders a neutral message as one or more Discord messages. The text goes
 * into the content, split into messages of at most
 * 2,000 characters. Fields become embeds and actions become buttons, both on
 * the last message.
 */
export function renderDiscordMessage(message: OutgoingMessage): DiscordMessagePart[] {
  const lines: string[] = [];
  const embeds: APIEmbed[] = [];
  const actions: Action[] = [];
  for (const block of message.blocks) {
    if (block.type === 'fields') embeds.push(toEmbed(block));
    else if (block.type === 'actions') actions.push(...block.actions);
    else lines.push(renderLine(block));
  }
  const content = message.blocks.length === 0 ? message.text : lines.join('\n');
  const pieces = splitContent(content);

  return pieces.map((piece, index) => {
    const last = index === pieces.length - 1;

    return {
      content: piece,
      embeds: last ? embeds.slice(0, EMBEDS_MAX) : [],
      components: last ? toRows(actions) : [],
    };
  });
}
