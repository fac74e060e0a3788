import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GeneratedSchool {
  dir: string;
  students: { sourcedId: string; email: string; givenName: string }[];
  advisors: number;
  homerooms: number;
}

export interface SchoolSize {
  students: number;
  /** Students in each homeroom class. Each homeroom gets its own advisor. */
  homeroomSize: number;
}

const givenNames = ['Ava', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Gia', 'Hugo', 'Ines', 'Jae', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya'];
const familyNames = ['Adams', 'Bello', 'Costa', 'Dubois', 'Eriksen', 'Fujita', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kaur', 'Lopez'];

function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}

function csv(rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

/**
 * Writes a OneRoster 1.1 bulk package of one school into a new temporary
 * folder. The terms are dated around `today`, so that this week and the next
 * fall in the same term, as they would in a school year under way.
 */
export function generateSchool(size: SchoolSize, today: Date = new Date()): GeneratedSchool {
  const dir = mkdtempSync(path.join(tmpdir(), 'homeroom-bench-roster-'));
  const school = 'org-bench-high';
  const homerooms = Math.ceil(size.students / size.homeroomSize);

  const yearStart = addDays(today, -60);
  const termBreak = addDays(today, 60);
  const yearEnd = addDays(today, 240);
  const sessions = [
    'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear',
    `as-year,,,Bench Year,schoolYear,${isoDate(yearStart)},${isoDate(yearEnd)},,${yearEnd.getUTCFullYear()}`,
    `as-term-1,,,Term 1,term,${isoDate(yearStart)},${isoDate(termBreak)},as-year,${yearEnd.getUTCFullYear()}`,
    `as-term-2,,,Term 2,term,${isoDate(addDays(termBreak, 1))},${isoDate(yearEnd)},as-year,${yearEnd.getUTCFullYear()}`,
  ];

  const users = [
    'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
    `usr-admin,,,true,${school},administrator,bench.admin,,Alex,Admin,,A0001,admin@bench.example.edu,,,,,`,
  ];
  const classes = [
    'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
  ];
  const enrollments = ['sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate'];

  for (let room = 0; room < homerooms; room += 1) {
    const advisor = `usr-adv-${room}`;
    const homeroom = `cls-home-${room}`;
    users.push(`${advisor},,,true,${school},teacher,advisor.${room},,Adrian,Advisor${room},,T${room},advisor.${room}@bench.example.edu,,,,,`);
    classes.push(`${homeroom},,,Advisory ${room},10,crs-advisory,ADV-${room},homeroom,Room ${room},${school},"as-term-1,as-term-2",,,`);
    enrollments.push(`enr-adv-${room},,,${homeroom},${school},${advisor},teacher,true,,`);
  }

  const students: GeneratedSchool['students'] = [];
  for (let n = 0; n < size.students; n += 1) {
    const sourcedId = `usr-stu-${n}`;
    const givenName = givenNames[n % givenNames.length]!;
    const familyName = familyNames[Math.floor(n / givenNames.length) % familyNames.length]!;
    const email = `student.${n}@bench.example.edu`;
    users.push(`${sourcedId},,,true,${school},student,student.${n},,${givenName},${familyName},,S${n},${email},,,,10,`);
    enrollments.push(`enr-stu-${n},,,cls-home-${Math.floor(n / size.homeroomSize)},${school},${sourcedId},student,false,,`);
    students.push({ sourcedId, email, givenName });
  }

  const files: Record<string, string> = {
    'manifest.csv': csv([
      'propertyName,value',
      'manifest.version,1.0',
      'oneroster.version,1.1',
      'file.academicSessions,bulk',
      'file.categories,absent',
      'file.classes,bulk',
      'file.classResources,absent',
      'file.courses,absent',
      'file.courseResources,absent',
      'file.demographics,absent',
      'file.enrollments,bulk',
      'file.lineItems,absent',
      'file.orgs,bulk',
      'file.resources,absent',
      'file.results,absent',
      'file.users,bulk',
      'source.systemCode,absent',
      'source.systemName,absent',
    ]),
    'orgs.csv': csv([
      'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
      `${school},,,Bench High School,school,BHS,`,
    ]),
    'academicSessions.csv': csv(sessions),
    'users.csv': csv(users),
    'classes.csv': csv(classes),
    'enrollments.csv': csv(enrollments),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);

  return { dir, students, advisors: homerooms, homerooms };
}
