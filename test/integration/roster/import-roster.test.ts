import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.ts';
import { importRoster, RosterError, type RosterImportReport } from '../../../src/roster/import-roster.ts';
import { bulk11, delta11, fixturePassword, writePackage, sharedOneRosterDir, type PackageFiles } from '../../fixtures/oneroster/packages.ts';
import { createPgliteDatabase, createPostgresDatabase, type TestDatabase } from '../../support/database.ts';

const demoDir = path.resolve(import.meta.dirname, '../../../demo/school');
const hasSharedData = existsSync(sharedOneRosterDir);
const sharedPackage = (name: string) => path.join(sharedOneRosterDir, name);
// Passwords that the shared packages and the fixtures carry in users.csv.
const passwords = [fixturePassword, 'Password1-', 'Batman.Ru1ez'];
const options = { defaultTimeZone: 'America/Chicago' };

function counts(created: number, updated: number, unchanged: number, deactivated: number) {
  return { created, updated, unchanged, deactivated };
}

/** The report's counts of created and updated rows, for checking that a re-import wrote nothing. */
function writes(report: RosterImportReport): number[] {
  const entities = [report.schools, report.terms, report.people, report.advisories, report.advisoryAdvisors, report.advisoryMembers, report.mentorships];

  return entities.flatMap((entity) => [entity.created, entity.updated, entity.deactivated]);
}

