import type { ExistingState } from './existing.ts';
import type { RoleRecord, RosterPackage } from './package.ts';
import { planAdvisories, planLinks } from './plan-advisories.ts';
import { warnSharedEmails } from './plan-emails.ts';
import { planMentorships } from './plan-mentorships.ts';
import { planPersons, resolveRoles, resolveUserSchools } from './plan-people.ts';
import { planSchools } from './plan-schools.ts';
import { planTerms } from './plan-terms.ts';
import type { ImportPlan, PlanContext } from './plan.ts';
import type { ProblemLog } from './problems.ts';

/**
 * Compares a package with the stored rows and returns every write the import
 * makes, with every problem found recorded in `log`. It writes nothing.
 */
export function planImport(pkg: RosterPackage, existing: ExistingState, log: ProblemLog, defaultTimeZone: string): ImportPlan {
  const rolesByUser = new Map<string, RoleRecord[]>();
  for (const role of pkg.roles) {
    const records = rolesByUser.get(role.userSourcedId) ?? [];
    records.push(role);
    rolesByUser.set(role.userSourcedId, records);
  }

  const ctx: PlanContext = {
    pkg,
    existing,
    log,
    defaultTimeZone,
    rolesByUser,
    orgTypes: new Map(pkg.orgs.map((org) => [org.sourcedId, org.type])),
    schoolIds: new Map(),
    personIds: new Map(),
    personRoles: new Map(),
    skippedRoles: new Map(),
    advisoryIds: new Map(),
  };

  // Order matters: enrollments and mentors.csv add roles, so people are planned last.
  resolveRoles(ctx);
  const userSchools = resolveUserSchools(ctx);
  const schools = planSchools(ctx, userSchools);
  const advisories = planAdvisories(ctx);
  const { advisors, members } = planLinks(ctx);
  const mentorships = planMentorships(ctx);
  const persons = planPersons(ctx, userSchools);
  warnSharedEmails(ctx, persons);
  const terms = planTerms(ctx);

  const skippedUsers: Record<string, number> = {};
  for (const role of ctx.skippedRoles.values()) skippedUsers[role] = (skippedUsers[role] ?? 0) + 1;

  return { schools, persons, terms, advisories, advisors, members, mentorships, skippedUsers };
}
