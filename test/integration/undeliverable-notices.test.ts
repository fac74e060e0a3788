import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageBuilders } from '../../src/jobs/delivery-messages.ts';
import { reflectionPromptKey } from '../../src/reflection/plan-weekly-reflections.ts';
import { planUndeliverableNotices, UNDELIVERABLE_NOTICE_KIND } from '../../src/reflection/undeliverable-notices.ts';
import { createPgliteDatabase, createPostgresDatabase, type TestDatabase } from '../support/database.ts';

const now = new Date('2026-12-01T12:00:00Z');
const week = '2026-W49';

describe.each([
  ['postgresql', createPostgresDatabase],
  ['pglite', createPgliteDatabase],
])('undeliverable notices on %s', (_kind, create) => {
  let db: TestDatabase;
  let advisorId: string;
  let studentIds: string[];

  beforeAll(async () => {
    db = await create();
    const school = await db.prisma.school.create({ data: { sourcedId: 'school', name: 'School' } });
    const advisor = await db.prisma.person.create({
      data: { sourcedId: 'advisor', schoolId: school.id, givenName: 'Ava', familyName: 'Advisor', roles: ['advisor'] },
    });
    advisorId = advisor.id;
    studentIds = [];
    for (const [index, name] of ['Ann', 'Bo', 'Cy'].entries()) {
      const student = await db.prisma.person.create({
        data: { sourcedId: `s${index}`, schoolId: school.id, givenName: name, familyName: 'Student', roles: ['student'] },
      });
      studentIds.push(student.id);
    }
    await db.prisma.advisory.create({
      data: {
        sourcedId: 'adv',
        schoolId: school.id,
        title: 'Advisory',
        advisors: { create: { personId: advisorId } },
        members: { create: studentIds.map((personId) => ({ personId })) },
      },
    });
    const statuses = ['undeliverable', 'sending', 'sent'] as const;
    for (const [index, studentId] of studentIds.entries()) {
      await db.prisma.delivery.create({
        data: {
          key: reflectionPromptKey(week, studentId),
          kind: 'reflection_prompt',
          recipientId: studentId,
          dueAt: now,
          status: statuses[index],
          lastError: index === 0 ? 'discord: 50007' : null,
          payload: { week },
          createdAt: now,
        },
      });
    }
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('waits while prompts of the week are in flight', async () => {
    expect(await planUndeliverableNotices(db.prisma, now)).toBe(0);
  });

  it('plans one notice per advisor once all were tried', async () => {
    await db.prisma.delivery.updateMany({ where: { status: 'sending' }, data: { status: 'sent' } });

    expect(await planUndeliverableNotices(db.prisma, now)).toBe(1);
    expect(await planUndeliverableNotices(db.prisma, now)).toBe(0);
    const notices = await db.prisma.delivery.findMany({ where: { kind: UNDELIVERABLE_NOTICE_KIND } });
    expect(notices.map((notice) => notice.recipientId)).toEqual([advisorId]);
  });

  it('names the student and the reason', async () => {
    const notice = await db.prisma.delivery.findFirstOrThrow({
      where: { kind: UNDELIVERABLE_NOTICE_KIND },
      include: { recipient: { select: { givenName: true } } },
    });
    const built = await messageBuilders[UNDELIVERABLE_NOTICE_KIND]!(db.prisma, notice);

    expect(built!.message.text).toBe(
      [
        '1 student in your advisory could not be sent the reflection prompt of week 2026-W49:',
        '• Ann Student: direct messages from Homeroom are turned off in Discord',
        "They will not get this week's prompt. Ask them to link their account or allow direct messages; next week's prompt tries again.",
      ].join('\n'),
    );
  });
});
