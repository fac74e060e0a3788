import type { PrismaClient } from '../db/client.ts';
import { REFLECTION_PROMPT_KIND } from './plan-weekly-reflections.ts';

export const UNDELIVERABLE_NOTICE_KIND = 'undeliverable_notice';

// Deliveries are created when a week's prompts are planned, so eight days
// reaches back over the whole of the current week.
const LOOKBACK_MS = 8 * 24 * 3_600_000;

export function undeliverableNoticeKey(week: string, advisorId: string): string {
  return `undeliverable-notice_${week}_${advisorId}`;
}

/**
 * Plans one notice per advisor and week that lists the advisory members
 * whose prompt could not be delivered. A week is noticed only once all of
 * its prompts were tried, and each advisor hears about it once.
 */
export async function planUndeliverableNotices(prisma: PrismaClient, now: Date): Promise<number> {
  const undeliverable = await prisma.delivery.findMany({
    where: { kind: REFLECTION_PROMPT_KIND, status: 'undeliverable', createdAt: { gte: new Date(now.getTime() - LOOKBACK_MS) } },
    select: { recipientId: true, payload: true },
  });
  const studentsByWeek = new Map<string, string[]>();
  for (const delivery of undeliverable) {
    const { week } = delivery.payload as { week: string };
    const list = studentsByWeek.get(week) ?? [];
    list.push(delivery.recipientId);
    studentsByWeek.set(week, list);
  }

  let planned = 0;
  for (const [week, studentIds] of studentsByWeek) {
    const inFlight = await prisma.delivery.count({
      where: { kind: REFLECTION_PROMPT_KIND, status: { in: ['pending', 'sending'] }, key: { startsWith: `reflection-prompt_${week}_` } },
    });
    if (inFlight > 0) continue;

    const advisors = await prisma.advisoryAdvisor.findMany({
      where: { advisory: { active: true, members: { some: { personId: { in: studentIds } } } }, person: { active: true } },
      select: { personId: true },
      distinct: ['personId'],
    });
    const created = await prisma.delivery.createMany({
      data: advisors.map((advisor) => ({
        key: undeliverableNoticeKey(week, advisor.personId),
        kind: UNDELIVERABLE_NOTICE_KIND,
        recipientId: advisor.personId,
        dueAt: now,
        payload: { week },
      })),
      skipDuplicates: true,
    });
    planned += created.count;
  }

  return planned;
}

/** Lists the members of an advisor's advisories whose prompt for `week` was undeliverable, with the reason. */
export async function findUndeliverableMembers(prisma: PrismaClient, advisorId: string, week: string) {
  const deliveries = await prisma.delivery.findMany({
    where: {
      kind: REFLECTION_PROMPT_KIND,
      status: 'undeliverable',
      key: { startsWith: `reflection-prompt_${week}_` },
      recipient: { advisoryMembership: { some: { advisory: { active: true, advisors: { some: { personId: advisorId } } } } } },
    },
    select: { lastError: true, recipient: { select: { givenName: true, familyName: true } } },
    orderBy: [{ recipient: { familyName: 'asc' } }, { recipient: { givenName: 'asc' } }],
  });

  return deliveries.map((delivery) => ({
    name: `${delivery.recipient.givenName} ${delivery.recipient.familyName}`.trim(),
    reason: delivery.lastError ?? 'unknown',
  }));
}
