import type { PrismaClient } from '../../src/db/client.ts';
import type { Role } from '../../src/db/generated/enums.ts';
import { displayName } from '../../src/people/accounts.ts';

export interface DirectoryPerson {
  /** Position in the `people` list, from 1, which `as NUMBER` refers to. */
  number: number;
  id: string;
  name: string;
  givenName: string;
  email: string | null;
  roles: Role[];
  /** Titles of the advisories the person is a member of. */
  memberOf: string[];
  /** Titles of the advisories the person leads. */
  advises: string[];
  /** Names of the students in the person's mentorships that have not ended. */
  mentees: string[];
}

export type PersonMatch =
  | { ok: true; person: DirectoryPerson }
  | { ok: false; error: 'not_found' }
  | { ok: false; error: 'ambiguous'; matches: DirectoryPerson[] };

// Staff first, so that a reader of the list sees who advises whom before the students.
const roleOrder: Role[] = ['admin', 'advisor', 'mentor', 'student'];

function rank(roles: Role[]): number {
  const ranks = roles.map((role) => roleOrder.indexOf(role)).filter((index) => index >= 0);

  return ranks.length > 0 ? Math.min(...ranks) : roleOrder.length;
}

/** Loads the active roster people, numbered in the order `people` lists them. */
export async function loadDirectory(prisma: PrismaClient, now: Date): Promise<DirectoryPerson[]> {
  const people = await prisma.person.findMany({
    where: { active: true },
    select: {
      id: true,
      givenName: true,
      familyName: true,
      email: true,
      roles: true,
      school: { select: { name: true } },
      advisoryMembership: { where: { advisory: { active: true } }, select: { advisory: { select: { title: true } } } },
      advising: { where: { advisory: { active: true } }, select: { advisory: { select: { title: true } } } },
      mentoring: {
        where: { OR: [{ endedAt: null }, { endedAt: { gt: now } }] },
        select: { student: { select: { givenName: true, familyName: true } } },
      },
    },
  });

  people.sort(
    (a, b) =>
      a.school.name.localeCompare(b.school.name) ||
      rank(a.roles) - rank(b.roles) ||
      a.familyName.localeCompare(b.familyName) ||
      a.givenName.localeCompare(b.givenName),
  );

  return people.map((person, index) => ({
    number: index + 1,
    id: person.id,
    name: displayName(person),
    givenName: person.givenName,
    email: person.email,
    roles: person.roles,
    memberOf: person.advisoryMembership.map((row) => row.advisory.title),
    advises: person.advising.map((row) => row.advisory.title),
    mentees: person.mentoring.map((row) => displayName(row.student)),
  }));
}

function matchResult(matches: DirectoryPerson[]): PersonMatch {
  if (matches.length === 1) return { ok: true, person: matches[0]! };
  if (matches.length > 1) return { ok: false, error: 'ambiguous', matches };

  return { ok: false, error: 'not_found' };
}

/**
 * Finds the person that `as` names: a number from the list, an e-mail
 * address, a full name, or a given name that only one person has.
 * Names and addresses are compared without case.
 */
export function findInDirectory(people: DirectoryPerson[], query: string): PersonMatch {
  const text = query.trim().replace(/\s+/g, ' ');
  if (/^\d+$/.test(text)) return matchResult(people.filter((person) => person.number === Number(text)));

  const lower = text.toLowerCase();
  if (text.includes('@')) return matchResult(people.filter((person) => person.email?.toLowerCase() === lower));

  const byFullName = people.filter((person) => person.name.toLowerCase() === lower);
  if (byFullName.length > 0) return matchResult(byFullName);

  return matchResult(people.filter((person) => person.givenName.toLowerCase() === lower));
}
