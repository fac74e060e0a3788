import { describe, expect, it } from 'vitest';
import { canViewPlan, type PlanAccess, type PlanSubject, type PlanViewer } from '../../../src/domain/plan-access.ts';

const SCHOOL = 'school-a';
const OTHER_SCHOOL = 'school-b';

const student: PlanSubject = { personId: 'stu-1', schoolId: SCHOOL, advisoryIds: ['adv-1'] };

function viewer(overrides: Partial<PlanViewer>): PlanViewer {
  return { personId: 'viewer', schoolId: SCHOOL, roles: [], advisoryIdsLed: [], activeMenteeIds: [], ...overrides };
}

const cases: { name: string; viewer: PlanViewer; subject?: PlanSubject; expected: PlanAccess }[] = [
  {
    name: 'student sees own plan',
    viewer: viewer({ personId: 'stu-1', roles: ['student'] }),
    expected: { allowed: true, basis: 'self' },
  },
  {
    name: 'person without roles sees own plan',
    viewer: viewer({ personId: 'stu-1' }),
    expected: { allowed: true, basis: 'self' },
  },
  {
    name: 'student cannot see classmate',
    viewer: viewer({ personId: 'stu-2', roles: ['student'] }),
    expected: { allowed: false, reason: 'not_related' },
  },
  {
    name: 'student in same advisory cannot see',
    viewer: viewer({ personId: 'stu-2', roles: ['student'], advisoryIdsLed: [] }),
    subject: { ...student, advisoryIds: ['adv-1'] },
    expected: { allowed: false, reason: 'not_related' },
  },
  {
    name: 'student with stray mentee data cannot see',
    viewer: viewer({ personId: 'stu-2', roles: ['student'], activeMenteeIds: ['stu-1'], advisoryIdsLed: ['adv-1'] }),
    expected: { allowed: false, reason: 'not_related' },
  },
  {
    name: 'advisor sees advisory member',
    viewer: viewer({ roles: ['advisor'], advisoryIdsLed: ['adv-9', 'adv-1'] }),
    expected: { allowed: true, basis: 'advisor' },
  },
  {
    name: 'advisor cannot see other advisory',
    viewer: viewer({ roles: ['advisor'], advisoryIdsLed: ['adv-2'] }),
    expected: { allowed: false, reason: 'not_related' },
  },
  {
    name: 'advisor cannot see student without advisory',
    viewer: viewer({ roles: ['advisor'], advisoryIdsLed: ['adv-1'] }),
    subject: { ...student, advisoryIds: [] },
    expected: { allowed: false, reason: 'not_related' },
  },
  {
    name: 'mentor sees active mentee',
    viewer: viewer({ roles: ['mentor'], activeMenteeIds: ['stu-1'] }),
    expected: { allowed: true, basis: 'mentor' },
  },
  {
    name: 'mentor cannot see others',
    viewer: viewer({ roles: ['mentor'], activeMenteeIds: ['stu-7'] }),
    expected: { allowed: false, reason: 'not_related' },
  },
  {
    name: 'peer mentor sees mentee',
    viewer: viewer({ personId: 'stu-2', roles: ['student', 'mentor'], activeMenteeIds: ['stu-1'] }),
    expected: { allowed: true, basis: 'mentor' },
  },
  {
    name: 'peer mentor cannot see non-mentee',
    viewer: viewer({ personId: 'stu-2', roles: ['student', 'mentor'], activeMenteeIds: ['stu-3'] }),
    expected: { allowed: false, reason: 'not_related' },
  },
  {
    name: 'admin sees own school',
    viewer: viewer({ roles: ['admin'] }),
    expected: { allowed: true, basis: 'admin' },
  },
  {
    name: 'admin blocked across schools',
    viewer: viewer({ roles: ['admin'], schoolId: OTHER_SCHOOL }),
    expected: { allowed: false, reason: 'other_school' },
  },
  {
    name: 'advisor blocked across schools',
    viewer: viewer({ roles: ['advisor'], advisoryIdsLed: ['adv-1'], schoolId: OTHER_SCHOOL }),
    expected: { allowed: false, reason: 'other_school' },
  },
  {
    name: 'mentor blocked across schools',
    viewer: viewer({ roles: ['mentor'], activeMenteeIds: ['stu-1'], schoolId: OTHER_SCHOOL }),
    expected: { allowed: false, reason: 'other_school' },
  },
  {
    name: 'student blocked across schools',
    viewer: viewer({ personId: 'stu-9', roles: ['student'], schoolId: OTHER_SCHOOL }),
    expected: { allowed: false, reason: 'other_school' },
  },
  {
    name: 'advisor basis wins over admin',
    viewer: viewer({ roles: ['admin', 'mentor', 'advisor'], advisoryIdsLed: ['adv-1'], activeMenteeIds: ['stu-1'] }),
    expected: { allowed: true, basis: 'advisor' },
  },
  {
    name: 'mentor basis wins over admin',
    viewer: viewer({ roles: ['admin', 'mentor'], activeMenteeIds: ['stu-1'] }),
    expected: { allowed: true, basis: 'mentor' },
  },
  {
    name: 'admin basis without relationship',
    viewer: viewer({ roles: ['admin', 'advisor'], advisoryIdsLed: ['adv-2'] }),
    expected: { allowed: true, basis: 'admin' },
  },
  {
    name: 'relationship without role grants nothing',
    viewer: viewer({ roles: [], advisoryIdsLed: ['adv-1'], activeMenteeIds: ['stu-1'] }),
    expected: { allowed: false, reason: 'not_related' },
  },
];

describe('canViewPlan', () => {
  it.each(cases)('$name', ({ viewer: who, subject, expected }) => {
    expect(canViewPlan(who, subject ?? student)).toEqual(expected);
  });
});
