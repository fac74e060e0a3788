import type { PrismaClient } from '../db/client.ts';
import { Prisma } from '../db/generated/client.ts';
import { localDate, termContaining, termInstants } from '../domain/terms.ts';

interface GoalRow {
  id: string;
  domain: 'academic' | 'college' | 'career' | 'personal';
  title: string;
  status: 'active' | 'completed';
  completedAt: string | null;
  milestones: { id: string; title: string; dueOn: string | null; completedAt: string | null }[];
}

// The goals and their milestones in one statement, in creation order, which
// is the order /plan numbers them; JSON keeps the nesting in a single row.
function selectGoalsJson(personId: string) {
  return Prisma.sql`
    SELECT COALESCE(json_agg(json_build_object(
      'id', "g"."id", 'domain', "g"."domain", 'title', "g"."title", 'status', "g"."status",
      'completedAt', "g"."completedAt",
      'milestones', (
        SELECT COALESCE(json_agg(json_build_object(
          'id', "m"."id", 'title', "m"."title", 'dueOn', "m"."dueOn", 'completedAt', "m"."completedAt"
        ) ORDER BY "m"."createdAt", "m"."id"), '[]')
        FROM "Milestone" "m" WHERE "m"."goalId" = "g"."id"
      )
    ) ORDER BY "g"."createdAt", "g"."id"), '[]')
    FROM "Goal" "g" JOIN "LearningPlan" "lp" ON "lp"."id" = "g"."planId"
    WHERE "lp"."personId" = ${personId}::uuid`;
}

function toGoals(rows: GoalRow[]) {
  const toDate = (value: string | null) => (value ? new Date(value) : null);

  return rows.map((goal) => ({
    ...goal,
    completedAt: toDate(goal.completedAt),
    milestones: goal.milestones.map((milestone) => ({ ...milestone, completedAt: toDate(milestone.completedAt) })),
  }));
}

/** Loads a person's goals in the order /plan numbers them. */
export async function loadGoals(prisma: PrismaClient, personId: string) {
  const [row] = await prisma.$queryRaw<{ goals: GoalRow[] }[]>`SELECT (${selectGoalsJson(personId)}) AS "goals"`;

  return toGoals(row?.goals ?? []);
}

export interface PlanSubject {
  id: string;
  schoolId: string;
  givenName: string;
  familyName: string;
  timeZone: string;
  advisoryIds: string[];
  terms: { startDate: string; endDate: string }[];
  goals: ReturnType<typeof toGoals>;
}

/**
 * Loads everything /plan shows about a person except the reflection counts,
 * in one statement, because /plan must respond within Slack's deadline.
 */
export async function loadPlanSubject(prisma: PrismaClient, personId: string): Promise<PlanSubject | null> {
  const [row] = await prisma.$queryRaw<(Omit<PlanSubject, 'goals'> & { goals: GoalRow[] })[]>`
    SELECT "p"."id", "p"."schoolId"::text AS "schoolId", "p"."givenName", "p"."familyName",
      COALESCE("p"."timeZone", "s"."timeZone") AS "timeZone",
      (SELECT COALESCE(json_agg("am"."advisoryId"), '[]') FROM "AdvisoryMember" "am" WHERE "am"."personId" = "p"."id") AS "advisoryIds",
      (SELECT COALESCE(json_agg(json_build_object('startDate', "t"."startDate", 'endDate', "t"."endDate")), '[]')
        FROM "Term" "t" WHERE "t"."schoolId" = "p"."schoolId") AS "terms",
      (${selectGoalsJson(personId)}) AS "goals"
    FROM "Person" "p" JOIN "School" "s" ON "s"."id" = "p"."schoolId"
    WHERE "p"."id" = ${personId}::uuid`;
  if (!row) return null;

  return { ...row, goals: toGoals(row.goals) };
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
  // One statement for both counts, because /plan must respond within Slack's deadline under load.
  const [row] = await prisma.$queryRaw<{ asked: number; answered: number }[]>`
    SELECT count(*) FILTER (WHERE "sentAt" IS NOT NULL)::int AS "asked",
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL)::int AS "answered"
    FROM "ReflectionRequest"
    WHERE "studentId" = ${person.id}::uuid AND "dueAt" >= ${start} AND "dueAt" < ${end}`;
  const asked = row?.asked ?? 0;
  const answered = row?.answered ?? 0;

  return { asked, answered, term };
}
