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
  const { start, end } = termInstants(term, person.timeZone);
  // One statement for both counts, because /plan must answer within Slack's deadline under load.
  const [row] = await prisma.$queryRaw<{ asked: number; answered: number }[]>`
    SELECT count(*) FILTER (WHERE "sentAt" IS NOT NULL)::int AS "asked",
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL)::int AS "answered"
    FROM "ReflectionRequest"
    WHERE "studentId" = ${person.id}::uuid AND "dueAt" >= ${start} AND "dueAt" < ${end}`;
  const asked = row?.asked ?? 0;
  const answered = row?.answered ?? 0;

  return { asked, answered, term };
}
