import type { OutgoingMessage } from '../bot/message.ts';
import { plainMessage } from '../bot/message.ts';
import type { PrismaClient } from '../db/client.ts';
import { canViewPlan } from '../domain/plan-access.ts';
import { localDate } from '../domain/terms.ts';
import { summarizePlan } from '../domain/plan-progress.ts';
import { t } from '../i18n/index.ts';
import type { Actor } from '../people/accounts.ts';
import { countTermReflections, loadPlanSubject } from './plan-data.ts';
import { renderPlan } from './render-plan.ts';
import { resolvePerson, type PersonQuery } from './resolve-person.ts';

async function loadViewerRelations(prisma: PrismaClient, personId: string, now: Date) {
  const [led, mentees] = await Promise.all([
    prisma.advisoryAdvisor.findMany({ where: { personId, advisory: { active: true } }, select: { advisoryId: true } }),
    prisma.mentorship.findMany({
      where: { mentorId: personId, OR: [{ endedAt: null }, { endedAt: { gt: now } }] },
      select: { studentId: true },
    }),
  ]);

  return { advisoryIdsLed: led.map((row) => row.advisoryId), activeMenteeIds: mentees.map((row) => row.studentId) };
}

/**
 * Builds the /plan reply for `viewer`: their own plan, or, when `target`
 * names someone else, that person's plan if the access rules allow it.
 */
export async function showPlan(
  prisma: PrismaClient,
  viewer: Actor,
  target: PersonQuery | null,
  now: Date,
): Promise<OutgoingMessage> {
  let subjectId = viewer.personId;
  if (target) {
    const resolved = await resolvePerson(prisma, viewer.schoolId, target);
    if (!resolved.ok) {
      // A student may see no one else's plan, so telling them whether a name
      // or address exists would only let them probe the roster.
      const isStaff = viewer.roles.some((role) => role !== 'student');
      const key = isStaff ? `plans:plan.target_${resolved.error}` : 'plans:plan.not_allowed';

      return plainMessage(t(key), { ephemeral: true });
    }
    subjectId = resolved.personId;
  }

  const subject = await loadPlanSubject(prisma, subjectId);
  if (!subject) return plainMessage(t('plans:plan.target_not_found'), { ephemeral: true });

  if (subject.id !== viewer.personId) {
    const relations = await loadViewerRelations(prisma, viewer.personId, now);
    const access = canViewPlan(
      { personId: viewer.personId, schoolId: viewer.schoolId, roles: viewer.roles, ...relations },
      { personId: subject.id, schoolId: subject.schoolId, advisoryIds: subject.advisoryIds },
    );
    if (!access.allowed) return plainMessage(t('plans:plan.not_allowed'), { ephemeral: true });
  }

  const reflections = await countTermReflections(prisma, { id: subject.id, timeZone: subject.timeZone }, subject.terms, now);
  const summary = summarizePlan(subject.goals, localDate(now, subject.timeZone), reflections);

  return renderPlan(summary, {
    name: `${subject.givenName} ${subject.familyName}`.trim(),
    isSelf: subject.id === viewer.personId,
    term: reflections.term,
  });
}
