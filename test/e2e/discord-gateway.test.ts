import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/discord-adapter.ts';
import type { OutgoingMessage } from '../../src/bot/message.ts';
import { runCommandLine } from '../../src/cli/command-table.ts';
import { UndeliverableError } from '../../src/messaging/messenger.ts';
import type { StoredMessage } from '../fakes/discord/server.ts';
import {
  interactionAnswerText,
  linkPeople,
  startDiscordService,
  type DiscordServiceHarness,
  type DiscordStudent,
} from '../support/discord-service.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// One second of grace, so that /readyz turns not ready within the test.
const GRACE_SECONDS = 1;

let harness: DiscordServiceHarness;
let students: DiscordStudent[];

function botMessagesIn(channelId: string): StoredMessage[] {
  return harness.fake.messagesIn(channelId).filter((message) => message.authorId === harness.fake.botUser.id && !message.interactionId);
}

async function recipientOf(student: DiscordStudent) {
  const recipient = await harness.adapter.messenger.resolveRecipient({ id: student.personId, email: null });
  if (!recipient) throw new Error(`student ${student.personId} should be reachable on Discord`);

  return recipient;
}

async function readiness(): Promise<{ status: number; discord: boolean }> {
  const response = await fetch(`${harness.baseUrl}/readyz`);
  const body = (await response.json()) as { checks: Record<string, boolean> };

  return { status: response.status, discord: body.checks.discord ?? false };
}

/** Polls GET /readyz until it returns `status`, and returns the last result. */
async function pollReadiness(status: number, timeoutMs: number): Promise<{ status: number; discord: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let state = await readiness();
  while (state.status !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await readiness();
  }

  return state;
}

beforeAll(async () => {
  harness = await startDiscordService({ readyGraceSeconds: GRACE_SECONDS });
  students = await linkPeople(harness);
  const output = await runCommandLine(harness.service.runtime, ['run', 'weekly-reflections'], { inService: true, cwd: process.cwd() });
  expect(output.lines.at(-1)).toBe(`Sent ${students.length}, undeliverable 0, failed 0, still queued 0.`);
});

afterAll(async () => {
  await harness?.stop();
});

