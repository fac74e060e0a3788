import { describe, expect, it } from 'vitest';
import { isOneRosterRole, mapOneRosterRole } from '../../../src/roster/roles.ts';
import { parseEnabled, parseRosterDate, parseStatus } from '../../../src/roster/values.ts';

describe('parseRosterDate', () => {
  it.each([
    ['2026-08-24', '2026-08-24'],
    ['2023-05-01T18:25:43.511Z', '2023-05-01'],
    ['2026-08-24T23:30:00-05:00', '2026-08-24'],
    ['1/05/2023', '2023-05-01'],
    ['15/06/2023', '2023-06-15'],
    ['25/1/2027', '2027-01-25'],
  ])('reads %s', (value, expected) => {
    expect(parseRosterDate(value)).toBe(expected);
  });

  it.each(['', '2026-02-30', '06/15/2023', '2026-13-01', 'tomorrow', '2026-08-24Tnoon', '2026/08/24'])('rejects %j', (value) => {
    expect(parseRosterDate(value)).toBeUndefined();
  });
});

describe('parseStatus', () => {
  it('accepts the statuses of real exports', () => {
    expect(parseStatus('')).toBe('active');
    expect(parseStatus('active')).toBe('active');
    expect(parseStatus('tobedeleted')).toBe('tobedeleted');
    expect(parseStatus('toBeDeleted')).toBe('tobedeleted');
    expect(parseStatus('inactive')).toBe('inactive');
  });

  it('rejects other values', () => {
    expect(parseStatus('deleted')).toBeUndefined();
  });
});

describe('parseEnabled', () => {
  it('accepts true and false in any case', () => {
    expect(parseEnabled('TRUE')).toBe(true);
    expect(parseEnabled('true')).toBe(true);
    expect(parseEnabled('')).toBe(true);
    expect(parseEnabled('false')).toBe(false);
    expect(parseEnabled('FALSE')).toBe(false);
  });

  it('rejects other values', () => {
    expect(parseEnabled('yes')).toBeUndefined();
  });
});

describe('mapOneRosterRole', () => {
  it.each([
    ['student', 'student'],
    ['teacher', 'advisor'],
    ['administrator', 'admin'],
    ['siteAdministrator', 'admin'],
    ['Teacher', 'advisor'],
  ])('maps %s', (role, expected) => {
    expect(mapOneRosterRole(role)).toBe(expected);
  });

  it.each(['parent', 'guardian', 'aide', 'relative', 'proctor', 'counselor'])('skips %s', (role) => {
    expect(mapOneRosterRole(role)).toBeUndefined();
  });
});

describe('isOneRosterRole', () => {
  it.each(['administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher', 'counselor', 'districtAdministrator', 'principal', 'siteAdministrator', 'systemAdministrator', 'Teacher', 'ext:nurse'])(
    'accepts %s',
    (role) => {
      expect(isOneRosterRole(role)).toBe(true);
    },
  );

  it.each(['wizard', '', 'ext:', 'teachers', 'admin'])('rejects %j', (role) => {
    expect(isOneRosterRole(role)).toBe(false);
  });
});
