import { randomUUID } from 'node:crypto';
import type { Role } from '../db/generated/enums.ts';
import { t } from '../i18n/index.ts';
import { chooseUserSchool } from './plan-schools.ts';
import { emptyChanges, type Changes, type PersonRow, type PlanContext } from './plan.ts';
import { isOneRosterRole, mapOneRosterRole } from './roles.ts';

const roleOrder: Role[] = ['student', 'advisor', 'mentor', 'admin'];

export function sortRoles(roles: Iterable<Role>): Role[] {
  const set = new Set(roles);

  return roleOrder.filter((role) => set.has(role));
}

/** Adds a role to a person, starting from the stored roles for people the package does not list. */
export function addRole(ctx: PlanContext, sourcedId: string, role: Role): void {
  let roles = ctx.personRoles.get(sourcedId);
  if (!roles) {
    roles = new Set(ctx.existing.persons.get(sourcedId)?.roles ?? []);
    ctx.personRoles.set(sourcedId, roles);
  }
  roles.add(role);
}

/**
 * Resolves every user's Homeroom roles and person id, and records the users
 * skipped for their role. A delta package adds to the stored roles and takes
 * away the roles of its `tobedeleted` role rows; a bulk package replaces them.
 */
export function resolveRoles(ctx: PlanContext): void {
  const { pkg, existing, log } = ctx;
  const listed = new Set(pkg.users.map((user) => user.sourcedId));
  const rolesFileMode = pkg.fileModes.get(pkg.version === '1.1' ? 'users' : 'roles');

  const rolesFor = (sourcedId: string, replace: boolean): Set<Role> => {
    const records = ctx.rolesByUser.get(sourcedId) ?? [];
    const granted = new Set(records.filter((record) => record.status === 'active').flatMap((record) => mapOneRosterRole(record.role) ?? []));
    // OneRoster has no mentor role: it comes from mentors.csv or from Homeroom itself, so no package takes it away.
    if (replace) {
      if (granted.size > 0 && existing.persons.get(sourcedId)?.roles.includes('mentor')) granted.add('mentor');
      return granted;
    }

    const roles = new Set([...(existing.persons.get(sourcedId)?.roles ?? []), ...granted]);
    for (const record of records) {
      const role = mapOneRosterRole(record.role);
      if (record.status !== 'active' && role && !granted.has(role)) roles.delete(role);
    }
    return roles;
  };

  for (const user of pkg.users) {
    const records = ctx.rolesByUser.get(user.sourcedId) ?? [];
    const current = existing.persons.get(user.sourcedId);
    const roles = rolesFor(user.sourcedId, rolesFileMode !== 'delta');

    if (roles.size === 0) {
      const primary = records.find((record) => record.primary) ?? records[0];
      // A role outside OneRoster is already a problem that rejects the import.
      // The user keeps a person id, so that enrollments and mentors.csv rows
      // naming the user do not add problems about a skipped or unknown user.
      if (primary && !isOneRosterRole(primary.role)) ctx.personIds.set(user.sourcedId, current?.id ?? randomUUID());
      else if (primary) ctx.skippedRoles.set(user.sourcedId, primary.role);
      else if (!current) log.error({ file: user.file, row: user.line, column: 'role' }, t('roster:errors.user_without_role', { id: user.sourcedId }));
      continue;
    }

    ctx.personRoles.set(user.sourcedId, roles);
    ctx.personIds.set(user.sourcedId, current?.id ?? randomUUID());
  }

  for (const [sourcedId, records] of ctx.rolesByUser) {
    if (listed.has(sourcedId)) continue;
    const current = existing.persons.get(sourcedId);
    if (!current) {
      for (const record of records) log.error({ file: record.file, row: record.line, column: 'userSourcedId' }, t('roster:errors.unknown_user', { id: sourcedId }));
      continue;
    }
    ctx.personRoles.set(sourcedId, rolesFor(sourcedId, false));
  }

  for (const [sourcedId, person] of existing.persons) {
    if (!ctx.personIds.has(sourcedId) && !ctx.skippedRoles.has(sourcedId)) ctx.personIds.set(sourcedId, person.id);
  }
}

