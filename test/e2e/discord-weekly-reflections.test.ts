import { InteractionResponseType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/cli/command-table.ts';
import { t } from '../../src/i18n/index.ts';
import type { StoredMessage } from '../fakes/discord/server.ts';
import {
  interactionAnswerText,
  isLoading,
  linkPeople,
  startDiscordService,
  type DiscordServiceHarness,
  type DiscordStudent,
} from '../support/discord-service.ts';

let harness: DiscordServiceHarness;
let students: DiscordStudent[];

async function runWeekly() {
  return runCommandLine(harness.service.runtime, ['run', 'weekly-reflections'], { inService: true, cwd: process.cwd() });
}

function botMessagesTo(student: DiscordStudent): StoredMessage[] {
  return harness.fake.messagesIn(student.dmChannelId).filter((message) => message.authorId === harness.fake.botUser.id && !message.interactionId);
}

async function waitForBotMessages(student: DiscordStudent, count: number): Promise<StoredMessage[]> {
  await harness.fake.waitFor(() => botMessagesTo(student).length >= count, 10_000);

  return botMessagesTo(student);
}

async function entriesOf(personId: string) {
  return harness.db.prisma.portfolioEntry.findMany({ where: { personId }, orderBy: { createdAt: 'asc' } });
}

beforeAll(async () => {
  harness = await startDiscordService();
  students = await linkPeople(harness);
});

afterAll(async () => {
  await harness?.stop();
});

describe('weekly reflections on Discord', () => {
  it('registers the four slash commands', () => {
    const names = harness.fake.commands(harness.guildId).map((command) => command.name);

    expect(names).toEqual(['plan', 'goal', 'reflect', 'link']);
  });

  it('changes nothing when discord register runs again', async () => {
    const before = harness.fake.commands(harness.guildId);
    const output = await runCommandLine(harness.service.runtime, ['discord', 'register'], { inService: true, cwd: process.cwd() });

    expect(output.exitCode).toBe(0);
    expect(output.lines).toEqual([`Registered /plan, /goal, /reflect, /link for guild ${harness.guildId}.`]);
    const after = harness.fake.commands(harness.guildId);
    expect(after.map((command) => [command.id, command.version])).toEqual(before.map((command) => [command.id, command.version]));
    for (const command of after) {
      expect(command.contexts).toEqual([0, 1]);
      expect(command.integration_types).toEqual([0]);
    }
  });

  it('links every student with a code', async () => {
    expect(students.length).toBeGreaterThanOrEqual(2);
    const accounts = await harness.db.prisma.chatAccount.findMany({ where: { platform: 'discord' } });
    expect(accounts).toHaveLength(students.length);
    for (const student of students) {
      const account = accounts.find((candidate) => candidate.personId === student.personId);
      expect(account?.externalId).toBe(student.discordId);
      // /link ran in the bot's DM, so the DM channel is known from the start.
      expect(account?.dmChannelId).toBe(student.dmChannelId);
    }
  });

  it('rejects a wrong code without naming anyone', async () => {
    const stranger = harness.fake.addUser({ username: 'stranger' });
    const dispatched = harness.fake.dispatchInteraction({
      kind: 'command',
      name: 'link',
      userId: stranger.id,
      options: { code: 'ABCD-2345' },
    });

    const answer = await interactionAnswerText(harness.fake, dispatched);
    expect(answer).toBe(t('bot:link.invalid'));
    for (const student of students) expect(answer).not.toContain(student.givenName);
    const linked = await harness.db.prisma.chatAccount.count({ where: { platform: 'discord', externalId: stranger.id } });
    expect(linked).toBe(0);
  });

  it('sends every linked student exactly one prompt', async () => {
    const output = await runWeekly();

    expect(output.exitCode).toBe(0);
    expect(output.lines.at(-1)).toBe(`Sent ${students.length}, undeliverable 0, failed 0, still queued 0.`);
    for (const student of students) {
      const messages = botMessagesTo(student);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.content).toContain(`Hi ${student.givenName}! Here is this week's reflection prompt:`);
      expect(messages[0]!.allowedMentions).toEqual({ parse: [] });
      const request = await harness.db.prisma.reflectionRequest.findFirstOrThrow({ where: { studentId: student.personId } });
      expect(JSON.stringify(messages[0]!.components)).toContain(`"custom_id":"reflection.open-form:${request.id}"`);
    }
  });

  it('sends nothing more when the job runs again', async () => {
    const before = botMessagesTo(students[0]!).length;
    const output = await runWeekly();

    expect(output.lines.at(-1)).toBe('Sent 0, undeliverable 0, failed 0, still queued 0.');
    expect(botMessagesTo(students[0]!)).toHaveLength(before);
  });

  it('files a DM reply once when the gateway delivers it twice', async () => {
    const student = students[0]!;
    const client = harness.adapter.client;
    const packets: unknown[] = [];
    const capture = (packet: { t?: string }) => {
      if (packet.t === 'MESSAGE_CREATE') packets.push(packet);
    };
    client.on('raw', capture);
    harness.fake.dispatchMessageCreate({ authorId: student.discordId, content: 'This week I finally understood vectors.' });
    await harness.fake.waitFor(() => packets.length === 1);
    client.off('raw', capture);
    await waitForBotMessages(student, 2);

    // A second delivery of the same MESSAGE_CREATE, fed to discord.js's
    // gateway manager exactly as a packet from the socket. discord.js itself
    // ignores a resent message that is still in its cache, so the message is
    // evicted first, as after a restart or once the cache has moved on.
    const messageId = (packets[0] as { d: { id: string } }).d.id;
    const channel = client.channels.cache.get(student.dmChannelId);
    if (!channel?.isTextBased()) throw new Error('the DM channel should be cached after the first message');
    channel.messages.cache.delete(messageId);
    let deliveries = 0;
    const count = (message: { id: string }) => {
      if (message.id === messageId) deliveries += 1;
    };
    client.on('messageCreate', count);
    const gateway = (client.ws as unknown as { _ws: NodeJS.EventEmitter })._ws;
    gateway.emit('dispatch', { data: packets[0], shardId: 0 });
    await harness.fake.waitFor(() => deliveries === 1);
    client.off('messageCreate', count);
    // The handler runs after the event; give it time to (wrongly) reply again.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const entries = await entriesOf(student.personId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.kind).toBe('reflection');
    expect(entries[0]!.text).toBe('This week I finally understood vectors.');
    const replies = botMessagesTo(student);
    expect(replies).toHaveLength(2);
    expect(replies[1]!.content).toMatch(/^Thanks, .+! Your reflection for week \d{4}-W\d{2} is saved in your portfolio\./);
    expect(replies[1]!.allowedMentions).toEqual({ parse: [] });
  });

  it('answers /plan within the deadline with the counts', async () => {
    const student = students[0]!;
    const dispatched = harness.fake.dispatchInteraction({ kind: 'command', name: 'plan', userId: student.discordId });

    const answer = await interactionAnswerText(harness.fake, dispatched);
    const first = harness.fake.callbacks(dispatched.id)[0]!;
    expect(first.kind).toBe('callback');
    expect(first.status).toBe(204);
    expect(first.at - Number(BigInt(dispatched.id) >> 22n) - 1420070400000).toBeLessThan(3000);
    expect(answer).toContain('Your learning plan');
    expect(answer).toContain('Reflections this term: 1 answered of 1 asked');
    const reply = harness.fake.messagesIn(dispatched.channelId).find((message) => message.interactionId === dispatched.id)!;
    expect(isLoading(reply)).toBe(false);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  it("refuses a student who asks for another student's plan", async () => {
    const [asker, other] = [students[0]!, students[1]!];
    const dispatched = harness.fake.dispatchInteraction({
      kind: 'command',
      name: 'plan',
      userId: asker.discordId,
      guildId: harness.guildId,
      options: { person: other.discordId },
    });

    const answer = await interactionAnswerText(harness.fake, dispatched);
    expect(answer).toBe('You can only see your own plan, or the plans of the students you advise or mentor.');
    expect(answer).not.toContain(other.givenName);
  });

  it('tells an unlinked user how to link', async () => {
    const stranger = harness.fake.addUser({ username: 'visitor' });
    const command = harness.fake.dispatchInteraction({ kind: 'command', name: 'plan', userId: stranger.id });
    expect(await interactionAnswerText(harness.fake, command)).toBe(t('bot:link.how_to_link'));

    harness.fake.dispatchMessageCreate({ authorId: stranger.id, content: 'hello?' });
    const channelId = harness.fake.dmChannelFor(stranger.id);
    const answered = await harness.fake.waitFor(() =>
      harness.fake.messagesIn(channelId).find((message) => message.authorId === harness.fake.botUser.id && !message.interactionId),
    );
    expect(answered?.content).toBe(t('bot:link.how_to_link'));
  });

  it('opens the form from the button and files it', async () => {
    const student = students[1]!;
    const request = await harness.db.prisma.reflectionRequest.findFirstOrThrow({ where: { studentId: student.personId } });
    const button = harness.fake.dispatchInteraction({
      kind: 'button',
      customId: `reflection.open-form:${request.id}`,
      userId: student.discordId,
    });
    await harness.fake.waitFor(() => harness.fake.callbacks(button.id).some((record) => record.status === 204));
    const modal = harness.fake.callbacks(button.id)[0]!;
    expect(modal.type).toBe(InteractionResponseType.Modal);
    expect(JSON.stringify(modal.body)).toContain(`"custom_id":"reflection.submit:${request.id}"`);

    const empty = harness.fake.dispatchInteraction({
      kind: 'modalSubmit',
      customId: `reflection.submit:${request.id}`,
      fields: { text: '   ' },
      userId: student.discordId,
    });
    expect(await interactionAnswerText(harness.fake, empty)).toBe(t('bot:reflection.empty'));
    expect(await entriesOf(student.personId)).toHaveLength(0);

    const submitted = harness.fake.dispatchInteraction({
      kind: 'modalSubmit',
      customId: `reflection.submit:${request.id}`,
      fields: { text: 'I asked for help in chemistry.' },
      userId: student.discordId,
    });
    expect(await interactionAnswerText(harness.fake, submitted)).toContain('is saved in your portfolio');
    const entries = await entriesOf(student.personId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.sourceMessageId).toBe(`modal-${submitted.id}`);
  });

  it('files /reflect with text', async () => {
    const student = students[1]!;
    const dispatched = harness.fake.dispatchInteraction({
      kind: 'command',
      name: 'reflect',
      userId: student.discordId,
      options: { text: 'One more thought.' },
    });

    const answer = await interactionAnswerText(harness.fake, dispatched);
    expect(answer).toContain(t('bot:reflection.saved_as_note_answered'));
    expect(answer).toContain('> One more thought.');
  });

  it('answers a DM in an uncached channel', async () => {
    // Some discord.js 14.x releases dropped DMs whose channel was not cached; this guards the pinned version.
    const student = students[1]!;
    harness.adapter.client.channels.cache.delete(student.dmChannelId);
    const before = botMessagesTo(student).length;
    harness.fake.dispatchMessageCreate({ authorId: student.discordId, content: 'Is anyone there?' });

    const messages = await waitForBotMessages(student, before + 1);
    expect(messages.at(-1)!.content).toContain(t('bot:reflection.saved_as_note_answered'));
  });
});
