import { randomUUID } from 'node:crypto';
import { t } from '../i18n/index.ts';
import { linkKey } from './existing.ts';
import { addRole } from './plan-people.ts';
import { emptyChanges, type Changes, type MentorshipRow, type PlanContext } from './plan.ts';

/**
 * Plans Mentorship rows from mentors.csv and gives each mentor the mentor
 * role. A pairing that had ended starts again. Pairings the file leaves out
 * are kept, because mentorships can also be made in Homeroom itself.
 */
export function planMentorships(ctx: PlanContext): Changes<MentorshipRow> {
  const { pkg, existing, log } = ctx;
  const changes = emptyChanges<MentorshipRow>();

  const resolve = (sourcedId: string, location: { file: string; row: number; column: string }): string | undefined => {
    if (sourcedId === '') return undefined;
    const skippedRole = ctx.skippedRoles.get(sourcedId);
    if (skippedRole !== undefined) {
      log.error(location, t('roster:errors.mentor_pairing_skipped_user', { id: sourcedId, role: skippedRole }));
      return undefined;
    }
    const personId = ctx.personIds.get(sourcedId);
    if (!personId) log.error(location, t('roster:errors.unknown_person', { id: sourcedId }));

    return personId;
  };

  for (const pairing of pkg.mentors) {
    const mentorId = resolve(pairing.mentorSourcedId, { file: pairing.file, row: pairing.line, column: 'mentorSourcedId' });
    const studentId = resolve(pairing.studentSourcedId, { file: pairing.file, row: pairing.line, column: 'studentSourcedId' });
    if (!mentorId || !studentId || mentorId === studentId) continue;

    const studentRoles = ctx.personRoles.get(pairing.studentSourcedId) ?? new Set(existing.persons.get(pairing.studentSourcedId)?.roles ?? []);
    if (!studentRoles.has('student')) {
      log.error({ file: pairing.file, row: pairing.line, column: 'studentSourcedId' }, t('roster:errors.mentee_not_student', { id: pairing.studentSourcedId }));
      continue;
    }
    addRole(ctx, pairing.mentorSourcedId, 'mentor');

    const current = existing.mentorships.get(linkKey(mentorId, studentId));
    if (!current) changes.create.push({ id: randomUUID(), mentorId, studentId, cadence: pairing.cadence });
    else if (current.cadence === pairing.cadence && current.endedAt === null) changes.unchanged += 1;
    else changes.update.push({ id: current.id, mentorId, studentId, cadence: pairing.cadence });
  }

  return changes;
}
