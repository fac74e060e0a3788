import type { PrismaClient } from '../db/client.ts';
import { localDate, termContaining, termInstants } from '../domain/terms.ts';

/** Loads a person's goals in the order /plan numbers them. */
export async function loadGoals(prisma: PrismaClient, personId: string) {
  const plan = await prisma.learningPlan.findUnique({
    where: { personId },
    select: {
      goals: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          domain: true,
          title: true,
          status: true,
          completedAt: true,
          milestones: {
            orderBy: { createdAt: 'asc' },
            select: { id: true, title: true, dueOn: true, completedAt: true },
          },
        },
      },
    },
  });

  return plan?.goals ?? [];
}

/** Counts this term's reflection prompts sent to a student and answered. */
export async function countTermReflections(
  prisma: PrismaClient,
  person: { id: string; timeZone: string },
  terms: { startDate: string; endDate: string }[],
  now: Date,
): Promise<{ asked: number; answered: number; term: { startDate: string; endDate: string } }> {
  const term = termContaining(localDate(now, person.timeZone), terms);
  const instants = termInstants(term, person.timeZone);
  const range = { gte: instants.start, lt: instants.end };
  const [asked, answered] = await Promise.all([
    prisma.reflectionRequest.count({ where: { studentId: person.id, sentAt: { not: null }, dueAt: range } }),
    prisma.reflectionRequest.count({ where: { studentId: person.id, answeredAt: { not: null }, dueAt: range } }),
  ]);

  return { asked, answered, term };
}
