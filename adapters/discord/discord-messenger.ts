import { Routes, type APIChannel, type REST } from 'discord.js';
import type { OutgoingMessage } from '../../src/bot/message.ts';
import type { PrismaClient } from '../../src/db/client.ts';
import {
  findLinkedAccount,
  UndeliverableError,
  type Messenger,
  type Recipient,
  type RecipientPerson,
  type SentMessage,
} from '../../src/messaging/messenger.ts';
import { undeliverableCode } from './discord-errors.ts';
import { postMessage } from './post-message.ts';

export const DISCORD = 'discord';

/**
 * Sends direct messages on Discord. Discord gives bots no e-mail address, so
 * only people who linked their account with a code can be reached.
 */
export class DiscordMessenger implements Messenger {
  readonly platform = DISCORD;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly rest: REST,
  ) {}

  async resolveRecipient(person: RecipientPerson): Promise<Recipient | null> {
    const account = await findLinkedAccount(this.prisma, person, DISCORD);
    if (!account) return null;

    let dmChannelId = account.dmChannelId;
    if (!dmChannelId) {
      dmChannelId = await this.openDirectChannel(account.externalId);
      await this.prisma.chatAccount.update({ where: { id: account.id }, data: { dmChannelId } });
    }

    return { platform: DISCORD, accountId: account.id, externalId: account.externalId, dmChannelId };
  }

  /** Returns the id of the DM channel with a user; Discord returns the existing one when there is one. */
  async openDirectChannel(userId: string): Promise<string> {
    try {
      const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;

      return channel.id;
    } catch (error) {
      const code = undeliverableCode(error, 'open_channel');
      if (code !== undefined) throw new UndeliverableError(DISCORD, String(code));
      throw error;
    }
  }

  async sendDirectMessage(recipient: Recipient, message: OutgoingMessage): Promise<SentMessage> {
    try {
      const messageId = await postMessage(this.rest, recipient.dmChannelId, message);

      return { platform: DISCORD, messageId };
    } catch (error) {
      const code = undeliverableCode(error);
      if (code !== undefined) throw new UndeliverableError(DISCORD, String(code));
      throw error;
    }
  }
}
