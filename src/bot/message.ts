// The platform-neutral message model. The core builds messages from these
// blocks; each adapter renders them (Block Kit, Discord embeds, plain text).

export type Block =
  | { type: 'header'; text: string }
  /** Text with light markup: *bold*, _italic_ and line breaks. */
  | { type: 'text'; text: string }
  /** Text that a person wrote, shown verbatim with no markup applied. */
  | { type: 'quote'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'actions'; actions: Action[] };

export interface Action {
  /** A stable id such as "reflection.open-form", routed back to the core. */
  id: string;
  label: string;
  /** Opaque data the core needs to handle the action, such as a request id. */
  value: string;
  style?: 'primary' | 'danger';
}

export interface OutgoingMessage {
  /** Plain-text version, for notifications, screen readers and the console. */
  text: string;
  blocks: Block[];
  /** Asks the adapter to show the message to the requester only. */
  ephemeral?: boolean;
}

/** Builds a message that is a single paragraph. */
export function plainMessage(text: string, options: { ephemeral?: boolean } = {}): OutgoingMessage {
  return { text, blocks: [{ type: 'text', text }], ...options };
}
