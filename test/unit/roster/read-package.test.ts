import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExistingState } from '../../../src/roster/existing.ts';
import { planImport } from '../../../src/roster/plan-import.ts';
import { formatProblem, ProblemLog, RosterError } from '../../../src/roster/problems.ts';
import { readRosterPackage } from '../../../src/roster/read-package.ts';
import { bulk11, bulk12, crlf, fixturePassword, manifest, writePackage, type PackageFiles } from '../../fixtures/oneroster/packages.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function emptyState(): ExistingState {
  return { schools: new Map(), persons: new Map(), terms: new Map(), advisories: new Map(), advisorLinks: new Set(), memberLinks: new Set(), mentorships: new Map(), emailHolders: [] };
}

/** Reads and plans a package against an empty database, returning the formatted problems and the plan. */
async function check(files: PackageFiles) {
  const dir = writePackage(files);
  dirs.push(dir);
  const log = new ProblemLog();
  const pkg = await readRosterPackage(dir, log);
  const plan = pkg ? planImport(pkg, emptyState(), log, 'UTC') : undefined;

  return { pkg, plan, log, problems: log.problems.map(formatProblem), warnings: log.warnings.map(formatProblem) };
}

function withFile(name: string, content: string | undefined): PackageFiles {
  const files = bulk11();
  if (content === undefined) delete files[name];
  else files[name] = content;

  return files;
}