describe('Discord delivery', () => {
  it('splits long text on line breaks and keeps characters whole', async () => {
    const student = students[0]!;
    const family = '👨‍👩‍👧‍👦';
    // The family emoji (11 UTF-16 code units) straddles the 2,000th unit of a line with no break.
    const longLine = `${'a'.repeat(1995)}${family}${'b'.repeat(100)}`;
    const paragraph = Array.from({ length: 30 }, (_, index) => `Line ${index} of a long answer, with 🚀 in it.`).join('\n');
    const message: OutgoingMessage = {
      text: 'long',
      blocks: [
        { type: 'text', text: longLine },
        { type: 'text', text: paragraph },
        { type: 'quote', text: '@everyone look <@123456789012345678>' },
      ],
    };
    const before = botMessagesIn(student.dmChannelId).length;

    const sent = await harness.adapter.messenger.sendDirectMessage(await recipientOf(student), message);

    const parts = botMessagesIn(student.dmChannelId).slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(sent.messageId).toBe(parts.at(-1)!.id);
    for (const part of parts) {
      expect(part.content.length).toBeLessThanOrEqual(2000);
      expect(part.content).not.toMatch(LONE_SURROGATE);
      expect(part.allowedMentions).toEqual({ parse: [] });
    }
    expect(parts.filter((part) => part.content.includes(family))).toHaveLength(1);
    expect(parts[0]!.content + parts[1]!.content).toContain(longLine);
    expect(parts.map((part) => part.content).join('\n')).toContain(paragraph);
    expect(parts.at(-1)!.content).toContain('> @everyone look <@123456789012345678>');
  });

  it('waits out a 429 and sends once', async () => {
    const student = students[0]!;
    const before = botMessagesIn(student.dmChannelId).length;
    const callsBefore = harness.fake.calls.length;
    harness.fake.failNext('POST /channels/:channelId/messages', { status: 429, retryAfter: 0.3 });

    await harness.adapter.messenger.sendDirectMessage(await recipientOf(student), {
      text: 'Reminder',
      blocks: [{ type: 'text', text: 'Reminder: your milestone is due Friday.' }],
    });

    const posts = harness.fake.calls.slice(callsBefore).filter((call) => call.method === 'POST' && call.path.endsWith('/messages'));
    expect(posts.map((call) => call.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(300);
    expect(botMessagesIn(student.dmChannelId).slice(before).map((message) => message.content)).toEqual([
      'Reminder: your milestone is due Friday.',
    ]);
  });

  it('reports closed DMs as undeliverable', async () => {
    const student = students[1]!;
    harness.fake.closeDms(student.discordId, 50278);
    try {
      const sending = harness.adapter.messenger.sendDirectMessage(await recipientOf(student), {
        text: 'Hello',
        blocks: [{ type: 'text', text: 'Hello' }],
      });
      await expect(sending).rejects.toBeInstanceOf(UndeliverableError);
      await expect(sending).rejects.toMatchObject({ platform: 'discord', code: '50278' });
    } finally {
      harness.fake.openDms(student.discordId);
    }
  });
});

describe('two processes on one gateway', () => {
  let second: DiscordAdapter;

  beforeAll(async () => {
    second = createDiscordAdapter(harness.service.runtime.config, harness.service.runtime.bot);
    await second.start();
  });

  afterAll(async () => {
    await second?.stop();
  });

  it('stores an interaction once and answers once', async () => {
    const student = students[0]!;
    const dispatched = harness.fake.dispatchInteraction({
      kind: 'command',
      name: 'reflect',
      userId: student.discordId,
      options: { text: 'Seen by two processes.' },
    });
    expect(dispatched.sessions).toBe(2);

    const answer = await interactionAnswerText(harness.fake, dispatched);
    // Time for the losing process to (wrongly) respond as well.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(answer).toContain('Thanks,');
    const callbacks = harness.fake.callbacks(dispatched.id).filter((record) => record.kind === 'callback');
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.status).toBe(204);
    const receipts = await harness.db.prisma.inboundEvent.count({ where: { id: `discord-interaction-${dispatched.id}` } });
    expect(receipts).toBe(1);
    const entries = await harness.db.prisma.portfolioEntry.findMany({ where: { sourceMessageId: `command-${dispatched.id}` } });
    expect(entries).toHaveLength(1);
  });

  it('files a DM once and answers once', async () => {
    const student = students[1]!;
    const before = botMessagesIn(student.dmChannelId).length;
    const dispatched = harness.fake.dispatchMessageCreate({ authorId: student.discordId, content: 'Two processes, one answer.' });
    expect(dispatched.sessions).toBe(2);

    await harness.fake.waitFor(() => botMessagesIn(student.dmChannelId).length > before);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(botMessagesIn(student.dmChannelId)).toHaveLength(before + 1);
    const entries = await harness.db.prisma.portfolioEntry.findMany({ where: { sourceMessageId: dispatched.id } });
    expect(entries).toHaveLength(1);
  });
});

describe('gateway outage', () => {
  it('files a reply sent during an outage once and reports readiness', { timeout: 40_000 }, async () => {
    const student = students[2] ?? students[0]!;
    const request = await harness.db.prisma.reflectionRequest.findFirstOrThrow({ where: { studentId: student.personId } });
    // The student must have an open prompt for the catch-up to read their DM.
    await harness.db.prisma.portfolioEntry.deleteMany({ where: { personId: student.personId } });
    await harness.db.prisma.reflectionRequest.update({ where: { id: request.id }, data: { answeredAt: null } });
    expect(await readiness()).toEqual({ status: 200, discord: true });
    const identifiesBefore = harness.fake.gatewayEvents.identifies.length;
    const repliesBefore = botMessagesIn(student.dmChannelId).length;

    const outage = harness.fake.disconnectFor(3_000);
    await harness.fake.waitFor(() => harness.fake.gatewayEvents.closes.some((close) => close.code === 1006));
    const missed = harness.fake.dispatchMessageCreate({ authorId: student.discordId, content: 'Sent while Discord was down.' });
    expect(missed.sessions).toBe(1);
    expect(harness.fake.gatewayEvents.dispatches.at(-1)).toMatchObject({ t: 'MESSAGE_CREATE', delivered: false });

    expect(await pollReadiness(503, 5_000)).toEqual({ status: 503, discord: false });
    await outage;

    await harness.fake.waitFor(() => harness.fake.gatewayEvents.identifies.length > identifiesBefore, 20_000);
    await harness.fake.waitFor(() => botMessagesIn(student.dmChannelId).length > repliesBefore, 10_000);
    await harness.adapter.catchUpDone();

    expect(await readiness()).toEqual({ status: 200, discord: true });
    const entries = await harness.db.prisma.portfolioEntry.findMany({ where: { personId: student.personId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.kind).toBe('reflection');
    expect(entries[0]!.sourceMessageId).toBe(missed.id);
    expect(botMessagesIn(student.dmChannelId)).toHaveLength(repliesBefore + 1);
  });
});
