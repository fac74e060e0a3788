import { randomUUID } from 'node:crypto';
import { t } from '../i18n/index.ts';
import { linkKey } from './existing.ts';
import { addRole, packageSchoolIds } from './plan-people.ts';
import { emptyChanges, type AdvisoryRow, type Changes, type LinkRow, type PlanContext } from './plan.ts';

/** Returns whether a class is an advisory: OneRoster's `homeroom` class type, in any case. */
export function isHomeroom(classType: string): boolean {
  return classType.toLowerCase() === 'homeroom';
}

/**
 * Plans Advisory rows for the homeroom classes. For a bulk classes.csv, the
 * stored advisories of the package's schools that it no longer lists are
 * deactivated.
 */
export function planAdvisories(ctx: PlanContext): Changes<AdvisoryRow> {
  const { pkg, existing } = ctx;
  const changes = emptyChanges<AdvisoryRow>();
  const listed = new Set<string>();

  for (const record of pkg.classes) {
    if (!isHomeroom(record.classType)) continue;
    const schoolId = ctx.schoolIds.get(record.schoolSourcedId);
    if (!schoolId) continue;

    listed.add(record.sourcedId);
    const current = existing.advisories.get(record.sourcedId);
    const desired = { id: current?.id ?? randomUUID(), sourcedId: record.sourcedId, schoolId, title: record.title, active: record.status === 'active' };
    ctx.advisoryIds.set(record.sourcedId, desired.id);

    if (!current) changes.create.push(desired);
    else if (current.schoolId === desired.schoolId && current.title === desired.title && current.active === desired.active) changes.unchanged += 1;
    else {
      changes.update.push(desired);
      if (current.active && !desired.active) changes.deactivated += 1;
    }
  }

  const bulkSchoolIds = pkg.fileModes.get('classes') === 'bulk' ? packageSchoolIds(ctx) : new Set<string>();
  const classIds = new Set(pkg.classes.map((record) => record.sourcedId));
  for (const [sourcedId, current] of existing.advisories) {
    if (listed.has(sourcedId)) continue;
    // Classes the package lists as another type are advisories no more.
    const retyped = classIds.has(sourcedId);
    if (current.active && (retyped || bulkSchoolIds.has(current.schoolId))) {
      changes.update.push({ ...current, active: false });
      changes.deactivated += 1;
    } else if (!retyped) {
      ctx.advisoryIds.set(sourcedId, current.id);
    }
  }

  return changes;
}

/**
 * Plans advisor and member links from enrollments in homeroom classes, and
 * gives a person enrolled in any class under a role users.csv does not give
 * them that role as well, with a warning. For a bulk enrollments.csv, the
 * links of listed advisories that it leaves out are removed.
 */
export function planLinks(ctx: PlanContext): { advisors: Changes<LinkRow>; members: Changes<LinkRow> } {
  const { pkg, existing, log } = ctx;
  const classes = new Map(pkg.classes.map((record) => [record.sourcedId, record]));
  const wanted = { advisors: new Map<string, LinkRow>(), members: new Map<string, LinkRow>() };
  const dropped = { advisors: new Set<string>(), members: new Set<string>() };

  for (const enrollment of pkg.enrollments) {
    const { userSourcedId, classSourcedId } = enrollment;
    if (userSourcedId === '' || classSourcedId === '') continue;

    const skippedRole = ctx.skippedRoles.get(userSourcedId);
    if (skippedRole !== undefined) {
      log.warn({ file: enrollment.file, row: enrollment.line }, t('roster:warnings.skipped_user_enrolled', { user: userSourcedId, role: skippedRole }));
      continue;
    }
    const personId = ctx.personIds.get(userSourcedId);
    if (!personId) {
      log.error({ file: enrollment.file, row: enrollment.line, column: 'userSourcedId' }, t('roster:errors.unknown_user', { id: userSourcedId }));
      continue;
    }

    const listedClass = classes.get(classSourcedId);
    const advisoryId = ctx.advisoryIds.get(classSourcedId);
    if (!listedClass && !existing.advisories.has(classSourcedId)) {
      // A delta package may enrol people in scheduled classes of earlier
      // packages, which Homeroom does not store, so only bulk packages can tell.
      if (pkg.fileModes.get('classes') !== 'delta' && pkg.mode !== 'delta') {
        log.error({ file: enrollment.file, row: enrollment.line, column: 'classSourcedId' }, t('roster:errors.unknown_class', { id: classSourcedId }));
      }
      continue;
    }

    const active = enrollment.status === 'active';
    if (active) grantEnrollmentRole(ctx, enrollment.role, userSourcedId, classSourcedId, { file: enrollment.file, row: enrollment.line });
    if (!advisoryId) continue;

    let kind: 'advisors' | 'members';
    if (enrollment.role === 'teacher') kind = 'advisors';
    else if (enrollment.role === 'student') kind = 'members';
    else continue;
    const key = linkKey(advisoryId, personId);
    if (active) wanted[kind].set(key, { advisoryId, personId });
    else dropped[kind].add(key);
  }

  const replacedAdvisoryIds = new Set<string>();
  if (pkg.fileModes.get('enrollments') === 'bulk') {
    for (const record of pkg.classes) {
      const advisoryId = ctx.advisoryIds.get(record.sourcedId);
      if (advisoryId) replacedAdvisoryIds.add(advisoryId);
    }
  }

  return {
    advisors: diffLinks(existing.advisorLinks, wanted.advisors, dropped.advisors, replacedAdvisoryIds),
    members: diffLinks(existing.memberLinks, wanted.members, dropped.members, replacedAdvisoryIds),
  };
}

function grantEnrollmentRole(ctx: PlanContext, enrollmentRole: string, userSourcedId: string, classSourcedId: string, location: { file: string; row: number }): void {
  const roles = ctx.personRoles.get(userSourcedId) ?? new Set(ctx.existing.persons.get(userSourcedId)?.roles ?? []);
  if (enrollmentRole === 'student' && !roles.has('student')) {
    ctx.log.warn(location, t('roster:warnings.enrolled_as_student', { user: userSourcedId, class: classSourcedId }));
    addRole(ctx, userSourcedId, 'student');
  } else if (enrollmentRole === 'teacher' && !roles.has('advisor')) {
    ctx.log.warn(location, t('roster:warnings.enrolled_as_teacher', { user: userSourcedId, class: classSourcedId }));
    addRole(ctx, userSourcedId, 'advisor');
  }
}

function diffLinks(stored: Set<string>, wanted: Map<string, LinkRow>, dropped: Set<string>, replacedAdvisoryIds: Set<string>): Changes<LinkRow> {
  const changes = emptyChanges<LinkRow>();
  for (const [key, link] of wanted) {
    if (stored.has(key)) changes.unchanged += 1;
    else changes.create.push(link);
  }

  for (const key of stored) {
    if (wanted.has(key)) continue;
    const [advisoryId = '', personId = ''] = key.split(' ');
    if (dropped.has(key) || replacedAdvisoryIds.has(advisoryId)) changes.remove.push({ advisoryId, personId });
  }

  return changes;
}
