import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../../src/roster/import-roster.ts';
import { crlf, manifest, writePackage, type PackageFiles } from '../../fixtures/oneroster/packages.ts';
import { createPgliteDatabase, createPostgresDatabase, type TestDatabase } from '../../support/database.ts';

const studentCount = 10_000;
const advisoryCount = 100;

/** Returns a bulk package of one school with 10,000 students in 100 advisories. `suffix` changes every family name. */
function largePackage(suffix: string): PackageFiles {
  const users = ['sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,email,password'];
  const classes = ['sourcedId,status,dateLastModified,title,courseSourcedId,classType,schoolSourcedId,termSourcedIds'];
  const enrollments = ['sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role'];
  const mentors = ['mentorSourcedId,studentSourcedId,cadence'];

  for (let advisory = 0; advisory < advisoryCount; advisory += 1) {
    users.push(`t-${advisory},,,true,org-big,teacher,teacher${advisory},Teacher,Number${advisory},t${advisory}@big.example.edu,`);
    classes.push(`c-${advisory},,,Advisory ${advisory},,homeroom,org-big,term-1`);
    enrollments.push(`e-t-${advisory},,,c-${advisory},org-big,t-${advisory},teacher`);
    mentors.push(`t-${advisory},s-${advisory},monthly`);
  }
  for (let student = 0; student < studentCount; student += 1) {
    users.push(`s-${student},,,true,org-big,student,student${student},Student,Family${student}${suffix},s${student}@big.example.edu,pw-${student}`);
    enrollments.push(`e-s-${student},,,c-${student % advisoryCount},org-big,s-${student},student`);
  }

  return {
    'manifest.csv': manifest('1.1', { academicSessions: 'bulk', classes: 'bulk', enrollments: 'bulk', orgs: 'bulk', users: 'bulk' }),
    'orgs.csv': crlf(['sourcedId,status,dateLastModified,name,type', 'org-big,,,Big City High School,school']),
    'academicSessions.csv': crlf(['sourcedId,status,dateLastModified,title,type,startDate,endDate', 'term-1,,,Year,term,2026-08-24,2027-06-11']),
    'users.csv': crlf(users),
    'classes.csv': crlf(classes),
    'enrollments.csv': crlf(enrollments),
    'mentors.csv': crlf(mentors),
  };
}

describe.each([
  ['postgresql', createPostgresDatabase],
  ['pglite', createPgliteDatabase],
])('large roster on %s', (_kind, create) => {
  let db: TestDatabase;
  const dirs: string[] = [];

  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => {
    await db.destroy();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('imports 10,000 students', { timeout: 120_000 }, async () => {
    const dir = writePackage(largePackage(''));
    dirs.push(dir);
    const report = await importRoster(db.prisma, dir, { defaultTimeZone: 'UTC' });

    expect(report.people.created).toBe(studentCount + advisoryCount);
    expect(report.advisories.created).toBe(advisoryCount);
    expect(report.advisoryMembers.created).toBe(studentCount);
    expect(report.advisoryAdvisors.created).toBe(advisoryCount);
    expect(report.mentorships.created).toBe(advisoryCount);
    // A raw query, because `roles: { has: ... }` fails on pglite-prisma-adapter 0.7.2 with "malformed array literal".
    const students = await db.prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM "Person" WHERE 'student' = ANY("roles")`;
    expect(Number(students[0]?.count)).toBe(studentCount);
    expect(await db.prisma.advisoryMember.count()).toBe(studentCount);
  });

  it('re-imports 10,000 students unchanged', { timeout: 120_000 }, async () => {
    const dir = writePackage(largePackage(''));
    dirs.push(dir);
    const report = await importRoster(db.prisma, dir, { defaultTimeZone: 'UTC' });

    expect(report.people).toEqual({ created: 0, updated: 0, unchanged: studentCount + advisoryCount, deactivated: 0 });
    expect(report.advisoryMembers.unchanged).toBe(studentCount);
  });

  it('updates 10,000 students in batches', { timeout: 120_000 }, async () => {
    const dir = writePackage(largePackage('-renamed'));
    dirs.push(dir);
    const report = await importRoster(db.prisma, dir, { defaultTimeZone: 'UTC' });

    expect(report.people.updated).toBe(studentCount);
    expect(await db.prisma.person.count({ where: { familyName: { endsWith: '-renamed' } } })).toBe(studentCount);
    const student = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 's-42' } });
    expect(student).toMatchObject({ givenName: 'Student', familyName: 'Family42-renamed', roles: ['student'], active: true });
  });
});