describe.each([
  ['postgresql', createPostgresDatabase],
  ['pglite', createPgliteDatabase],
])('importRoster on %s', (_kind, create) => {
  let db: TestDatabase;
  const dirs: string[] = [];

  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => {
    await db.destroy();
  });
  beforeEach(async () => {
    // Deleting schools cascades to everything else except terms without a school.
    await db.prisma.school.deleteMany();
    await db.prisma.term.deleteMany();
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function write(files: PackageFiles): string {
    const dir = writePackage(files);
    dirs.push(dir);
    return dir;
  }

  /** Every imported row, in a stable order, to compare the database before and after. */
  async function snapshot() {
    const prisma = db.prisma;
    return {
      schools: await prisma.school.findMany({ orderBy: { sourcedId: 'asc' } }),
      people: await prisma.person.findMany({ orderBy: { sourcedId: 'asc' } }),
      terms: await prisma.term.findMany({ orderBy: { sourcedId: 'asc' } }),
      advisories: await prisma.advisory.findMany({ orderBy: { sourcedId: 'asc' } }),
      advisors: await prisma.advisoryAdvisor.findMany({ orderBy: [{ advisoryId: 'asc' }, { personId: 'asc' }] }),
      members: await prisma.advisoryMember.findMany({ orderBy: [{ advisoryId: 'asc' }, { personId: 'asc' }] }),
      mentorships: await prisma.mentorship.findMany({ orderBy: { id: 'asc' } }),
    };
  }

  async function rolesBySourcedId(): Promise<Record<string, string[]>> {
    const people = await db.prisma.person.findMany({ orderBy: { sourcedId: 'asc' } });
    return Object.fromEntries(people.map((person) => [person.sourcedId, person.active ? person.roles : ['inactive', ...person.roles]]));
  }

  it.skipIf(!hasSharedData)('imports the 1.1 minimal package', async () => {
    const report = await importRoster(db.prisma, sharedPackage('catalyst-v1p1/minimal'), options);

    expect(report.version).toBe('1.1');
    expect(report.mode).toBe('bulk');
    expect(report.schools).toEqual(counts(1, 0, 0, 0));
    expect(report.terms).toEqual(counts(3, 0, 0, 0));
    expect(report.people).toEqual(counts(5, 0, 0, 0));
    expect(report.advisories).toEqual(counts(1, 0, 0, 0));
    expect(report.advisoryAdvisors).toEqual(counts(1, 0, 0, 0));
    expect(report.advisoryMembers).toEqual(counts(2, 0, 0, 0));
    expect(report.skippedUsers).toEqual({ parent: 1 });
    expect(report.warnings).toEqual([
      'enrollments.csv row 3: user usr-222-987654 is not a student in the user list but is enrolled as a student in class cls-222-123456, so the user was given the student role as well.',
    ]);
    expect(await rolesBySourcedId()).toEqual({
      'usr-222-123456': ['advisor'],
      'usr-222-1234561232': ['student'],
      'usr-222-567891': ['student'],
      'usr-222-66778899': ['student'],
      'usr-222-987654': ['student', 'advisor'],
    });
    const school = await db.prisma.school.findFirstOrThrow();
    expect(school).toMatchObject({ sourcedId: 'org-sch-222-456', name: 'History Department', timeZone: 'America/Chicago' });
    const terms = await db.prisma.term.findMany({ orderBy: { sourcedId: 'asc' } });
    expect(terms.map((term) => [term.sourcedId, term.startDate, term.endDate, term.schoolId === school.id])).toEqual([
      ['as-grp-222-2345', '2022-10-02', '2022-12-24', false],
      ['as-trm-222-1234', '2022-09-01', '2022-12-24', true],
      ['as-trm-222-1235', '2022-09-01', '2022-12-24', true],
    ]);
  });

  it.skipIf(!hasSharedData)('imports the 1.1 full package', async () => {
    const report = await importRoster(db.prisma, sharedPackage('catalyst-v1p1/full'), options);

    // The semester is inactive and the grading period is not a term.
    expect(report.terms).toEqual(counts(2, 0, 0, 0));
    expect(report.people).toEqual(counts(5, 0, 0, 0));
    expect(report.skippedUsers).toEqual({ parent: 1 });
    // The homeroom class has status tobedeleted, so its advisory is stored inactive.
    const advisory = await db.prisma.advisory.findFirstOrThrow();
    expect(advisory).toMatchObject({ sourcedId: 'cls-222-123478', title: 'History - 2', active: false });
    const john = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 'usr-222-123456' } });
    expect(john).toMatchObject({ givenName: 'John', familyName: 'Doe', email: 'john.doe@myschool.com', username: 'john.doe' });
  });

  it.skipIf(!hasSharedData)('imports the messy 1.2 bulk package with warnings', async () => {
    const report = await importRoster(db.prisma, sharedPackage('catalyst-v1p2/bulk-full'), options);

    expect(report.version).toBe('1.2');
    expect(report.people).toEqual(counts(6, 0, 0, 0));
    expect(report.skippedUsers).toEqual({});
    expect(report.warnings).toEqual([
      'manifest.csv row 21: file.scoreScales has no value, so it is treated as absent.',
      'manifest.csv row 22: file.userProfiles has no value, so it is treated as absent.',
      'manifest.csv row 23: file.userResources has no value, so it is treated as absent.',
      'userprofiles.csv: this file contains the roles table instead of user profiles. It was ignored because roles.csv is present.',
      'enrollments.csv row 3: user usr-222-987654 is not a student in the user list but is enrolled as a student in class cls-222-123456, so the user was given the student role as well.',
    ]);
    expect(await rolesBySourcedId()).toEqual({
      'usr-222-123456': ['advisor'],
      'usr-222-1234561': ['admin'],
      'usr-222-1234561232': ['student'],
      'usr-222-567891': ['student'],
      'usr-222-66778899': ['student'],
      'usr-222-987654': ['student', 'advisor'],
    });
    const mary = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 'usr-222-66778899' } });
    expect(mary.givenName).toBe('MJ');
  });

  it.skipIf(!hasSharedData)('applies the 1.2 delta package', async () => {
    const report = await importRoster(db.prisma, sharedPackage('catalyst-v1p2/delta'), options);

    expect(report.mode).toBe('delta');
    expect(report.schools).toEqual(counts(1, 0, 0, 0));
    expect(report.terms).toEqual(counts(1, 0, 0, 0));
    expect(report.people).toEqual(counts(1, 0, 0, 0));
    expect(report.advisories).toEqual(counts(0, 0, 0, 0));
    const bruce = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 'USER_0' }, include: { school: true } });
    expect(bruce).toMatchObject({ givenName: 'Bruce', familyName: 'Wayne', username: 'brucewayne', roles: ['student'] });
    expect(bruce.school.name).toBe('Gotham High School');
  });

  it.skipIf(!hasSharedData)('changes nothing on re-import of real packages', async () => {
    for (const name of ['catalyst-v1p1/minimal', 'catalyst-v1p1/full', 'catalyst-v1p2/bulk-full', 'catalyst-v1p2/delta']) {
      await importRoster(db.prisma, sharedPackage(name), options);
      const before = await snapshot();
      const report = await importRoster(db.prisma, sharedPackage(name), options);

      expect(writes(report), name).toEqual(new Array(21).fill(0));
      expect(await snapshot(), name).toEqual(before);
    }
  });

  it('imports the demo school', async () => {
    const report = await importRoster(db.prisma, demoDir, options);

    expect(report.schools).toEqual(counts(1, 0, 0, 0));
    expect(report.terms).toEqual(counts(2, 0, 0, 0));
    expect(report.people).toEqual(counts(10, 0, 0, 0));
    expect(report.advisories).toEqual(counts(2, 0, 0, 0));
    expect(report.advisoryAdvisors).toEqual(counts(2, 0, 0, 0));
    expect(report.advisoryMembers).toEqual(counts(6, 0, 0, 0));
    expect(report.mentorships).toEqual(counts(2, 0, 0, 0));
    expect(report.warnings).toEqual([]);

    const school = await db.prisma.school.findFirstOrThrow({ include: { terms: { orderBy: { startDate: 'asc' } } } });
    expect(school.name).toBe('Riverside High School');
    expect(school.terms.map((term) => [term.title, term.startDate, term.endDate])).toEqual([
      ['Fall 2026', '2026-08-24', '2027-01-22'],
      ['Spring 2027', '2027-01-25', '2027-06-11'],
    ]);
    const advisories = await db.prisma.advisory.findMany({ orderBy: { title: 'asc' }, include: { advisors: true, members: true } });
    expect(advisories.map((advisory) => [advisory.title, advisory.advisors.length, advisory.members.length])).toEqual([
      ['Advisory 9A', 1, 3],
      ['Advisory 9B', 1, 3],
    ]);
    const mentorships = await db.prisma.mentorship.findMany({ include: { mentor: true, student: true }, orderBy: { student: { givenName: 'asc' } } });
    expect(mentorships.map((pairing) => [pairing.mentor.roles, pairing.student.email, pairing.cadence])).toEqual([
      [['advisor', 'mentor'], 'ada.lopez@riverside.example.edu', 'biweekly'],
      [['advisor', 'mentor'], 'dev.patel@riverside.example.edu', 'biweekly'],
    ]);
  });

  it('changes nothing on re-import', async () => {
    const dir = write(bulk11());
    await importRoster(db.prisma, dir, options);
    await importRoster(db.prisma, demoDir, options);
    const before = await snapshot();

    const again = await importRoster(db.prisma, dir, options);
    const demoAgain = await importRoster(db.prisma, demoDir, options);

    expect(writes(again)).toEqual(new Array(21).fill(0));
    expect(writes(demoAgain)).toEqual(new Array(21).fill(0));
    expect(again.people.unchanged).toBe(6);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps a school time zone set in Homeroom', async () => {
    await importRoster(db.prisma, demoDir, options);
    await db.prisma.school.updateMany({ data: { timeZone: 'Europe/Berlin' } });
    await importRoster(db.prisma, demoDir, { defaultTimeZone: 'Asia/Tokyo' });

    const school = await db.prisma.school.findFirstOrThrow();
    expect(school.timeZone).toBe('Europe/Berlin');
  });

  it('changes nothing when an import fails', async () => {
    await importRoster(db.prisma, write(bulk11()), options);
    const before = await snapshot();

    const broken = delta11();
    broken['enrollments.csv'] += '\r\nenr-x,active,,cls-home,org-dept,usr-ghost,student,,,';
    const error = await importRoster(db.prisma, write(broken), options).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).message).toBe(
      [
        'The roster package was not imported, and nothing was changed, because of 1 problem:',
        'enrollments.csv row 6, column userSourcedId: user usr-ghost is neither in users.csv nor in Homeroom. Add the user to users.csv or remove this row.',
      ].join('\n'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('applies a delta package', async () => {
    await importRoster(db.prisma, write(bulk11()), options);
    const report = await importRoster(db.prisma, write(delta11()), options);

    expect(report.mode).toBe('delta');
    expect(report.people).toEqual(counts(1, 1, 0, 1));
    expect(report.advisories).toEqual(counts(1, 0, 0, 0));
    expect(report.advisoryMembers).toEqual(counts(2, 0, 0, 1));
    const sam = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 'usr-s1' }, include: { advisoryMembership: { include: { advisory: true } } } });
    expect(sam.givenName).toBe('Samuel');
    expect(sam.advisoryMembership.map((membership) => membership.advisory.sourcedId)).toEqual(['cls-home2']);
    const tara = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 'usr-t1' } });
    expect(tara.active).toBe(false);
    const sky = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 'usr-s4' } });
    expect(sky.roles).toEqual(['student']);
    // The delta leaves out the people and classes it does not change.
    expect(await db.prisma.person.count({ where: { active: true } })).toBe(4);
    expect(await db.prisma.advisory.count({ where: { active: true } })).toBe(2);
  });

  it('deactivates people a bulk package leaves out', async () => {
    await importRoster(db.prisma, write(bulk11()), options);
    const files = bulk11();
    files['users.csv'] = files['users.csv']!.split('\r\n').filter((line) => !line.startsWith('usr-a1,')).join('\r\n');
    files['mentors.csv'] = 'mentorSourcedId,studentSourcedId,cadence\r\nusr-t2,usr-s1,biweekly\r\n';
    const report = await importRoster(db.prisma, write(files), options);

    expect(report.people).toEqual(counts(0, 0, 5, 1));
    expect(report.mentorships).toEqual(counts(0, 1, 0, 0));
    const ari = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 'usr-a1' } });
    expect(ari.active).toBe(false);
  });

  it('rejects an unknown role without deactivating', async () => {
    await importRoster(db.prisma, write(bulk11()), options);
    const before = await snapshot();

    const files = bulk11();
    files['users.csv'] = files['users.csv']!.replace('org-dept,student,sam.s', 'org-dept,wizard,sam.s');
    const error = await importRoster(db.prisma, write(files), options).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).problems).toEqual([
      expect.objectContaining({ file: 'users.csv', row: 4, column: 'role', message: expect.stringContaining('invalid role "wizard"') }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects an invalid dateLastModified', async () => {
    const files = bulk11();
    files['users.csv'] = files['users.csv']!.replace('usr-s1,active,2026-05-01,', 'usr-s1,active,2023-99-15,');
    const error = await importRoster(db.prisma, write(files), options).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).problems).toEqual([expect.objectContaining({ file: 'users.csv', row: 4, column: 'dateLastModified' })]);
    expect(await db.prisma.person.count()).toBe(0);
  });

  it('rejects a name over the length limit', async () => {
    const files = bulk11();
    files['users.csv'] = files['users.csv']!.replace(',Sam,Student,', `,${'S'.repeat(20 * 1024 * 1024)},Student,`);
    const error = await importRoster(db.prisma, write(files), options).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).message).toBe(
      [
        'The roster package was not imported, and nothing was changed, because of 1 problem:',
        'users.csv row 4, column givenName: the value is 20971520 characters long, but at most 200 are allowed. Shorten it in the source system and export the file again.',
      ].join('\n'),
    );
    expect(await db.prisma.person.count()).toBe(0);
  });

  it('warns about an e-mail address of a stored person', async () => {
    await importRoster(db.prisma, write(bulk11()), options);
    const files = delta11();
    files['users.csv'] = files['users.csv']!.replace('sky@lakeside.example.edu', 'Tom@Lakeside.example.edu');
    const report = await importRoster(db.prisma, write(files), options);

    expect(report.warnings).toEqual([
      'users.csv row 3, column email: Tom@Lakeside.example.edu is also the e-mail address of usr-t2, an active person in Homeroom. Chat accounts cannot be linked by e-mail to either person until each has their own address.',
    ]);
    const sky = await db.prisma.person.findUniqueOrThrow({ where: { sourcedId: 'usr-s4' } });
    expect(sky.email).toBe('Tom@Lakeside.example.edu');
  });

  it('stores and logs no password', async () => {
    const output: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('debug', stream);
    const packages = [write(bulk11()), write(delta11()), demoDir];
    if (hasSharedData) packages.push(...['catalyst-v1p1/minimal', 'catalyst-v1p1/full', 'catalyst-v1p2/bulk-full', 'catalyst-v1p2/delta'].map(sharedPackage));
    for (const dir of packages) await importRoster(db.prisma, dir, { ...options, logger });
    const broken = bulk11();
    broken['users.csv'] += `\r\nusr-x,active,,TRUE,org-dept,student,x,,,,,,,,,,,${fixturePassword}`;
    await expect(importRoster(db.prisma, write(broken), { ...options, logger })).rejects.toThrow(RosterError);

    const columns = await db.prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY', 'USER-DEFINED')`;
    expect(columns.length).toBeGreaterThan(10);
    for (const { table_name: table, column_name: column } of columns) {
      for (const password of passwords) {
        const rows = await db.prisma.$queryRawUnsafe<{ count: bigint }[]>(
          `SELECT count(*) AS count FROM "${table}" WHERE "${column}"::text LIKE $1`,
          `%${password}%`,
        );
        expect(Number(rows[0]?.count), `${table}.${column}`).toBe(0);
      }
    }

    const log = output.join('');
    expect(log).toContain('roster imported');
    expect(log).toContain('roster import rejected');
    for (const password of passwords) expect(log).not.toContain(password);
  });
});
