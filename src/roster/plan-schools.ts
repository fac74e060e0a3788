import { randomUUID } from 'node:crypto';
import { t } from '../i18n/index.ts';
import { mapOneRosterRole } from './roles.ts';
import type { UserRecord } from './package.ts';
import { emptyChanges, type Changes, type PlanContext, type SchoolRow } from './plan.ts';

/**
 * Picks the org a user belongs to as a school: an org of type school first,
 * then any org that is not a district (a department, for example), then a
 * district. Orgs that are neither in the package nor schools in the database
 * are passed over. Returns undefined when none is left.
 */
export function chooseUserSchool(ctx: PlanContext, user: UserRecord): string | undefined {
  const orgTypes = ctx.orgTypes;
  const roleOrgs = (ctx.rolesByUser.get(user.sourcedId) ?? [])
    .filter((role) => role.status === 'active' && role.orgSourcedId && mapOneRosterRole(role.role))
    .sort((first, second) => Number(second.primary) - Number(first.primary))
    .map((role) => role.orgSourcedId as string);

  const candidates = [...new Set([...user.orgSourcedIds, ...roleOrgs])].filter((id) => orgTypes.has(id) || ctx.existing.schools.has(id));
  const typeOf = (id: string) => orgTypes.get(id) ?? 'school';

  return candidates.find((id) => typeOf(id) === 'school') ?? candidates.find((id) => typeOf(id) !== 'district') ?? candidates[0];
}

/**
 * Plans School rows for the orgs that users, classes and enrollments use as
 * their school. A new school gets `defaultTimeZone`; re-imports never change
 * a school's time zone, which admins set in Homeroom.
 */
export function planSchools(ctx: PlanContext, userSchools: Map<string, string>): Changes<SchoolRow> {
  const { pkg, existing, log } = ctx;
  const changes = emptyChanges<SchoolRow>();
  const orgs = new Map(pkg.orgs.map((org) => [org.sourcedId, org]));
  const used = new Set(userSchools.values());

  const useAsSchool = (sourcedId: string, location: { file: string; row: number; column: string }) => {
    if (sourcedId === '') return;
    if (orgs.has(sourcedId) || existing.schools.has(sourcedId)) used.add(sourcedId);
    else log.error(location, t('roster:errors.unknown_org', { id: sourcedId }));
  };
  for (const record of pkg.classes) useAsSchool(record.schoolSourcedId, { file: record.file, row: record.line, column: 'schoolSourcedId' });
  for (const record of pkg.enrollments) useAsSchool(record.schoolSourcedId, { file: record.file, row: record.line, column: 'schoolSourcedId' });

  for (const sourcedId of used) {
    const current = existing.schools.get(sourcedId);
    const org = orgs.get(sourcedId);
    if (!org) {
      if (current) ctx.schoolIds.set(sourcedId, current.id);
      continue;
    }

    if (!current) {
      const row = { id: randomUUID(), sourcedId, name: org.name, timeZone: ctx.defaultTimeZone };
      changes.create.push(row);
      ctx.schoolIds.set(sourcedId, row.id);
    } else {
      ctx.schoolIds.set(sourcedId, current.id);
      if (current.name === org.name) changes.unchanged += 1;
      else changes.update.push({ id: current.id, sourcedId, name: org.name, timeZone: '' });
    }
  }

  return changes;
}
