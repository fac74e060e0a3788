import { describe, expect, it } from 'vitest';
import { localDate, termContaining, termInstants } from '../../../src/domain/terms.ts';

const fall = { startDate: '2026-08-24', endDate: '2026-12-18' };
const spring = { startDate: '2027-01-11', endDate: '2027-06-11' };

describe('termContaining', () => {
  it('finds the term containing the date', () => {
    expect(termContaining('2026-10-01', [spring, fall])).toEqual(fall);
    expect(termContaining('2027-03-15', [spring, fall])).toEqual(spring);
  });

  it('includes both end dates', () => {
    expect(termContaining('2026-08-24', [fall])).toEqual(fall);
    expect(termContaining('2026-12-18', [fall])).toEqual(fall);
  });

  it('falls back between terms', () => {
    // Winter break between the two terms.
    expect(termContaining('2026-12-19', [fall, spring])).toEqual({ startDate: '2026-07-01', endDate: '2026-12-31' });
    expect(termContaining('2027-01-10', [fall, spring])).toEqual({ startDate: '2027-01-01', endDate: '2027-06-30' });
  });

  it('falls back at half-year edges', () => {
    expect(termContaining('2026-01-01', [])).toEqual({ startDate: '2026-01-01', endDate: '2026-06-30' });
    expect(termContaining('2026-06-30', [])).toEqual({ startDate: '2026-01-01', endDate: '2026-06-30' });
    expect(termContaining('2026-07-01', [])).toEqual({ startDate: '2026-07-01', endDate: '2026-12-31' });
    expect(termContaining('2026-12-31', [])).toEqual({ startDate: '2026-07-01', endDate: '2026-12-31' });
  });

  it('prefers the outermost of nested terms', () => {
    const schoolYear = { startDate: '2026-08-24', endDate: '2027-06-11' };
    const gradingPeriod = { startDate: '2026-08-24', endDate: '2026-10-23' };
    const secondPeriod = { startDate: '2026-10-26', endDate: '2026-12-18' };

    expect(termContaining('2026-09-01', [gradingPeriod, fall, schoolYear])).toEqual(schoolYear);
    expect(termContaining('2026-09-01', [schoolYear, fall, gradingPeriod])).toEqual(schoolYear);
    expect(termContaining('2026-11-02', [secondPeriod, fall])).toEqual(fall);
  });

  it('prefers the later end on equal starts', () => {
    const short = { startDate: '2026-08-24', endDate: '2026-10-23' };
    expect(termContaining('2026-09-01', [short, fall])).toEqual(fall);
    expect(termContaining('2026-09-01', [fall, short])).toEqual(fall);
  });

  it('returns only the dates', () => {
    const withId = { id: 'term-1', title: 'Fall', ...fall };
    expect(termContaining('2026-10-01', [withId])).toEqual(fall);
  });

  it('ignores terms with malformed dates', () => {
    const broken = { startDate: '2026-8-1', endDate: '2026-12-31' };
    expect(termContaining('2026-10-01', [broken])).toEqual({ startDate: '2026-07-01', endDate: '2026-12-31' });
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '', '2026-01-01T00:00'])('rejects today %j', (today) => {
    expect(() => termContaining(today, [fall])).toThrow(RangeError);
  });
});

describe('localDate', () => {
  it('uses the calendar date in the zone', () => {
    const at = new Date('2026-03-01T19:00:00Z');
    expect(localDate(at, 'UTC')).toBe('2026-03-01');
    expect(localDate(at, 'Asia/Kolkata')).toBe('2026-03-02');
    expect(localDate(at, 'Pacific/Chatham')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T04:59:00Z'), 'America/New_York')).toBe('2026-02-28');
  });

  it('rejects bad input', () => {
    expect(() => localDate(new Date('2026-03-01T00:00:00Z'), 'Not/AZone')).toThrow(RangeError);
    expect(() => localDate(new Date('garbage'), 'UTC')).toThrow(RangeError);
  });
});

describe('termInstants', () => {
  it('spans whole local days', () => {
    const range = termInstants(fall, 'America/New_York');
    expect(range.start.toISOString()).toBe('2026-08-24T04:00:00.000Z');
    // The day after the last day starts at EST midnight, after the November switch.
    expect(range.end.toISOString()).toBe('2026-12-19T05:00:00.000Z');
  });

  it('starts a day at the gap end', () => {
    // Chile skips Sunday 00:00-00:59 when summer time starts.
    const range = termInstants({ startDate: '2026-09-06', endDate: '2026-09-06' }, 'America/Santiago');
    expect(range.start.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-09-07T03:00:00.000Z');
  });

  it('rejects malformed dates', () => {
    expect(() => termInstants({ startDate: '2026-09-31', endDate: '2026-12-01' }, 'UTC')).toThrow(RangeError);
  });
});
