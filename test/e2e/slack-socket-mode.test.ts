import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/cli/command-table.ts';
import type { FakeSlackUser } from '../fakes/slack/index.ts';
import { rosterPackageDir, startSlackService, type SlackServiceHarness } from '../support/slack-service.ts';

let harness: SlackServiceHarness;
let student: { personId: string; slack: FakeSlackUser };

beforeAll(async () => {
  harness = await startSlackService(rosterPackageDir(), { socketMode: true });
  const person = await harness.db.prisma.person.findFirstOrThrow({
    where: { active: true, roles: { has: 'student' }, email: { not: null } },
    orderBy: { sourcedId: 'asc' },
  });
  student = { personId: person.id, slack: harness.fake.addUser({ email: person.email!, name: person.givenName }) };
  await harness.fake.socketMode.waitForConnection(1, 10_000);
  await runCommandLine(harness.service.runtime, ['run', 'weekly-reflections'], { inService: true, cwd: process.cwd() });
});

afterAll(async () => {
  await harness?.stop();
});

describe('Slack over Socket Mode', () => {
  it('connects through the configured API URL', () => {
    expect(harness.fake.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('files a DM reply that arrives over the socket', async () => {
    const ts = '1764999000.000100';
    const envelopeId = harness.fake.socketMode.pushEvent({
      type: 'message',
      channel_type: 'im',
      channel: student.slack.dmChannelId,
      user: student.slack.id,
      text: 'Socket reflection',
      ts,
      event_ts: ts,
    });
    await harness.fake.socketMode.waitForAck(envelopeId, 10_000);
    await harness.fake.waitFor((call) => call.method === 'chat.postMessage' && String(call.body.text).startsWith('Thanks'), 10_000);

    const entries = await harness.db.prisma.portfolioEntry.findMany({ where: { personId: student.personId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.text).toBe('Socket reflection');
  });

  it('answers /plan in the acknowledgement', async () => {
    const envelopeId = harness.fake.socketMode.push('slash_commands', {
      command: '/plan',
      text: '',
      user_id: student.slack.id,
      channel_id: student.slack.dmChannelId,
      team_id: harness.fake.teamId,
      trigger_id: 'socket-trigger-1',
      response_url: harness.fake.responseUrl('socket-plan'),
    });
    const ack = await harness.fake.socketMode.waitForAck(envelopeId, 10_000);

    const payload = ack.payload as { text: string };
    expect(payload.text).toContain('Reflections this term: 1 answered of 1 asked');
  });
});
