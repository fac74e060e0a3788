import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/cli/command-table.ts';
import type { FakeSlackUser } from '../fakes/slack/index.ts';
import { postEvent, postInteraction, postSlashCommand } from '../fakes/slack/index.ts';
import { signingSecret, startSlackService, type SlackServiceHarness } from '../support/slack-service.ts';

let harness: SlackServiceHarness;
let student: { personId: string; slack: FakeSlackUser };
let tsCounter = 1764950000;

function directMessage(user: FakeSlackUser, text: string) {
  tsCounter += 1;
  const ts = `${tsCounter}.000200`;

  return { type: 'message', channel_type: 'im', channel: user.dmChannelId, user: user.id, text, ts, event_ts: ts };
}

async function lastMessageTo(userId: string, count: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (harness.fake.messagesTo(userId).length < count) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for message ${count} to ${userId}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return harness.fake.messagesTo(userId).at(-1)!.text;
}

async function entries() {
  return harness.db.prisma.portfolioEntry.findMany({ where: { personId: student.personId }, orderBy: { createdAt: 'asc' } });
}

beforeAll(async () => {
  harness = await startSlackService();
  const person = await harness.db.prisma.person.findFirstOrThrow({
    where: { active: true, roles: { has: 'student' }, email: { not: null } },
    orderBy: { sourcedId: 'asc' },
  });
  student = { personId: person.id, slack: harness.fake.addUser({ email: person.email!, name: person.givenName }) };
  await runCommandLine(harness.service.runtime, ['run', 'weekly-reflections'], { inService: true, cwd: process.cwd() });
});

afterAll(async () => {
  await harness?.stop();
});

describe('Slack requests that are not genuine', () => {
  it('rejects a wrong signature', async () => {
    const response = await postEvent(harness.eventsUrl, signingSecret, directMessage(student.slack, 'forged'), {
      wrongSignature: true,
    });

    expect(response.status).toBe(401);
    expect(await entries()).toHaveLength(0);
  });

  it('rejects a timestamp in the future', async () => {
    const response = await postEvent(harness.eventsUrl, signingSecret, directMessage(student.slack, 'from the future'), {
      timestamp: Math.floor(Date.now() / 1000) + 600,
    });

    expect(response.status).toBe(401);
    expect(await entries()).toHaveLength(0);
  });

  it('rejects a stale timestamp', async () => {
    const response = await postSlashCommand(
      harness.eventsUrl,
      signingSecret,
      { command: '/plan', text: '', user_id: student.slack.id, channel_id: student.slack.dmChannelId },
      { staleTimestamp: true },
    );

    expect(response.status).toBe(401);
  });
});

describe('replies that cannot be filed as they are', () => {
  it('explains an empty reply and stores nothing', async () => {
    const count = harness.fake.messagesTo(student.slack.id).length;
    await postEvent(harness.eventsUrl, signingSecret, directMessage(student.slack, '   \n  '));

    expect(await lastMessageTo(student.slack.id, count + 1)).toBe(
      'Your reply was empty, so nothing was saved. Write a few sentences and send them again.',
    );
    expect(await entries()).toHaveLength(0);
  });

  it('keeps a 10,000-character reply whole', async () => {
    const long = 'Reflection. '.repeat(834).slice(0, 10_000);
    const count = harness.fake.messagesTo(student.slack.id).length;
    await postEvent(harness.eventsUrl, signingSecret, directMessage(student.slack, long));

    const confirmation = await lastMessageTo(student.slack.id, count + 1);
    expect(confirmation).toMatch(/^Thanks, .+! Your reflection for week \d{4}-W\d{2} is saved in your portfolio\.$/);
    const stored = await entries();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text).toBe(long);
    expect(stored[0]!.text).toHaveLength(10_000);
  });

  it('keeps emoji and right-to-left text exactly', async () => {
    const text = 'أحببت درس العلوم 🧪👩🏽‍🔬 ושיעור ההיסטוריה 🇮🇱';
    const count = harness.fake.messagesTo(student.slack.id).length;
    await postEvent(harness.eventsUrl, signingSecret, directMessage(student.slack, text));

    const confirmation = await lastMessageTo(student.slack.id, count + 1);
    expect(confirmation).toBe(
      "You already answered this week's prompt, so I saved this message as a private note in your portfolio.",
    );
    const stored = await entries();
    expect(stored.at(-1)!.text).toBe(text);
    expect(stored.at(-1)!.kind).toBe('note');
    const blocks = harness.fake.messagesTo(student.slack.id).at(-1)!.blocks as { text?: { text: string } }[];
    expect(blocks.some((block) => block.text?.text === text)).toBe(true);
  });

  it('rejects a reply over the maximum length and keeps nothing half-stored', async () => {
    const before = (await entries()).length;
    const count = harness.fake.messagesTo(student.slack.id).length;
    await postEvent(harness.eventsUrl, signingSecret, directMessage(student.slack, 'x'.repeat(40_001)));

    expect(await lastMessageTo(student.slack.id, count + 1)).toBe(
      'Your reply has 40001 characters, more than the 40000 a reflection can hold, so it was not saved. Shorten it or split it into two messages.',
    );
    expect(await entries()).toHaveLength(before);
  });
});

