import { describe, expect, it } from 'vitest';
import {
  nextWeeklyPromptSlot,
  parseLocalTime,
  weeklyPromptSlot,
  type WeeklyScheduleInput,
} from '../../../src/domain/weekly-schedule.ts';

const HOUR_MS = 3_600_000;

interface SlotCase {
  name: string;
  timeZone: string;
  weekday: number;
  time: string;
  at: string;
  week: string;
  dueAt: string;
  closesAt: string;
  hours: number;
}

function slotOf(timeZone: string, weekday: number, time: string, at: string) {
  return weeklyPromptSlot({ timeZone, weekday, time, at: new Date(at) });
}

function hoursBetween(start: Date, end: Date): number {
  return (end.getTime() - start.getTime()) / HOUR_MS;
}

describe('parseLocalTime', () => {
  it.each([
    ['09:00', 9, 0],
    ['9:05', 9, 5],
    ['00:00', 0, 0],
    ['23:59', 23, 59],
    [' 07:30 ', 7, 30],
  ])('parses %j', (text, hour, minute) => {
    expect(parseLocalTime(text)).toEqual({ ok: true, time: { hour, minute } });
  });

  it.each(['24:00', '12:60', '99:99'])('rejects %j as out of range', (text) => {
    expect(parseLocalTime(text)).toEqual({ ok: false, error: 'out_of_range' });
  });

  it.each(['', '9', '09:0', '0900', '9am', '09:00:00', '-1:00', '09.00', '０９:００', '123:00'])(
    'rejects %j as malformed',
    (text) => {
      expect(parseLocalTime(text)).toEqual({ ok: false, error: 'invalid_format' });
    },
  );
});

