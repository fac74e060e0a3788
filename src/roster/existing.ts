import type { Role } from '../db/generated/enums.ts';
import type { Prisma } from '../db/generated/client.ts';
import type { RosterPackage } from './package.ts';

export interface ExistingSchool {
  id: string;
  sourcedId: string;
  name: string;
}

export interface ExistingPerson {
  id: string;
  sourcedId: string;
  schoolId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  username: string | null;
  roles: Role[];
  active: boolean;
}

export interface ExistingTerm {
  id: string;
  sourcedId: string;
  schoolId: string | null;
  title: string;
  startDate: string;
  endDate: string;
}

export interface ExistingAdvisory {
  id: string;
  sourcedId: string;
  schoolId: string;
  title: string;
  active: boolean;
}

export interface ExistingMentorship {
  id: string;
  mentorId: string;
  studentId: string;
  cadence: string;
  endedAt: Date | null;
}

/** The rows a package may change, loaded by sourcedId in a few batched queries. */
export interface ExistingState {
  schools: Map<string, ExistingSchool>;
  persons: Map<string, ExistingPerson>;
  terms: Map<string, ExistingTerm>;
  advisories: Map<string, ExistingAdvisory>;
  /** Advisor and member links of the loaded advisories, as `advisoryId personId` keys. */
  advisorLinks: Set<string>;
  memberLinks: Set<string>;
  /** Mentorships of the loaded people, by `mentorId studentId`. */
  mentorships: Map<string, ExistingMentorship>;
  /** Active people of any school whose e-mail address, compared without case, is one that users.csv gives. */
  emailHolders: ExistingPerson[];
}

export function linkKey(firstId: string, secondId: string): string {
  return `${firstId} ${secondId}`;
}

// PostgreSQL allows 65,535 bind parameters per statement; chunks stay far below.
const chunkSize = 5_000;

export function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));

  return result;
}

async function findBySourcedId<T>(ids: Set<string>, find: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (const chunk of chunks([...ids])) found.push(...(await find(chunk)));

  return found;
}

/**
 * Loads the rows that `pkg` names or that a bulk file replaces: people and
 * advisories of the package's schools, even those the package leaves out.
 */
export async function loadExistingState(tx: Prisma.TransactionClient, pkg: RosterPackage): Promise<ExistingState> {
  const schoolIds = new Set([
    ...pkg.orgs.map((org) => org.sourcedId),
    ...pkg.users.flatMap((user) => user.orgSourcedIds),
    ...pkg.roles.flatMap((role) => (role.orgSourcedId ? [role.orgSourcedId] : [])),
    ...pkg.classes.map((record) => record.schoolSourcedId),
    ...pkg.enrollments.map((record) => record.schoolSourcedId),
  ]);
  const schoolRows = await findBySourcedId(schoolIds, (chunk) =>
    tx.school.findMany({ where: { sourcedId: { in: chunk } }, select: { id: true, sourcedId: true, name: true } }),
  );
  const schools = new Map(schoolRows.map((school) => [school.sourcedId, school]));
  const scopeSchoolIds = schoolRows.map((school) => school.id);

  const personIds = new Set([
    ...pkg.users.map((user) => user.sourcedId),
    ...pkg.roles.map((role) => role.userSourcedId),
    ...pkg.enrollments.map((record) => record.userSourcedId),
    ...pkg.mentors.flatMap((record) => [record.mentorSourcedId, record.studentSourcedId]),
  ]);
  const personSelect = { id: true, sourcedId: true, schoolId: true, givenName: true, familyName: true, email: true, username: true, roles: true, active: true };
  const personRows = await findBySourcedId(personIds, (chunk) => tx.person.findMany({ where: { sourcedId: { in: chunk } }, select: personSelect }));
  // Rows found twice collapse in the maps below.
  if (pkg.fileModes.get('users') === 'bulk') {
    personRows.push(...(await tx.person.findMany({ where: { schoolId: { in: scopeSchoolIds } }, select: personSelect })));
  }
  const persons = new Map(personRows.map((person) => [person.sourcedId, person]));

  const termRows = await findBySourcedId(new Set(pkg.sessions.map((session) => session.sourcedId)), (chunk) =>
    tx.term.findMany({ where: { sourcedId: { in: chunk } } }),
  );

  const advisoryIds = new Set([...pkg.classes.map((record) => record.sourcedId), ...pkg.enrollments.map((record) => record.classSourcedId)]);
  const advisorySelect = { id: true, sourcedId: true, schoolId: true, title: true, active: true };
  const advisoryRows = await findBySourcedId(advisoryIds, (chunk) => tx.advisory.findMany({ where: { sourcedId: { in: chunk } }, select: advisorySelect }));
  if (pkg.fileModes.get('classes') === 'bulk') {
    advisoryRows.push(...(await tx.advisory.findMany({ where: { schoolId: { in: scopeSchoolIds } }, select: advisorySelect })));
  }

  const loadedAdvisoryIds = [...new Set(advisoryRows.map((advisory) => advisory.id))];
  const advisorLinks = new Set<string>();
  const memberLinks = new Set<string>();
  for (const chunk of chunks(loadedAdvisoryIds)) {
    for (const link of await tx.advisoryAdvisor.findMany({ where: { advisoryId: { in: chunk } } })) advisorLinks.add(linkKey(link.advisoryId, link.personId));
    for (const link of await tx.advisoryMember.findMany({ where: { advisoryId: { in: chunk } } })) memberLinks.add(linkKey(link.advisoryId, link.personId));
  }

  const mentorships = new Map<string, ExistingMentorship>();
  const mentorPersonIds = pkg.mentors.flatMap((record) => [persons.get(record.mentorSourcedId)?.id ?? [], persons.get(record.studentSourcedId)?.id ?? []]).flat();
  for (const chunk of chunks([...new Set(mentorPersonIds)])) {
    const rows = await tx.mentorship.findMany({ where: { mentorId: { in: chunk } }, select: { id: true, mentorId: true, studentId: true, cadence: true, endedAt: true } });
    for (const row of rows) mentorships.set(linkKey(row.mentorId, row.studentId), row);
  }

  const emails = new Set(pkg.users.flatMap((user) => (user.email ? [user.email.toLowerCase()] : [])));
  const emailHolders = await findBySourcedId(emails, (chunk) =>
    tx.person.findMany({ where: { active: true, email: { in: chunk, mode: 'insensitive' } }, select: personSelect }),
  );

  return {
    schools,
    persons,
    terms: new Map(termRows.map((term) => [term.sourcedId, term])),
    advisories: new Map(advisoryRows.map((advisory) => [advisory.sourcedId, advisory])),
    advisorLinks,
    memberLinks,
    mentorships,
    emailHolders,
  };
}
