import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/cli/command-table.ts';
import type { FakeSlackUser } from '../fakes/slack/index.ts';
import { postEvent, postSlashCommand } from '../fakes/slack/index.ts';
import { signingSecret, startSlackService, type SlackServiceHarness } from '../support/slack-service.ts';

let harness: SlackServiceHarness;
let students: { personId: string; givenName: string; slack: FakeSlackUser }[];
let tsCounter = 1764900000;

function nextTs(): string {
  tsCounter += 1;

  return `${tsCounter}.000100`;
}

async function runWeekly() {
  return runCommandLine(harness.service.runtime, ['run', 'weekly-reflections'], { inService: true, cwd: process.cwd() });
}

function directMessage(user: FakeSlackUser, text: string, ts = nextTs()) {
  return { type: 'message', channel_type: 'im', channel: user.dmChannelId, user: user.id, text, ts, event_ts: ts };
}

async function reflectionEntries(personId: string) {
  return harness.db.prisma.portfolioEntry.findMany({ where: { personId }, orderBy: { createdAt: 'asc' } });
}

async function waitForMessages(userId: string, count: number) {
  const deadline = Date.now() + 10_000;
  while (harness.fake.messagesTo(userId).length < count) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} messages to ${userId}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return harness.fake.messagesTo(userId);
}

beforeAll(async () => {
  harness = await startSlackService();
  const people = await harness.db.prisma.person.findMany({
    where: { active: true, roles: { has: 'student' }, email: { not: null } },
    orderBy: { sourcedId: 'asc' },
  });
  students = people.map((person) => ({
    personId: person.id,
    givenName: person.givenName,
    slack: harness.fake.addUser({ email: person.email!, name: person.givenName }),
  }));
});

afterAll(async () => {
  await harness?.stop();
});

describe('weekly reflections on Slack', () => {
  it('imports students from the roster', () => {
    expect(students.length).toBeGreaterThanOrEqual(2);
  });

  it('sends every linked student exactly one prompt', async () => {
    const output = await runWeekly();

    expect(output.exitCode).toBe(0);
    expect(output.lines.at(-1)).toBe(`Sent ${students.length}, undeliverable 0, failed 0, still queued 0.`);
    for (const student of students) {
      const messages = harness.fake.messagesTo(student.slack.id);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.text).toContain(`Hi ${student.givenName}! Here is this week's reflection prompt:`);
    }
  });

  it('sends nothing more when the job runs again', async () => {
    const before = harness.fake.callsTo('chat.postMessage').length;
    const output = await runWeekly();

    expect(output.lines.at(-1)).toBe('Sent 0, undeliverable 0, failed 0, still queued 0.');
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(before);
  });

  it('files a reply once even when Slack resends it', async () => {
    const student = students[0]!;
    const event = directMessage(student.slack, 'This week I finally understood vectors.');
    const first = await postEvent(harness.eventsUrl, signingSecret, event, { eventId: 'Ev0001' });
    const resent = await postEvent(harness.eventsUrl, signingSecret, event, {
      eventId: 'Ev0001',
      retryNum: 1,
      retryReason: 'http_timeout',
    });

    expect(first.status).toBe(200);
    expect(resent.status).toBe(200);
    const entries = await reflectionEntries(student.personId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.kind).toBe('reflection');
    expect(entries[0]!.text).toBe('This week I finally understood vectors.');
    expect(entries[0]!.late).toBe(false);
    const messages = await waitForMessages(student.slack.id, 2);
    expect(messages[1]!.text).toMatch(/^Thanks, .+! Your reflection for week \d{4}-W\d{2} is saved in your portfolio\.$/);
    expect(harness.fake.messagesTo(student.slack.id)).toHaveLength(2);
  });

  it('answers /plan with the counts of this term', async () => {
    const student = students[0]!;
    const response = await postSlashCommand(harness.eventsUrl, signingSecret, {
      command: '/plan',
      text: '',
      user_id: student.slack.id,
      channel_id: student.slack.dmChannelId,
    });

    expect(response.status).toBe(200);
    const body = response.body as { text: string; response_type: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Your learning plan');
    expect(body.text).toContain('Reflections this term: 1 answered of 1 asked');
  });

  it("refuses a student who asks for another student's plan", async () => {
    const [asker, other] = [students[0]!, students[1]!];
    const response = await postSlashCommand(harness.eventsUrl, signingSecret, {
      command: '/plan',
      text: `<@${other.slack.id}|${other.slack.name}>`,
      user_id: asker.slack.id,
      channel_id: asker.slack.dmChannelId,
    });

    const body = response.body as { text: string };
    expect(body.text).toBe('You can only see your own plan, or the plans of the students you advise or mentor.');
    expect(body.text).not.toContain(other.givenName);
  });
});
