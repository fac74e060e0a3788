import { randomUUID } from 'node:crypto';
import { t } from '../i18n/index.ts';
import { termSessionTypes } from './read-records.ts';
import { emptyChanges, type Changes, type PlanContext, type TermRow } from './plan.ts';

/**
 * Plans Term rows from the academic sessions of type term or semester, or
 * of type schoolYear when the package has neither. A term belongs to the
 * school of the classes that use it, and to none when classes of several
 * schools share it. Sessions that are inactive or to be deleted remove the
 * stored term, because a Term row has no active flag.
 */
export function planTerms(ctx: PlanContext): Changes<TermRow> {
  const { pkg, existing, log } = ctx;
  const changes = emptyChanges<TermRow>();
  const hasTerms = pkg.sessions.some((session) => termSessionTypes.has(session.type));
  const imported = pkg.sessions.filter((session) => (hasTerms ? termSessionTypes.has(session.type) : session.type === 'schoolyear'));

  const schoolsByTerm = new Map<string, Set<string>>();
  for (const record of pkg.classes) {
    const schoolId = ctx.schoolIds.get(record.schoolSourcedId);
    if (!schoolId) continue;
    for (const termId of record.termSourcedIds) {
      const schools = schoolsByTerm.get(termId) ?? new Set<string>();
      schools.add(schoolId);
      schoolsByTerm.set(termId, schools);
    }
  }

  for (const session of imported) {
    const current = existing.terms.get(session.sourcedId);
    if (session.status !== 'active') {
      if (current) changes.remove.push(current);
      continue;
    }

    const schools = [...(schoolsByTerm.get(session.sourcedId) ?? [])];
    if (schools.length > 1) log.warn({ file: session.file, row: session.line }, t('roster:warnings.term_shared', { id: session.sourcedId }));
    // A delta package that lists no class for a term leaves its school as it was.
    const keepSchool = schools.length === 0 && pkg.fileModes.get('academicsessions') === 'delta';
    let schoolId: string | null = null;
    if (schools.length === 1) schoolId = schools[0] ?? null;
    else if (keepSchool) schoolId = current?.schoolId ?? null;

    const desired: TermRow = {
      id: current?.id ?? randomUUID(),
      sourcedId: session.sourcedId,
      schoolId,
      title: session.title,
      startDate: session.startDate,
      endDate: session.endDate,
    };
    if (!current) changes.create.push(desired);
    else if (
      current.schoolId === desired.schoolId &&
      current.title === desired.title &&
      current.startDate === desired.startDate &&
      current.endDate === desired.endDate
    ) {
      changes.unchanged += 1;
    } else {
      changes.update.push(desired);
    }
  }

  return changes;
}
