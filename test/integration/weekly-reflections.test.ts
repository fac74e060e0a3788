import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPrompts } from '../../src/reflection/prompt-bank.ts';
import { planWeeklyReflections, reflectionPromptKey } from '../../src/reflection/plan-weekly-reflections.ts';
import { recordReflection } from '../../src/reflection/record-reflection.ts';
import { createPgliteDatabase, createPostgresDatabase, type TestDatabase } from '../support/database.ts';

// Monday 2026-11-30 09:00 in New York is 14:00 UTC.
const mondayPromptTime = new Date('2026-11-30T14:00:00Z');

describe.each([
  ['postgresql', createPostgresDatabase],
  ['pglite', createPgliteDatabase],
])('weekly reflections on %s', (_kind, create) => {
  let db: TestDatabase;
  let schoolId: string;
  let studentIds: string[];

  beforeAll(async () => {
    db = await create();
    await seedPrompts(db.prisma);
    const school = await db.prisma.school.create({
      data: {
        sourcedId: 'school-1',
        name: 'Lakeside',
        timeZone: 'America/New_York',
        terms: { create: { sourcedId: 'term-1', title: 'Fall', startDate: '2026-08-24', endDate: '2027-01-22' } },
      },
    });
    schoolId = school.id;
    const people = await Promise.all(
      ['ana', 'ben', 'cy'].map((name) =>
        db.prisma.person.create({
          data: { sourcedId: `student-${name}`, schoolId, givenName: name, familyName: 'Test', roles: ['student'] },
        }),
      ),
    );
    await db.prisma.person.create({
      data: { sourcedId: 'teacher-1', schoolId, givenName: 'Tia', familyName: 'Teacher', roles: ['advisor'] },
    });
    studentIds = people.map((person) => person.id);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('plans nothing before the prompt time', async () => {
    const planned = await planWeeklyReflections(db.prisma, { now: new Date(mondayPromptTime.getTime() - 60_000) });

    expect(planned).toEqual([]);
  });

  it('plans one request and delivery per student at the prompt time', async () => {
    const planned = await planWeeklyReflections(db.prisma, { now: mondayPromptTime });

    expect(planned).toEqual([{ schoolId, schoolName: 'Lakeside', week: '2026-W49', created: 3 }]);
    const deliveries = await db.prisma.delivery.findMany({ orderBy: { key: 'asc' } });
    expect(deliveries.map((delivery) => delivery.key).sort()).toEqual(
      studentIds.map((id) => reflectionPromptKey('2026-W49', id)).sort(),
    );
    expect(deliveries.every((delivery) => delivery.dueAt.toISOString() === '2026-11-30T14:00:00.000Z')).toBe(true);
  });

  it('plans nothing more when run again', async () => {
    const planned = await planWeeklyReflections(db.prisma, { now: new Date(mondayPromptTime.getTime() + 3_600_000) });

    expect(planned).toEqual([{ schoolId, schoolName: 'Lakeside', week: '2026-W49', created: 0 }]);
    expect(await db.prisma.reflectionRequest.count()).toBe(3);
  });

  it('gives a student a different prompt every week of the term', async () => {
    for (let week = 1; week < 8; week++) {
      await planWeeklyReflections(db.prisma, { now: new Date(mondayPromptTime.getTime() + week * 7 * 86_400_000) });
    }
    const requests = await db.prisma.reflectionRequest.findMany({ where: { studentId: studentIds[0] } });

    expect(requests).toHaveLength(8);
    expect(new Set(requests.map((request) => request.promptId)).size).toBe(8);
  });

  it('files the first reply as the answer and a resend once', async () => {
    const studentId = studentIds[1]!;
    const request = await db.prisma.reflectionRequest.findFirstOrThrow({ where: { studentId, week: '2026-W49' } });
    await db.prisma.reflectionRequest.update({ where: { id: request.id }, data: { sentAt: mondayPromptTime } });
    await db.prisma.reflectionRequest.updateMany({
      where: { studentId, week: { not: '2026-W49' } },
      data: { sentAt: null },
    });
    const input = {
      personId: studentId,
      text: '  I asked for help in math. 🙂  ',
      source: { platform: 'test', messageId: 'm1' },
      at: new Date('2026-12-01T15:00:00Z'),
    };

    const first = await recordReflection(db.prisma, input);
    const again = await recordReflection(db.prisma, input);

    expect(first).toMatchObject({ status: 'answered', week: '2026-W49', late: false, text: 'I asked for help in math. 🙂' });
    expect(again).toEqual({ status: 'duplicate' });
    expect(await db.prisma.portfolioEntry.count({ where: { personId: studentId } })).toBe(1);
  });

  it('files a second reply of the week as a private note', async () => {
    const result = await recordReflection(db.prisma, {
      personId: studentIds[1]!,
      text: 'One more thought.',
      source: { platform: 'test', messageId: 'm2' },
      at: new Date('2026-12-02T15:00:00Z'),
    });

    expect(result).toMatchObject({ status: 'saved_as_note', reason: 'already_answered' });
    const note = await db.prisma.portfolioEntry.findFirstOrThrow({ where: { sourceMessageId: 'm2' } });
    expect(note.kind).toBe('note');
    expect(note.visibility).toBe('private');
  });

  it('keeps a reply after the week closed and marks it late', async () => {
    const studentId = studentIds[2]!;
    const request = await db.prisma.reflectionRequest.findFirstOrThrow({ where: { studentId, week: '2026-W49' } });
    await db.prisma.reflectionRequest.update({ where: { id: request.id }, data: { sentAt: mondayPromptTime } });

    const result = await recordReflection(db.prisma, {
      personId: studentId,
      text: 'Sorry this is late.',
      source: { platform: 'test', messageId: 'm3' },
      at: new Date('2026-12-08T12:00:00Z'),
    });

    expect(result).toMatchObject({ status: 'answered', week: '2026-W49', late: true });
  });

  it('saves a reply as a note when no prompt was sent', async () => {
    const result = await recordReflection(db.prisma, {
      personId: studentIds[0]!,
      text: 'Hello?',
      source: { platform: 'test', messageId: 'm4' },
      at: mondayPromptTime,
    });

    expect(result).toMatchObject({ status: 'saved_as_note', reason: 'no_open_prompt' });
  });

  it('two racing replies file one answer and one note', async () => {
    const studentId = studentIds[0]!;
    const request = await db.prisma.reflectionRequest.findFirstOrThrow({ where: { studentId, week: '2026-W49' } });
    await db.prisma.reflectionRequest.update({ where: { id: request.id }, data: { sentAt: mondayPromptTime } });
    const at = new Date('2026-12-01T16:00:00Z');

    const results = await Promise.all(
      ['r1', 'r2'].map((messageId) =>
        recordReflection(db.prisma, { personId: studentId, text: messageId, source: { platform: 'test', messageId }, at }),
      ),
    );

    expect(results.map((result) => result.status).sort()).toEqual(['answered', 'saved_as_note']);
  });
});
