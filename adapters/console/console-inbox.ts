import type { OutgoingMessage } from '../../src/bot/message.ts';

export interface InboxEntry {
  /** Increases with each message, so entries sort in the order they were sent. */
  sequence: number;
  personId: string;
  message: OutgoingMessage;
  read: boolean;
}

/**
 * The direct messages the bot sent in a console session, per roster person.
 * It lives in memory only: the demo starts from an empty database each time.
 */
export class ConsoleInbox {
  private readonly entries: InboxEntry[] = [];

  add(personId: string, message: OutgoingMessage): InboxEntry {
    const entry: InboxEntry = { sequence: this.entries.length + 1, personId, message, read: false };
    this.entries.push(entry);

    return entry;
  }

  messagesOf(personId: string): InboxEntry[] {
    return this.entries.filter((entry) => entry.personId === personId);
  }

  unreadOf(personId: string): InboxEntry[] {
    return this.messagesOf(personId).filter((entry) => !entry.read);
  }

  /** Returns the ids of people with unread messages, in the order their first unread message arrived. */
  peopleWithUnread(): string[] {
    const ids = new Set<string>();
    for (const entry of this.entries) if (!entry.read) ids.add(entry.personId);

    return [...ids];
  }

  /** Returns the sequence number of the latest message, or 0 when there is none. */
  lastSequence(): number {
    return this.entries.length;
  }

  markRead(entries: InboxEntry[]): void {
    for (const entry of entries) entry.read = true;
  }
}