describe('people and commands Homeroom does not know', () => {
  it('tells an account outside the roster what to do', async () => {
    const stranger = harness.fake.addUser({ email: 'stranger@elsewhere.example', name: 'stranger' });
    await postEvent(harness.eventsUrl, signingSecret, directMessage(stranger, 'hello'));

    expect(await lastMessageTo(stranger.id, 1)).toBe(
      "I could not find you in your school's roster, so I cannot help you yet. Ask your school's Homeroom admin to add the e-mail address of this account to the roster.",
    );
  });

  it('links no account when two people share an e-mail', async () => {
    const school = await harness.db.prisma.school.findFirstOrThrow();
    for (const sourcedId of ['twin-1', 'twin-2']) {
      await harness.db.prisma.person.create({
        data: { sourcedId, schoolId: school.id, givenName: sourcedId, familyName: 'Twin', roles: ['student'], email: 'twin@school.example' },
      });
    }
    const twin = harness.fake.addUser({ email: 'TWIN@school.example', name: 'twin' });
    await postEvent(harness.eventsUrl, signingSecret, directMessage(twin, 'whose plan is this?'));

    await lastMessageTo(twin.id, 1);
    expect(await harness.db.prisma.chatAccount.count({ where: { externalId: twin.id } })).toBe(0);
  });

  it('answers 500 so Slack resends when filing fails', async () => {
    const newcomer = await harness.db.prisma.person.create({
      data: {
        sourcedId: 'newcomer',
        schoolId: (await harness.db.prisma.school.findFirstOrThrow()).id,
        givenName: 'New',
        familyName: 'Comer',
        roles: ['student'],
        email: 'newcomer@school.example',
      },
    });
    const slackUser = harness.fake.addUser({ email: 'newcomer@school.example', name: 'newcomer' });
    harness.fake.failNext('users.info', 'internal_error');
    const event = directMessage(slackUser, 'first try');

    const failed = await postEvent(harness.eventsUrl, signingSecret, event);
    const resent = await postEvent(harness.eventsUrl, signingSecret, event, { retryNum: 1, retryReason: 'http_error' });

    expect(failed.status).toBe(500);
    expect(resent.status).toBe(200);
    const stored = await harness.db.prisma.portfolioEntry.findMany({ where: { personId: newcomer.id } });
    expect(stored.map((entry) => entry.text)).toEqual(['first try']);
  });

  it('explains an unknown /goal action with the usage', async () => {
    const response = await postSlashCommand(harness.eventsUrl, signingSecret, {
      command: '/goal',
      text: 'frobnicate everything',
      user_id: student.slack.id,
      channel_id: student.slack.dmChannelId,
    });
    const text = (response.body as { text: string }).text;

    expect(text.split('\n')[0]).toBe('I don\'t know the action "frobnicate".');
    // Slack shows &lt; as "<"; the fallback text is escaped like the blocks.
    expect(text).toContain('Usage: /goal add &lt;academic|college|career|personal&gt; &lt;title&gt;');
  });

  it('runs a replayed /goal once', async () => {
    const command = {
      command: '/goal',
      text: 'add personal Learn to juggle',
      user_id: student.slack.id,
      channel_id: student.slack.dmChannelId,
      trigger_id: 'trigger-replayed',
    };
    const first = await postSlashCommand(harness.eventsUrl, signingSecret, command);
    const replayed = await postSlashCommand(harness.eventsUrl, signingSecret, command);

    expect((first.body as { text: string }).text).toBe('Added goal 1 to your Personal and social goals: Learn to juggle');
    expect((replayed.body as { text: string }).text).toBe('That command was already handled, so it was not run again.');
    expect(await harness.db.prisma.goal.count({ where: { title: 'Learn to juggle' } })).toBe(1);
  });

  it('adds a goal and shows it in /plan', async () => {
    const added = await postSlashCommand(harness.eventsUrl, signingSecret, {
      command: '/goal',
      text: 'add college Visit three campuses by 2027-04-30',
      user_id: student.slack.id,
      channel_id: student.slack.dmChannelId,
    });
    expect((added.body as { text: string }).text).toBe('Added goal 1 to your College goals: Visit three campuses');

    const plan = await postSlashCommand(harness.eventsUrl, signingSecret, {
      command: '/plan',
      text: '',
      user_id: student.slack.id,
      channel_id: student.slack.dmChannelId,
    });
    const text = (plan.body as { text: string }).text;
    expect(text).toContain('1. Visit three campuses: 0/1 milestones done');
    expect(text).toContain('Next milestone: Visit three campuses (Visit three campuses), due 2027-04-30');
  });
});

describe('the reflection form', () => {
  it('opens from the prompt button', async () => {
    const prompt = harness.fake.messagesTo(student.slack.id)[0]!;
    const blocks = prompt.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
    const button = blocks.find((block) => block.type === 'actions')!.elements![0]!;
    const response = await postInteraction(harness.eventsUrl, signingSecret, {
      type: 'block_actions',
      user: { id: student.slack.id, username: student.slack.name, team_id: harness.fake.teamId },
      team: { id: harness.fake.teamId },
      trigger_id: 'trigger-1',
      actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'b1', action_ts: '1' }],
      container: { type: 'message', channel_id: student.slack.dmChannelId, message_ts: prompt.ts },
      channel: { id: student.slack.dmChannelId },
    });

    expect(response.status).toBe(200);
    const opened = await harness.fake.waitFor((call) => call.method === 'views.open');
    const view = opened.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('reflection.submit');
    expect(view.private_metadata).toBe(button.value);
  });

  it('keeps the modal open with an error when the answer is empty', async () => {
    const response = await postInteraction(harness.eventsUrl, signingSecret, {
      type: 'view_submission',
      user: { id: student.slack.id, team_id: harness.fake.teamId },
      team: { id: harness.fake.teamId },
      view: {
        id: 'V-empty',
        callback_id: 'reflection.submit',
        private_metadata: 'unused',
        state: { values: { reflection: { text: { type: 'plain_text_input', value: '  ' } } } },
      },
    });

    expect(response.body).toEqual({
      response_action: 'errors',
      errors: { reflection: 'Your reply was empty, so nothing was saved. Write a few sentences and send them again.' },
    });
  });
});
