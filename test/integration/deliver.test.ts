import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../src/jobs/deliver.ts';
import { createLogger } from '../../src/logger.ts';
import { UndeliverableError, type Messenger } from '../../src/messaging/messenger.ts';
import { seedPrompts } from '../../src/reflection/prompt-bank.ts';
import { planWeeklyReflections } from '../../src/reflection/plan-weekly-reflections.ts';
import { createPostgresDatabase, type TestDatabase } from '../support/database.ts';

const now = new Date('2026-11-30T15:00:00Z');

function messenger(overrides: Partial<Messenger>): Messenger {
  return {
    platform: 'test',
    resolveRecipient: async (person) => ({ platform: 'test', accountId: '', externalId: person.id, dmChannelId: `D-${person.id}` }),
    sendDirectMessage: async () => ({ platform: 'test', messageId: 'm1' }),
    ...overrides,
  };
}

describe('deliver', () => {
  let db: TestDatabase;
  let deliveryIds: string[];

  beforeAll(async () => {
    db = await createPostgresDatabase();
    await seedPrompts(db.prisma);
    const school = await db.prisma.school.create({ data: { sourcedId: 'school', name: 'School', timeZone: 'America/New_York' } });
    for (const name of ['a', 'b', 'c']) {
      await db.prisma.person.create({ data: { sourcedId: name, schoolId: school.id, givenName: name, familyName: 'S', roles: ['student'] } });
    }
    await planWeeklyReflections(db.prisma, { now });
    deliveryIds = (await db.prisma.delivery.findMany({ orderBy: { key: 'asc' } })).map((delivery) => delivery.id);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const context = (messengers: Messenger[]) => ({ prisma: db.prisma, messengers, logger: createLogger('silent'), now: () => now });

  it('sends once and marks the request sent', async () => {
    const id = deliveryIds[0]!;

    expect(await deliver(context([messenger({})]), id)).toBe('sent');
    expect(await deliver(context([messenger({})]), id)).toBe('already_done');
    const delivery = await db.prisma.delivery.findUniqueOrThrow({ where: { id } });
    expect(delivery.status).toBe('sent');
    expect(delivery.attempts).toBe(1);
    const request = await db.prisma.reflectionRequest.findFirstOrThrow({ where: { studentId: delivery.recipientId } });
    expect(request.sentAt?.toISOString()).toBe(now.toISOString());
  });

  it('marks undeliverable when opening the DM fails for good', async () => {
    const failing = messenger({
      resolveRecipient: async () => {
        throw new UndeliverableError('test', 'user_disabled');
      },
    });
    const id = deliveryIds[1]!;

    expect(await deliver(context([failing]), id)).toBe('undeliverable');
    const delivery = await db.prisma.delivery.findUniqueOrThrow({ where: { id } });
    expect(delivery.status).toBe('undeliverable');
    expect(delivery.lastError).toBe('test: user_disabled');
  });

  it('returns a failed send to pending for a retry', async () => {
    const failing = messenger({
      sendDirectMessage: async () => {
        throw new Error('socket hang up');
      },
    });
    const id = deliveryIds[2]!;

    await expect(deliver(context([failing]), id)).rejects.toThrow('socket hang up');
    const delivery = await db.prisma.delivery.findUniqueOrThrow({ where: { id } });
    expect(delivery.status).toBe('pending');
    expect(delivery.lastError).toBe('socket hang up');
    expect(await deliver(context([messenger({})]), id)).toBe('sent');
  });
});
