import { ErrorCode, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { OutgoingMessage } from '../../src/bot/message.ts';
import type { PrismaClient } from '../../src/db/client.ts';
import { linkAccount } from '../../src/people/accounts.ts';
import { findActivePeopleByEmail } from '../../src/people/find-by-email.ts';
import {
  findLinkedAccount,
  UndeliverableError,
  type Messenger,
  type Recipient,
  type RecipientPerson,
  type SentMessage,
} from '../../src/messaging/messenger.ts';
import { toBlockKit } from './block-kit.ts';
import { SLACK } from './slack-identity.ts';

// Slack errors after which a DM to this person can never succeed as things
// stand; anything else is worth a retry.
const permanentErrors = new Set([
  'account_inactive',
  'user_disabled',
  'user_not_found',
  'cannot_dm_bot',
  'is_archived',
  'channel_not_found',
  'messages_tab_disabled',
  'not_in_channel',
  'restricted_action',
]);

export function slackErrorCode(error: unknown): string | undefined {
  const platformError = error as Partial<WebAPIPlatformError>;
  if (platformError.code !== ErrorCode.PlatformError) return undefined;

  return platformError.data?.error;
}

/** Sends direct messages on Slack, linking accounts by e-mail address when first needed. */
export class SlackMessenger implements Messenger {
  readonly platform = SLACK;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly client: WebClient,
  ) {}

  async resolveRecipient(person: RecipientPerson): Promise<Recipient | null> {
    const account = await findLinkedAccount(this.prisma, person, SLACK);
    if (account?.dmChannelId) {
      return { platform: SLACK, accountId: account.id, externalId: account.externalId, dmChannelId: account.dmChannelId };
    }

    let userId = account?.externalId;
    if (!userId) {
      if (!person.email || !(await this.hasUniqueEmail(person.email))) return null;
      try {
        const found = await this.client.users.lookupByEmail({ email: person.email });
        if (!found.user?.id || found.user.deleted) return null;
        userId = found.user.id;
      } catch (error) {
        if (slackErrorCode(error) === 'users_not_found') return null;
        throw error;
      }
    }

    const opened = await this.openDirectChannel(userId);
    const linked = await linkAccount(this.prisma, { platform: SLACK, externalId: userId, personId: person.id, dmChannelId: opened });

    return { platform: SLACK, accountId: linked.id, externalId: userId, dmChannelId: opened };
  }

  // Two roster people with one address cannot both own the Slack account behind it.
  private async hasUniqueEmail(email: string): Promise<boolean> {
    return (await findActivePeopleByEmail(this.prisma, email, 2)).length === 1;
  }

  private async openDirectChannel(userId: string): Promise<string> {
    try {
      const opened = await this.client.conversations.open({ users: userId });
      if (!opened.channel?.id) throw new Error('conversations.open returned no channel id');

      return opened.channel.id;
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && permanentErrors.has(code)) throw new UndeliverableError(SLACK, code);
      throw error;
    }
  }

  async sendDirectMessage(recipient: Recipient, message: OutgoingMessage): Promise<SentMessage> {
    try {
      const posted = await this.client.chat.postMessage({ channel: recipient.dmChannelId, ...toBlockKit(message) });

      return { platform: SLACK, messageId: `${posted.channel ?? recipient.dmChannelId}-${posted.ts ?? ''}` };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && permanentErrors.has(code)) throw new UndeliverableError(SLACK, code);
      throw error;
    }
  }
}