describe('weeklyPromptSlot', () => {
  const cases: SlotCase[] = [
    {
      name: 'UTC, ordinary week',
      timeZone: 'UTC',
      weekday: 1,
      time: '09:00',
      at: '2026-12-02T12:00:00Z',
      week: '2026-W49',
      dueAt: '2026-11-30T09:00:00.000Z',
      closesAt: '2026-12-07T09:00:00.000Z',
      hours: 168,
    },
    // America/New_York: EST -05:00, EDT -04:00. Switches on 2026-03-08,
    // 2026-11-01, 2027-03-14 and 2027-11-07 at 02:00 local.
    {
      name: 'New York, week before spring 2026',
      timeZone: 'America/New_York',
      weekday: 1,
      time: '09:00',
      at: '2026-03-04T15:00:00Z',
      week: '2026-W10',
      dueAt: '2026-03-02T14:00:00.000Z',
      closesAt: '2026-03-09T13:00:00.000Z',
      hours: 167,
    },
    {
      name: 'New York, week before fall 2026',
      timeZone: 'America/New_York',
      weekday: 1,
      time: '09:00',
      at: '2026-10-28T15:00:00Z',
      week: '2026-W44',
      dueAt: '2026-10-26T13:00:00.000Z',
      closesAt: '2026-11-02T14:00:00.000Z',
      hours: 169,
    },
    {
      name: 'New York, 02:30 in the spring 2026 gap',
      timeZone: 'America/New_York',
      weekday: 7,
      time: '02:30',
      at: '2026-03-05T12:00:00Z',
      week: '2026-W10',
      dueAt: '2026-03-08T07:00:00.000Z',
      closesAt: '2026-03-15T06:30:00.000Z',
      hours: 167.5,
    },
    {
      name: 'New York, 01:30 in the fall 2026 overlap',
      timeZone: 'America/New_York',
      weekday: 7,
      time: '01:30',
      at: '2026-10-29T12:00:00Z',
      week: '2026-W44',
      dueAt: '2026-11-01T05:30:00.000Z',
      closesAt: '2026-11-08T06:30:00.000Z',
      hours: 169,
    },
    {
      name: 'New York, 02:00 at the start of the 2027 gap',
      timeZone: 'America/New_York',
      weekday: 7,
      time: '02:00',
      at: '2027-03-10T12:00:00Z',
      week: '2027-W10',
      dueAt: '2027-03-14T07:00:00.000Z',
      closesAt: '2027-03-21T06:00:00.000Z',
      hours: 167,
    },
    {
      name: 'New York, 01:00 at the start of the 2027 overlap',
      timeZone: 'America/New_York',
      weekday: 7,
      time: '01:00',
      at: '2027-11-03T12:00:00Z',
      week: '2027-W44',
      dueAt: '2027-11-07T05:00:00.000Z',
      closesAt: '2027-11-14T06:00:00.000Z',
      hours: 169,
    },
    // Europe/London: GMT +00:00, BST +01:00. Switches on 2026-03-29,
    // 2026-10-25, 2027-03-28 and 2027-10-31 at 01:00 UTC.
    {
      name: 'London, week before spring 2026',
      timeZone: 'Europe/London',
      weekday: 1,
      time: '09:00',
      at: '2026-03-25T10:00:00Z',
      week: '2026-W13',
      dueAt: '2026-03-23T09:00:00.000Z',
      closesAt: '2026-03-30T08:00:00.000Z',
      hours: 167,
    },
    {
      name: 'London, 01:30 in the spring 2026 gap',
      timeZone: 'Europe/London',
      weekday: 7,
      time: '01:30',
      at: '2026-03-25T10:00:00Z',
      week: '2026-W13',
      dueAt: '2026-03-29T01:00:00.000Z',
      closesAt: '2026-04-05T00:30:00.000Z',
      hours: 167.5,
    },
    {
      name: 'London, 01:30 in the fall 2026 overlap',
      timeZone: 'Europe/London',
      weekday: 7,
      time: '01:30',
      at: '2026-10-21T10:00:00Z',
      week: '2026-W43',
      dueAt: '2026-10-25T00:30:00.000Z',
      closesAt: '2026-11-01T01:30:00.000Z',
      hours: 169,
    },
    {
      name: 'London, Friday before spring 2027',
      timeZone: 'Europe/London',
      weekday: 5,
      time: '17:00',
      at: '2027-03-24T10:00:00Z',
      week: '2027-W12',
      dueAt: '2027-03-26T17:00:00.000Z',
      closesAt: '2027-04-02T16:00:00.000Z',
      hours: 167,
    },
    {
      name: 'London, week before fall 2027',
      timeZone: 'Europe/London',
      weekday: 1,
      time: '09:00',
      at: '2027-10-27T10:00:00Z',
      week: '2027-W43',
      dueAt: '2027-10-25T08:00:00.000Z',
      closesAt: '2027-11-01T09:00:00.000Z',
      hours: 169,
    },
    // Australia/Sydney: AEST +10:00, AEDT +11:00. Summer time ends on the first
    // Sunday of April (03:00 becomes 02:00) and starts on the first Sunday of
    // October (02:00 becomes 03:00).
    {
      name: 'Sydney, week before April 2026',
      timeZone: 'Australia/Sydney',
      weekday: 1,
      time: '09:00',
      at: '2026-04-01T00:00:00Z',
      week: '2026-W14',
      dueAt: '2026-03-29T22:00:00.000Z',
      closesAt: '2026-04-05T23:00:00.000Z',
      hours: 169,
    },
    {
      name: 'Sydney, 02:30 in the April 2026 overlap',
      timeZone: 'Australia/Sydney',
      weekday: 7,
      time: '02:30',
      at: '2026-04-01T00:00:00Z',
      week: '2026-W14',
      dueAt: '2026-04-04T15:30:00.000Z',
      closesAt: '2026-04-11T16:30:00.000Z',
      hours: 169,
    },
    {
      name: 'Sydney, 02:30 in the October 2026 gap',
      timeZone: 'Australia/Sydney',
      weekday: 7,
      time: '02:30',
      at: '2026-09-30T00:00:00Z',
      week: '2026-W40',
      dueAt: '2026-10-03T16:00:00.000Z',
      closesAt: '2026-10-10T15:30:00.000Z',
      hours: 167.5,
    },
    {
      name: 'Sydney, week before April 2027',
      timeZone: 'Australia/Sydney',
      weekday: 1,
      time: '09:00',
      at: '2027-03-31T00:00:00Z',
      week: '2027-W13',
      dueAt: '2027-03-28T22:00:00.000Z',
      closesAt: '2027-04-04T23:00:00.000Z',
      hours: 169,
    },
    {
      name: 'Sydney, week before October 2027',
      timeZone: 'Australia/Sydney',
      weekday: 1,
      time: '09:00',
      at: '2027-09-29T00:00:00Z',
      week: '2027-W39',
      dueAt: '2027-09-26T23:00:00.000Z',
      closesAt: '2027-10-03T22:00:00.000Z',
      hours: 167,
    },
    // Asia/Kolkata: +05:30 all year.
    {
      name: 'Kolkata, no daylight saving',
      timeZone: 'Asia/Kolkata',
      weekday: 1,
      time: '09:00',
      at: '2026-03-04T06:00:00Z',
      week: '2026-W10',
      dueAt: '2026-03-02T03:30:00.000Z',
      closesAt: '2026-03-09T03:30:00.000Z',
      hours: 168,
    },
    {
      name: 'Kolkata, Monday already begun locally',
      timeZone: 'Asia/Kolkata',
      weekday: 1,
      time: '09:00',
      // Sunday 19:00 UTC is Monday 00:30 in Kolkata, so the local week is W10.
      at: '2026-03-01T19:00:00Z',
      week: '2026-W10',
      dueAt: '2026-03-02T03:30:00.000Z',
      closesAt: '2026-03-09T03:30:00.000Z',
      hours: 168,
    },
    // Pacific/Chatham: +12:45 standard, +13:45 summer. Summer time starts on the
    // last Sunday of September (02:45 becomes 03:45) and ends on the first Sunday
    // of April (03:45 becomes 02:45).
    {
      name: 'Chatham, week before September 2026',
      timeZone: 'Pacific/Chatham',
      weekday: 1,
      time: '09:00',
      at: '2026-09-22T00:00:00Z',
      week: '2026-W39',
      dueAt: '2026-09-20T20:15:00.000Z',
      closesAt: '2026-09-27T19:15:00.000Z',
      hours: 167,
    },
    {
      name: 'Chatham, 03:00 in the September 2026 gap',
      timeZone: 'Pacific/Chatham',
      weekday: 7,
      time: '03:00',
      at: '2026-09-22T00:00:00Z',
      week: '2026-W39',
      dueAt: '2026-09-26T14:00:00.000Z',
      closesAt: '2026-10-03T13:15:00.000Z',
      hours: 167.25,
    },
    {
      name: 'Chatham, 03:00 in the April 2026 overlap',
      timeZone: 'Pacific/Chatham',
      weekday: 7,
      time: '03:00',
      at: '2026-04-01T00:00:00Z',
      week: '2026-W14',
      dueAt: '2026-04-04T13:15:00.000Z',
      closesAt: '2026-04-11T14:15:00.000Z',
      hours: 169,
    },
    {
      name: 'Chatham, week before April 2027',
      timeZone: 'Pacific/Chatham',
      weekday: 1,
      time: '09:00',
      at: '2027-03-31T00:00:00Z',
      week: '2027-W13',
      dueAt: '2027-03-28T19:15:00.000Z',
      closesAt: '2027-04-04T20:15:00.000Z',
      hours: 169,
    },
    {
      name: 'Chatham, 03:00 in the September 2027 gap',
      timeZone: 'Pacific/Chatham',
      weekday: 7,
      time: '03:00',
      at: '2027-09-22T00:00:00Z',
      week: '2027-W38',
      dueAt: '2027-09-25T14:00:00.000Z',
      closesAt: '2027-10-02T13:15:00.000Z',
      hours: 167.25,
    },
    // ISO weeks: 2026 starts on a Thursday, so it has 53 weeks, and 2026-W53
    // runs from Monday 2026-12-28 to Sunday 2027-01-03.
    {
      name: 'January 1 2027 in 2026-W53',
      timeZone: 'UTC',
      weekday: 1,
      time: '09:00',
      at: '2027-01-01T12:00:00Z',
      week: '2026-W53',
      dueAt: '2026-12-28T09:00:00.000Z',
      closesAt: '2027-01-04T09:00:00.000Z',
      hours: 168,
    },
    {
      name: 'January 1 2028 in 2027-W52',
      timeZone: 'UTC',
      weekday: 1,
      time: '09:00',
      at: '2028-01-01T12:00:00Z',
      week: '2027-W52',
      dueAt: '2027-12-27T09:00:00.000Z',
      closesAt: '2028-01-03T09:00:00.000Z',
      hours: 168,
    },
    {
      name: 'January 1 2026 in 2026-W01',
      timeZone: 'UTC',
      weekday: 1,
      time: '09:00',
      at: '2026-01-01T12:00:00Z',
      week: '2026-W01',
      dueAt: '2025-12-29T09:00:00.000Z',
      closesAt: '2026-01-05T09:00:00.000Z',
      hours: 168,
    },
    {
      name: 'Sunday of 2026-W53 in New York',
      timeZone: 'America/New_York',
      weekday: 1,
      time: '09:00',
      // Sunday 2027-01-03 15:00 in New York, still 2026-W53.
      at: '2027-01-03T20:00:00Z',
      week: '2026-W53',
      dueAt: '2026-12-28T14:00:00.000Z',
      closesAt: '2027-01-04T14:00:00.000Z',
      hours: 168,
    },
    {
      name: 'same instant is 2027-W01 in Auckland',
      timeZone: 'Pacific/Auckland',
      weekday: 1,
      time: '09:00',
      // Monday 2027-01-04 09:00 in Auckland (+13:00).
      at: '2027-01-03T20:00:00Z',
      week: '2027-W01',
      dueAt: '2027-01-03T20:00:00.000Z',
      closesAt: '2027-01-10T20:00:00.000Z',
      hours: 168,
    },
    // A prompt at the very end of the ISO week.
    {
      name: 'Kolkata, Sunday 23:30',
      timeZone: 'Asia/Kolkata',
      weekday: 7,
      time: '23:30',
      at: '2026-03-02T02:30:00Z',
      week: '2026-W10',
      dueAt: '2026-03-08T18:00:00.000Z',
      closesAt: '2026-03-15T18:00:00.000Z',
      hours: 168,
    },
    {
      name: 'Kolkata, Sunday 23:30 seen at 23:45',
      timeZone: 'Asia/Kolkata',
      weekday: 7,
      time: '23:30',
      at: '2026-03-08T18:15:00Z',
      week: '2026-W10',
      dueAt: '2026-03-08T18:00:00.000Z',
      closesAt: '2026-03-15T18:00:00.000Z',
      hours: 168,
    },
    {
      name: 'Kolkata, Sunday 23:30 seen on Monday',
      timeZone: 'Asia/Kolkata',
      weekday: 7,
      time: '23:30',
      at: '2026-03-08T18:40:00Z',
      week: '2026-W11',
      dueAt: '2026-03-15T18:00:00.000Z',
      closesAt: '2026-03-22T18:00:00.000Z',
      hours: 168,
    },
    {
      name: 'New York, Sunday 23:30 across fall 2026',
      timeZone: 'America/New_York',
      weekday: 7,
      time: '23:30',
      at: '2026-10-21T12:00:00Z',
      week: '2026-W43',
      dueAt: '2026-10-26T03:30:00.000Z',
      closesAt: '2026-11-02T04:30:00.000Z',
      hours: 169,
    },
  ];

  it.each(cases)('$name', (testCase) => {
    const slot = slotOf(testCase.timeZone, testCase.weekday, testCase.time, testCase.at);

    expect(slot.week).toBe(testCase.week);
    expect(slot.dueAt.toISOString()).toBe(testCase.dueAt);
    expect(slot.closesAt.toISOString()).toBe(testCase.closesAt);
    expect(hoursBetween(slot.dueAt, slot.closesAt)).toBe(testCase.hours);
  });

  it('gives the same slot for every instant of the week', () => {
    const expected = slotOf('Europe/London', 3, '14:15', '2026-10-19T00:00:00Z');
    // 2026-W43 in London runs from Monday 00:00 BST to Sunday 23:59 GMT.
    for (const at of ['2026-10-18T23:00:00Z', '2026-10-22T12:00:00Z', '2026-10-25T23:59:59.999Z']) {
      const slot = slotOf('Europe/London', 3, '14:15', at);
      expect(slot.week).toBe('2026-W43');
      expect(slot.dueAt.toISOString()).toBe(expected.dueAt.toISOString());
    }
    expect(expected.dueAt.toISOString()).toBe('2026-10-21T13:15:00.000Z');
  });

  it('chains each week to the next', () => {
    let at = new Date('2026-01-05T12:00:00Z');
    for (let week = 0; week < 60; week += 1) {
      const slot = slotOf('Australia/Sydney', 4, '16:00', at.toISOString());
      const following = slotOf('Australia/Sydney', 4, '16:00', slot.closesAt.toISOString());
      expect(following.dueAt.toISOString()).toBe(slot.closesAt.toISOString());
      at = slot.closesAt;
    }
  });

  it.each([
    ['America/New_York', 2, 2],
    ['Europe/London', 2, 2],
    ['Australia/Sydney', 2, 2],
    ['Pacific/Chatham', 2, 2],
    ['Asia/Kolkata', 0, 0],
  ])('%s weeks are 167, 168 or 169 hours in 2026-2027', (timeZone, shortWeeks, longWeeks) => {
    const lengths: number[] = [];
    let at = new Date('2026-01-05T12:00:00Z');
    while (at.getTime() < Date.parse('2027-12-27T00:00:00Z')) {
      const slot = slotOf(timeZone, 1, '09:00', at.toISOString());
      lengths.push(hoursBetween(slot.dueAt, slot.closesAt));
      at = slot.closesAt;
    }

    expect(lengths.every((hours) => hours === 167 || hours === 168 || hours === 169)).toBe(true);
    expect(lengths.filter((hours) => hours === 167)).toHaveLength(shortWeeks);
    expect(lengths.filter((hours) => hours === 169)).toHaveLength(longWeeks);
  });

  it('splits a lost hour across two weeks for a time in the gap', () => {
    const before = slotOf('America/New_York', 7, '02:30', '2026-02-26T12:00:00Z');
    const during = slotOf('America/New_York', 7, '02:30', '2026-03-05T12:00:00Z');

    expect(before.dueAt.toISOString()).toBe('2026-03-01T07:30:00.000Z');
    expect(before.closesAt.toISOString()).toBe(during.dueAt.toISOString());
    expect(hoursBetween(before.dueAt, before.closesAt)).toBe(167.5);
    expect(hoursBetween(during.dueAt, during.closesAt)).toBe(167.5);
  });

  it('rejects invalid schedules', () => {
    const valid: WeeklyScheduleInput = {
      timeZone: 'UTC',
      weekday: 1,
      time: '09:00',
      at: new Date('2026-03-02T00:00:00Z'),
    };

    expect(() => weeklyPromptSlot({ ...valid, timeZone: 'Nowhere/Special' })).toThrow(RangeError);
    expect(() => weeklyPromptSlot({ ...valid, weekday: 0 })).toThrow(RangeError);
    expect(() => weeklyPromptSlot({ ...valid, weekday: 8 })).toThrow(RangeError);
    expect(() => weeklyPromptSlot({ ...valid, weekday: 1.5 })).toThrow(RangeError);
    expect(() => weeklyPromptSlot({ ...valid, time: '25:00' })).toThrow(RangeError);
    expect(() => weeklyPromptSlot({ ...valid, at: new Date('not a date') })).toThrow(RangeError);
    expect(() => nextWeeklyPromptSlot({ ...valid, weekday: 0 })).toThrow(RangeError);
  });
});

