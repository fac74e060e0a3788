import type { OutgoingMessage } from '../../src/bot/message.ts';
import type { PrismaClient } from '../../src/db/client.ts';
import type { Messenger, Recipient, RecipientPerson, SentMessage } from '../../src/messaging/messenger.ts';
import type { PlatformAdapter } from '../../src/messaging/platform-adapter.ts';
import { linkAccount } from '../../src/people/accounts.ts';
import type { ConsoleInbox } from './console-inbox.ts';

export const CONSOLE = 'console';

/**
 * Sends direct messages into the in-memory console inbox. Everyone in the
 * roster can be reached: a person's console account id is their person id,
 * linked like any other chat account the first time they receive a message.
 */
export class ConsoleMessenger implements Messenger {
  readonly platform = CONSOLE;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly inbox: ConsoleInbox,
  ) {}

  async resolveRecipient(person: RecipientPerson): Promise<Recipient | null> {
    const account = await linkConsoleAccount(this.prisma, person.id);

    return { platform: CONSOLE, accountId: account.id, externalId: person.id, dmChannelId: person.id };
  }

  async sendDirectMessage(recipient: Recipient, message: OutgoingMessage): Promise<SentMessage> {
    const entry = this.inbox.add(recipient.externalId, message);

    return { platform: CONSOLE, messageId: `console-${entry.sequence}` };
  }
}

/** Links the console account of a roster person, whose external id is the person id. */
export async function linkConsoleAccount(prisma: PrismaClient, personId: string) {
  const existing = await prisma.chatAccount.findUnique({
    where: { platform_personId: { platform: CONSOLE, personId } },
  });

  return existing ?? linkAccount(prisma, { platform: CONSOLE, externalId: personId, personId, dmChannelId: personId });
}

/** Builds the console platform: nothing to connect, so starting and stopping do nothing. */
export function createConsolePlatform(prisma: PrismaClient, inbox: ConsoleInbox): PlatformAdapter {
  return {
    name: CONSOLE,
    messenger: new ConsoleMessenger(prisma, inbox),
    async start() {},
    async stop() {},
  };
}