/** Chooses the school of each user the package imports; a user of a delta package that names no org keeps the stored school. */
export function resolveUserSchools(ctx: PlanContext): Map<string, string> {
  const userSchools = new Map<string, string>();
  for (const user of ctx.pkg.users) {
    if (ctx.skippedRoles.has(user.sourcedId) || !ctx.personRoles.has(user.sourcedId)) continue;
    const school = chooseUserSchool(ctx, user);
    if (school) userSchools.set(user.sourcedId, school);
    else if (!ctx.existing.persons.has(user.sourcedId)) {
      ctx.log.error({ file: user.file, row: user.line }, t('roster:errors.user_without_school', { id: user.sourcedId }));
    }
  }

  return userSchools;
}

function samePerson(first: PersonRow, second: PersonRow): boolean {
  return (
    first.schoolId === second.schoolId &&
    first.givenName === second.givenName &&
    first.familyName === second.familyName &&
    first.email === second.email &&
    first.username === second.username &&
    first.active === second.active &&
    first.roles.join() === second.roles.join()
  );
}

/**
 * Plans Person rows from the resolved roles and schools. Besides the users
 * listed, it deactivates stored people who are now skipped for their role
 * and, for a bulk users.csv, the people of the package's schools it leaves out.
 */
export function planPersons(ctx: PlanContext, userSchools: Map<string, string>): Changes<PersonRow> {
  const { pkg, existing } = ctx;
  const changes = emptyChanges<PersonRow>();
  const decided = new Set<string>();

  const record = (desired: PersonRow) => {
    decided.add(desired.sourcedId);
    const current = existing.persons.get(desired.sourcedId);
    if (!current) {
      changes.create.push(desired);
      return;
    }
    const stored: PersonRow = { ...current, roles: sortRoles(current.roles) };
    if (samePerson(stored, desired)) changes.unchanged += 1;
    else {
      changes.update.push(desired);
      if (stored.active && !desired.active) changes.deactivated += 1;
    }
  };

  for (const user of pkg.users) {
    const roles = ctx.personRoles.get(user.sourcedId);
    const id = ctx.personIds.get(user.sourcedId);
    if (!roles || !id) continue;

    const current = existing.persons.get(user.sourcedId);
    const schoolSourcedId = userSchools.get(user.sourcedId);
    const schoolId = (schoolSourcedId && ctx.schoolIds.get(schoolSourcedId)) || current?.schoolId;
    if (!schoolId) continue;

    record({
      id,
      sourcedId: user.sourcedId,
      schoolId,
      givenName: user.givenName,
      familyName: user.familyName,
      email: user.email ?? null,
      username: user.username ?? null,
      roles: sortRoles(roles),
      active: user.status === 'active' && user.enabled,
    });
  }

  // People the package changes only through roles, enrollments or mentors.csv.
  for (const [sourcedId, roles] of ctx.personRoles) {
    const current = existing.persons.get(sourcedId);
    if (decided.has(sourcedId) || !current) continue;
    record({ ...current, roles: sortRoles(roles) });
  }

  const bulkSchoolIds = pkg.fileModes.get('users') === 'bulk' ? packageSchoolIds(ctx) : new Set<string>();
  for (const [sourcedId, current] of existing.persons) {
    if (decided.has(sourcedId) || !current.active) continue;
    if (ctx.skippedRoles.has(sourcedId) || bulkSchoolIds.has(current.schoolId)) record({ ...current, roles: sortRoles(current.roles), active: false });
  }

  return changes;
}

/** Ids of the stored schools whose org is in the package: the scope a bulk file replaces. */
export function packageSchoolIds(ctx: PlanContext): Set<string> {
  return new Set(ctx.pkg.orgs.flatMap((org) => ctx.existing.schools.get(org.sourcedId)?.id ?? []));
}
