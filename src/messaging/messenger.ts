import type { OutgoingMessage } from '../bot/message.ts';
import type { PrismaClient } from '../db/client.ts';

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

/**
 * Returns the person's account on `platform`: from the accounts the caller
 * loaded when there are any, else from the database.
 */
export async function findLinkedAccount(
  prisma: PrismaClient,
  person: RecipientPerson,
  platform: string,
): Promise<LinkedAccount | null> {
  if (person.chatAccounts) return person.chatAccounts.find((candidate) => candidate.platform === platform) ?? null;

  return prisma.chatAccount.findUnique({
    where: { platform_personId: { platform, personId: person.id } },
    select: { id: true, platform: true, externalId: true, dmChannelId: true, undeliverableSince: true },
  });
}
