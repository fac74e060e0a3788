import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../src/cli/command-table.ts';
import { crlf, manifest, writePackage, type PackageFiles } from '../fixtures/oneroster/packages.ts';
import { linkPeople, startDiscordService, type DiscordServiceHarness, type DiscordStudent } from '../support/discord-service.ts';

const STUDENT_COUNT = 30;
const CLOSED_COUNT = 3;

/** Builds one school with one advisory of 30 students and their advisor, in a term that spans the test's clock. */
function advisoryPackage(): PackageFiles {
  const users = ['sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,email,password'];
  const enrollments = ['sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role'];
  users.push('t-1,,,true,org-1,teacher,rivera,Ana,Rivera,rivera@school.example.edu,');
  enrollments.push('e-t-1,,,c-1,org-1,t-1,teacher');
  for (let index = 0; index < STUDENT_COUNT; index += 1) {
    const id = String(index).padStart(2, '0');
    users.push(`s-${id},,,true,org-1,student,student${id},Student${id},Family${id},s${id}@school.example.edu,`);
    enrollments.push(`e-s-${id},,,c-1,org-1,s-${id},student`);
  }

  return {
    'manifest.csv': manifest('1.1', { academicSessions: 'bulk', classes: 'bulk', enrollments: 'bulk', orgs: 'bulk', users: 'bulk' }),
    'orgs.csv': crlf(['sourcedId,status,dateLastModified,name,type', 'org-1,,,Harbor High School,school']),
    'academicSessions.csv': crlf([
      'sourcedId,status,dateLastModified,title,type,startDate,endDate',
      'term-1,,,Whole range,term,2020-01-01,2039-12-31',
    ]),
    'users.csv': crlf(users),
    'classes.csv': crlf([
      'sourcedId,status,dateLastModified,title,courseSourcedId,classType,schoolSourcedId,termSourcedIds',
      'c-1,,,Advisory 9A,,homeroom,org-1,term-1',
    ]),
    'enrollments.csv': crlf(enrollments),
  };
}

let harness: DiscordServiceHarness;
let students: DiscordStudent[];
let advisor: DiscordStudent;

beforeAll(async () => {
  harness = await startDiscordService({ rosterDir: writePackage(advisoryPackage()) });
  students = await linkPeople(harness, 'student');
  [advisor] = (await linkPeople(harness, 'advisor')) as [DiscordStudent];
});

afterAll(async () => {
  await harness?.stop();
});

describe('students with closed DMs on Discord', () => {
  it('sends 27 prompts, marks 3 undeliverable and tells the advisor once', { timeout: 60_000 }, async () => {
    expect(students).toHaveLength(STUDENT_COUNT);
    const closed = students.slice(0, CLOSED_COUNT);
    for (const student of closed) harness.fake.closeDms(student.discordId);

    const output = await runCommandLine(harness.service.runtime, ['run', 'weekly-reflections'], { inService: true, cwd: process.cwd() });

    expect(output.exitCode).toBe(0);
    expect(output.lines).toContain(`Sent ${STUDENT_COUNT - CLOSED_COUNT}, undeliverable ${CLOSED_COUNT}, failed 0, still queued 0.`);
    expect(output.lines.at(-1)).toBe('Told 1 advisor(s) which students could not be sent their prompt.');
    for (const student of students) {
      const prompts = harness.fake.messagesIn(student.dmChannelId).filter((message) => message.authorId === harness.fake.botUser.id && !message.interactionId);
      expect(prompts).toHaveLength(closed.includes(student) ? 0 : 1);
    }

    const undeliverable = await harness.db.prisma.delivery.findMany({
      where: { kind: 'reflection_prompt', status: 'undeliverable' },
      orderBy: { recipientId: 'asc' },
    });
    expect(undeliverable.map((delivery) => delivery.recipientId).sort()).toEqual(closed.map((student) => student.personId).sort());
    for (const delivery of undeliverable) expect(delivery.lastError).toBe('discord: 50007');
    const accounts = await harness.db.prisma.chatAccount.findMany({ where: { platform: 'discord', undeliverableSince: { not: null } } });
    expect(accounts.map((account) => account.personId).sort()).toEqual(closed.map((student) => student.personId).sort());

    const notices = harness.fake.messagesIn(advisor.dmChannelId).filter((message) => message.authorId === harness.fake.botUser.id && !message.interactionId);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.content).toContain('3 students in your advisory could not be sent the reflection prompt');
    for (const student of closed) expect(notices[0]!.content).toContain(student.givenName);
    expect(notices[0]!.content).toContain('direct messages from Homeroom are turned off in Discord');
    expect(notices[0]!.allowedMentions).toEqual({ parse: [] });

    const again = await runCommandLine(harness.service.runtime, ['run', 'weekly-reflections'], { inService: true, cwd: process.cwd() });
    expect(again.lines).toContain('Sent 0, undeliverable 0, failed 0, still queued 0.');
    const noticesAfter = harness.fake.messagesIn(advisor.dmChannelId).filter((message) => message.authorId === harness.fake.botUser.id && !message.interactionId);
    expect(noticesAfter).toHaveLength(1);
  });
});