describe('nextWeeklyPromptSlot', () => {
  const schedule = { timeZone: 'America/New_York', weekday: 1, time: '09:00' };

  it('returns this week when the slot is ahead', () => {
    const slot = nextWeeklyPromptSlot({ ...schedule, at: new Date('2026-03-02T13:59:59.999Z') });

    expect(slot.week).toBe('2026-W10');
    expect(slot.dueAt.toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });

  it('returns next week at the due instant', () => {
    const slot = nextWeeklyPromptSlot({ ...schedule, at: new Date('2026-03-02T14:00:00Z') });

    expect(slot.week).toBe('2026-W11');
    expect(slot.dueAt.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(slot.closesAt.toISOString()).toBe('2026-03-16T13:00:00.000Z');
  });

  it('crosses from 2026-W53 into 2027-W01', () => {
    const slot = nextWeeklyPromptSlot({ timeZone: 'UTC', weekday: 1, time: '09:00', at: new Date('2027-01-01T12:00:00Z') });

    expect(slot.week).toBe('2027-W01');
    expect(slot.dueAt.toISOString()).toBe('2027-01-04T09:00:00.000Z');
  });

  it('moves past a Sunday 23:30 slot', () => {
    const slot = nextWeeklyPromptSlot({
      timeZone: 'Asia/Kolkata',
      weekday: 7,
      time: '23:30',
      at: new Date('2026-03-08T18:15:00Z'),
    });

    expect(slot.week).toBe('2026-W11');
    expect(slot.dueAt.toISOString()).toBe('2026-03-15T18:00:00.000Z');
  });

  it('lands on the gap end in spring', () => {
    const slot = nextWeeklyPromptSlot({
      timeZone: 'America/New_York',
      weekday: 7,
      time: '02:30',
      at: new Date('2026-03-08T06:59:00Z'),
    });

    expect(slot.week).toBe('2026-W10');
    expect(slot.dueAt.toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
});
