import type { OutgoingMessage } from '../bot/message.ts';

/** The roster facts a platform needs to find a person's account. */
export interface RecipientPerson {
  id: string;
  email: string | null;
  /** The person's linked accounts, when the caller loaded them already; saves a query per message. */
  chatAccounts?: LinkedAccount[];
}

export interface LinkedAccount {
  id: string;
  platform: string;
  externalId: string;
  dmChannelId: string | null;
  undeliverableSince: Date | null;
}

export interface Recipient {
  platform: string;
  accountId: string;
  externalId: string;
  dmChannelId: string;
}

export interface SentMessage {
  platform: string;
  messageId: string;
}

/**
 * One chat platform's way of sending direct messages. The delivery worker
 * tries each configured messenger in order until one can reach the person.
 */
export interface Messenger {
  readonly platform: string;
  /**
   * Returns the account to message, linking it first when the platform can
   * (Slack by e-mail), or null when the person has no account here.
   */
  resolveRecipient(person: RecipientPerson): Promise<Recipient | null>;
  sendDirectMessage(recipient: Recipient, message: OutgoingMessage): Promise<SentMessage>;
}

/**
 * Raised by a messenger when the platform will never accept this message
 * for this person (DMs closed, account deactivated), so retrying is useless.
 */
export class UndeliverableError extends Error {
  override name = 'UndeliverableError';
  constructor(
    readonly platform: string,
    readonly code: string,
  ) {
    super(`${platform} rejected the direct message permanently: ${code}`);
  }
}