describe('readRosterPackage and planImport', () => {
  it('accepts the 1.1 fixture with warnings', async () => {
    const { problems, warnings, plan } = await check(bulk11());

    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'enrollments.csv row 5: user usr-t2 is not a student in the user list but is enrolled as a student in class cls-home, so the user was given the student role as well.',
    ]);
    expect(plan?.skippedUsers).toEqual({ parent: 1 });
  });

  it('maps users to roles and schools', async () => {
    const { plan } = await check(bulk11());
    const people = new Map(plan?.persons.create.map((person) => [person.sourcedId, person]));

    expect(people.get('usr-t1')?.roles).toEqual(['advisor']);
    expect(people.get('usr-t2')?.roles).toEqual(['student', 'advisor', 'mentor']);
    expect(people.get('usr-a1')?.roles).toEqual(['mentor', 'admin']);
    expect(people.get('usr-s2')?.active).toBe(false);
    expect(people.get('usr-s3')?.active).toBe(false);
    expect(people.has('usr-p1')).toBe(false);
    expect(JSON.stringify(plan)).not.toContain(fixturePassword);
  });

  it('makes schools only of orgs used as schools', async () => {
    const { plan } = await check(bulk11());

    // usr-a1 belongs only to the district, so the district is used as a school.
    expect(plan?.schools.create.map((school) => [school.sourcedId, school.name])).toEqual([
      ['org-dept', 'Lakeside Science Department'],
      ['org-dist', 'Lakeside District'],
    ]);
  });

  it('imports terms and semesters with their dates', async () => {
    const { plan } = await check(bulk11());

    expect(plan?.terms.create.map(({ sourcedId, title, startDate, endDate, schoolId }) => ({ sourcedId, title, startDate, endDate, hasSchool: schoolId !== null }))).toEqual([
      { sourcedId: 'as-fall', title: 'Fall 2026', startDate: '2026-08-24', endDate: '2027-01-22', hasSchool: true },
      { sourcedId: 'as-spring', title: 'Spring 2027', startDate: '2027-01-25', endDate: '2027-06-11', hasSchool: true },
    ]);
  });

  it('makes only homeroom classes advisories', async () => {
    const { plan } = await check(bulk11());

    expect(plan?.advisories.create.map((advisory) => advisory.title)).toEqual(['Advisory 10A']);
    expect(plan?.advisors.create).toHaveLength(1);
    expect(plan?.members.create).toHaveLength(3);
    expect(plan?.mentorships.create.map((mentorship) => mentorship.cadence)).toEqual(['weekly', 'monthly']);
  });

  it('reads the messy 1.2 fixture', async () => {
    const { problems, warnings, plan } = await check(bulk12());

    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'manifest.csv row 9: file.userProfiles has no value, so it is treated as absent.',
      'userprofiles.csv: this file contains the roles table instead of user profiles. It was ignored because roles.csv is present.',
    ]);
    const people = new Map(plan?.persons.create.map((person) => [person.sourcedId, person]));
    expect(people.get('usr-12-s')?.givenName).toBe('Stan');
    expect(people.get('usr-12-t')?.roles).toEqual(['advisor']);
    expect(people.get('usr-12-a')?.roles).toEqual(['admin']);
    expect(plan?.skippedUsers).toEqual({ guardian: 1 });
  });

  it('reads roles from userprofiles.csv without roles.csv', async () => {
    const files = bulk12();
    delete files['roles.csv'];
    const { problems, warnings, plan } = await check(files);

    expect(problems).toEqual([]);
    expect(warnings).toContain('userprofiles.csv: this file contains the roles table instead of user profiles, and there is no roles.csv, so it was read as roles.csv.');
    expect(plan?.persons.create).toHaveLength(3);
  });

  it('rejects a path that is not a folder', async () => {
    const log = new ProblemLog();
    await readRosterPackage('/nonexistent/roster', log);

    expect(log.problems.map(formatProblem)).toEqual(['/nonexistent/roster is not a folder. Give the folder that contains manifest.csv and the other OneRoster CSV files.']);
  });

  it('rejects a missing users.csv', async () => {
    const { problems } = await check(withFile('users.csv', undefined));

    expect(problems).toEqual(['manifest.csv: file.users is bulk, but users.csv is missing. Add users.csv to the folder or set file.users to absent.']);
  });

  it('rejects a bulk package without users', async () => {
    const files = withFile('users.csv', undefined);
    files['manifest.csv'] = manifest('1.1', { orgs: 'bulk' });
    const { problems } = await check(files);

    expect(problems).toEqual(['users.csv: required file users.csv is missing. Export the package again with users.csv included.']);
  });

  it('rejects an unknown manifest version', async () => {
    const { problems } = await check(withFile('manifest.csv', manifest('1.0', { users: 'bulk', orgs: 'bulk' })));

    expect(problems).toEqual([
      'manifest.csv row 3, column value: unknown OneRoster version "1.0". Homeroom imports OneRoster 1.1 and 1.2 packages: export the package as one of those.',
    ]);
  });

  it('rejects a missing required column', async () => {
    const { problems } = await check(withFile('enrollments.csv', crlf(['sourcedId,classSourcedId,schoolSourcedId,role', 'enr-1,cls-home,org-dept,teacher'])));

    expect(problems).toEqual(['enrollments.csv row 1, column userSourcedId: required column userSourcedId is missing from the header. Add it and fill it in on every row.']);
  });

  it('collects every row problem at once', async () => {
    const files = bulk11();
    files['users.csv'] += `\r\n,active,,TRUE,org-dept,student,x,,Xi,Xu,,,,,,,,${fixturePassword}\r\nusr-s5,active,,maybe,org-dept,student,y,,Yu,,,,,,,,,`;
    files['academicSessions.csv'] += '\r\nas-bad,active,,Winter,term,2026-02-30,2026-03-10,,2027\r\nas-back,active,,Back,term,2026-05-01,2026-04-01,,2027';
    files['mentors.csv'] += 'usr-t1,usr-s1,fortnightly\r\nusr-t1,usr-ghost,weekly\r\nusr-t1,usr-a1,weekly\r\nusr-p1,usr-s1,weekly\r\n';
    files['enrollments.csv'] += '\r\nenr-x,,,cls-home,org-dept,usr-ghost,student,,,\r\nenr-y,,,cls-nowhere,org-dept,usr-s1,student,,,\r\nenr-z,,,cls-home,org-nowhere,usr-s1,student,,,';
    const { problems } = await check(files);

    expect(problems).toEqual([
      'users.csv row 9, column sourcedId: the value is missing, but every row needs one. Fill it in or remove the row.',
      'users.csv row 10, column enabledUser: invalid enabledUser "maybe". Use true or false, or leave it empty.',
      'users.csv row 10, column familyName: the value is missing, but every row needs one. Fill it in or remove the row.',
      'academicSessions.csv row 6, column startDate: invalid date "2026-02-30". Write it as YYYY-MM-DD, as an ISO timestamp such as 2026-08-24T00:00:00Z, or as d/m/yyyy.',
      'academicSessions.csv row 7, column endDate: endDate 2026-04-01 is before startDate 2026-05-01. Correct one of the two dates.',
      'mentors.csv row 4, column cadence: invalid cadence "fortnightly". Use weekly, biweekly or monthly.',
      'enrollments.csv row 10, column schoolSourcedId: org org-nowhere is neither in orgs.csv nor a school in Homeroom. Add it to orgs.csv or correct the sourcedId.',
      'enrollments.csv row 8, column userSourcedId: user usr-ghost is neither in users.csv nor in Homeroom. Add the user to users.csv or remove this row.',
      'enrollments.csv row 9, column classSourcedId: class cls-nowhere is not in classes.csv. Add the class to classes.csv or remove this enrollment.',
      'mentors.csv row 5, column studentSourcedId: usr-ghost is neither a user in users.csv nor a person in Homeroom. Use the sourcedId of a user the roster imports.',
      'mentors.csv row 6, column studentSourcedId: user usr-a1 is not a student. studentSourcedId must name a student.',
      'mentors.csv row 7, column mentorSourcedId: user usr-p1 has the role parent, which Homeroom does not import. Pair students with teachers, administrators or other students.',
    ]);
  });

  it('rejects a role outside OneRoster', async () => {
    const files = bulk11();
    files['users.csv'] += `\r\nusr-w1,active,,TRUE,org-dept,wizard,w,,Wanda,Wiz,,,,,,,,${fixturePassword}`;
    // Rows naming the user add no problems of their own.
    files['enrollments.csv'] += '\r\nenr-w,,,cls-home,org-dept,usr-w1,student,,,';
    files['mentors.csv'] += 'usr-w1,usr-s1,weekly\r\n';
    const { problems } = await check(files);

    expect(problems).toEqual([
      'users.csv row 9, column role: invalid role "wizard", which is not a OneRoster role. Use one of administrator, aide, counselor, districtAdministrator, guardian, parent, principal, proctor, relative, siteAdministrator, student, systemAdministrator or teacher, or an extension role that starts with ext:.',
    ]);
  });

  it('rejects a 1.2 role outside OneRoster', async () => {
    const files = bulk12();
    files['roles.csv'] += '\r\nrol-6,active,,usr-12-s,secondary,Wizard,,,org-12';
    const { problems } = await check(files);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^roles\.csv row 7, column role: invalid role "Wizard"/);
  });

  it('skips known and extension roles', async () => {
    const files = bulk11();
    const extra = ['aide', 'Guardian', 'relative', 'proctor', 'ext:nurse'].map((role, index) => `usr-k${index},active,,TRUE,org-dept,${role},k,,Kim,Known${index},,,,,,,,`);
    files['users.csv'] += `\r\n${extra.join('\r\n')}`;
    const { problems, plan } = await check(files);

    expect(problems).toEqual([]);
    expect(plan?.skippedUsers).toEqual({ parent: 1, aide: 1, Guardian: 1, relative: 1, proctor: 1, 'ext:nurse': 1 });
  });

  it('rejects an invalid dateLastModified', async () => {
    const files = bulk11();
    files['users.csv'] += '\r\nusr-d1,active,2023-99-15,TRUE,org-dept,student,d,,Dee,Date,,,,,,,,';
    files['orgs.csv'] += '\r\norg-x,active,yesterday,X School,school,,';
    files['enrollments.csv'] += '\r\nenr-d,,2026-02-30T10:00:00Z,cls-home,org-dept,usr-s1,student,,,';
    const { problems } = await check(files);

    expect(problems).toEqual([
      'users.csv row 9, column dateLastModified: invalid date "2023-99-15". Write it as YYYY-MM-DD, as an ISO timestamp such as 2026-08-24T00:00:00Z, or as d/m/yyyy.',
      'orgs.csv row 4, column dateLastModified: invalid date "yesterday". Write it as YYYY-MM-DD, as an ISO timestamp such as 2026-08-24T00:00:00Z, or as d/m/yyyy.',
      'enrollments.csv row 8, column dateLastModified: invalid date "2026-02-30T10:00:00Z". Write it as YYYY-MM-DD, as an ISO timestamp such as 2026-08-24T00:00:00Z, or as d/m/yyyy.',
    ]);
  });

  it('checks dateLastModified under its misspelled header', async () => {
    const files = bulk12();
    files['roles.csv'] += '\r\nrol-6,active,2023-99-15,usr-12-s,secondary,student,,,org-12';
    const { problems } = await check(files);

    expect(problems).toEqual([
      'roles.csv row 7, column dateLastModified: invalid date "2023-99-15". Write it as YYYY-MM-DD, as an ISO timestamp such as 2026-08-24T00:00:00Z, or as d/m/yyyy.',
    ]);
  });

  it('rejects values over the length limits', async () => {
    const files = bulk11();
    const long = (length: number) => 'x'.repeat(length);
    files['users.csv'] += [
      '',
      `usr-l1,active,,TRUE,org-dept,student,l1,,${long(201)},Long,,,,,,,,`,
      `usr-l2,active,,TRUE,org-dept,student,l2,,Lee,${long(201)},,,,,,,,`,
      `usr-l3,active,,TRUE,org-dept,student,${long(256)},,Lee,Long,,,,,,,,`,
      `usr-l4,active,,TRUE,org-dept,student,l4,,Lee,Long,,,${long(243)}@example.edu,,,,,`,
      `${long(256)},active,,TRUE,org-dept,student,l5,,Lee,Long,,,,,,,,`,
      `usr-l6,active,,TRUE,"org-dept,${long(256)}",student,l6,,Lee,Long,,,,,,,,`,
      `usr-l7,active,,TRUE,org-dept,student,l7,,${long(1_000_000)},Long,,,,,,,,`,
    ].join('\r\n');
    files['classes.csv'] += `\r\ncls-long,active,,${long(201)},,,,homeroom,,org-dept,,,,`;
    const { problems } = await check(files);

    const tooLong = (length: number, max: number) => `the value is ${length} characters long, but at most ${max} are allowed. Shorten it in the source system and export the file again.`;
    expect(problems).toEqual([
      `users.csv row 9, column givenName: ${tooLong(201, 200)}`,
      `users.csv row 10, column familyName: ${tooLong(201, 200)}`,
      `users.csv row 11, column username: ${tooLong(256, 255)}`,
      `users.csv row 12, column email: ${tooLong(255, 254)}`,
      `users.csv row 13, column sourcedId: ${tooLong(256, 255)}`,
      'users.csv row 14, column orgSourcedIds: an id in the list is 256 characters long, but at most 255 are allowed. Shorten it in the source system and export the file again.',
      `users.csv row 15, column givenName: ${tooLong(1_000_000, 200)}`,
      `classes.csv row 4, column title: ${tooLong(201, 200)}`,
    ]);
  });

  it('accepts values at the length limits', async () => {
    const files = bulk11();
    // 200 characters, 100 of them outside the BMP (two UTF-16 code units each).
    const name = '\u{1F600}'.repeat(100) + 'y'.repeat(100);
    files['users.csv'] += `\r\nusr-m1,active,,TRUE,org-dept,student,${'u'.repeat(255)},,${name},Max,,,${'e'.repeat(242)}@example.edu,,,,,`;
    const { problems, plan } = await check(files);

    expect(problems).toEqual([]);
    expect(plan?.persons.create.find((person) => person.sourcedId === 'usr-m1')?.givenName).toBe(name);
  });

  it('warns about a shared e-mail address', async () => {
    const files = bulk11();
    files['users.csv'] += [
      '',
      'usr-e1,active,,TRUE,org-dept,student,e1,,Eve,One,,,SAM@Lakeside.example.edu,,,,,',
      'usr-e2,active,,TRUE,org-dept,student,e2,,Eve,Two,,,sam@lakeside.example.edu,,,,,',
      'usr-e3,inactive,,TRUE,org-dept,student,e3,,Eve,Three,,,sam@lakeside.example.edu,,,,,',
      'usr-e4,active,,FALSE,org-dept,student,e4,,Eve,Four,,,sam@lakeside.example.edu,,,,,',
      'usr-e5,active,,TRUE,org-dept,parent,e5,,Eve,Five,,,sam@lakeside.example.edu,,,,,',
    ].join('\r\n');
    const { problems, warnings } = await check(files);

    expect(problems).toEqual([]);
    expect(warnings).toContain(
      'users.csv row 9, column email: SAM@Lakeside.example.edu is also the e-mail address of user usr-s1 on users.csv row 4. Chat accounts cannot be linked by e-mail to either person until each has their own address.',
    );
    expect(warnings).toContain(
      'users.csv row 10, column email: sam@lakeside.example.edu is also the e-mail address of user usr-s1 on users.csv row 4. Chat accounts cannot be linked by e-mail to either person until each has their own address.',
    );
    expect(warnings.filter((warning) => warning.includes('e-mail address'))).toHaveLength(2);
  });

  it('keeps passwords out of problems', async () => {
    const files = bulk11();
    files['users.csv'] += `\r\nusr-bad,active,,TRUE,org-dept,student,b,,,Bad,,,,,,,,${fixturePassword}`;
    const { problems } = await check(files);

    expect(problems).toHaveLength(1);
    expect(problems.join('\n')).not.toContain(fixturePassword);
  });

  it('caps the problems of one import', async () => {
    const files = bulk11();
    const rows = Array.from({ length: 60 }, (_, index) => `usr-n${index},active,,TRUE,org-dept,student,n,,N,,,,,,,,,`);
    files['users.csv'] += `\r\n${rows.join('\r\n')}`;
    const log = new ProblemLog();
    const dir = writePackage(files);
    dirs.push(dir);
    await readRosterPackage(dir, log);

    const error = (() => {
      try {
        log.throwIfAny();
      } catch (caught) {
        return caught as RosterError;
      }
    })();
    expect(error?.problems).toHaveLength(50);
    expect(error?.omitted).toBe(10);
    expect(error?.message.split('\n')[0]).toBe('The roster package was not imported, and nothing was changed, because of 60 problems:');
    expect(error?.message.split('\n').at(-1)).toBe('... and 10 more problems, not listed. Fix the ones above and import again to see them.');
  });
});
