import { describe, expect, it } from 'vitest';
import { isValidTimeZone, zonedTimeToInstant } from '../../../src/domain/zoned-time.ts';

function instant(timeZone: string, year: number, month: number, day: number, hour: number, minute: number): string {
  return zonedTimeToInstant({ year, month, day, hour, minute }, timeZone).toISOString();
}

describe('zonedTimeToInstant', () => {
  it('converts ordinary local times', () => {
    expect(instant('America/New_York', 2026, 1, 15, 9, 0)).toBe('2026-01-15T14:00:00.000Z');
    expect(instant('America/New_York', 2026, 7, 15, 9, 0)).toBe('2026-07-15T13:00:00.000Z');
    expect(instant('Asia/Kolkata', 2026, 3, 2, 0, 0)).toBe('2026-03-01T18:30:00.000Z');
    expect(instant('UTC', 2026, 12, 31, 23, 59)).toBe('2026-12-31T23:59:00.000Z');
  });

  it('moves a spring-forward gap time to the end of the gap', () => {
    expect(instant('America/New_York', 2026, 3, 8, 2, 0)).toBe('2026-03-08T07:00:00.000Z');
    expect(instant('America/New_York', 2026, 3, 8, 2, 30)).toBe('2026-03-08T07:00:00.000Z');
    expect(instant('America/New_York', 2026, 3, 8, 2, 59)).toBe('2026-03-08T07:00:00.000Z');
    expect(instant('Europe/London', 2026, 3, 29, 1, 30)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('keeps the times either side of a gap', () => {
    expect(instant('America/New_York', 2026, 3, 8, 1, 59)).toBe('2026-03-08T06:59:00.000Z');
    expect(instant('America/New_York', 2026, 3, 8, 3, 0)).toBe('2026-03-08T07:00:00.000Z');
    expect(instant('America/New_York', 2026, 3, 8, 3, 1)).toBe('2026-03-08T07:01:00.000Z');
  });

  it('takes the earlier occurrence in a fall-back overlap', () => {
    expect(instant('America/New_York', 2026, 11, 1, 1, 0)).toBe('2026-11-01T05:00:00.000Z');
    expect(instant('America/New_York', 2026, 11, 1, 1, 30)).toBe('2026-11-01T05:30:00.000Z');
    expect(instant('America/New_York', 2026, 11, 1, 1, 59)).toBe('2026-11-01T05:59:00.000Z');
    expect(instant('America/New_York', 2026, 11, 1, 2, 0)).toBe('2026-11-01T07:00:00.000Z');
    expect(instant('Europe/London', 2026, 10, 25, 1, 30)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles 30- and 45-minute offsets and shifts', () => {
    // Lord Howe Island moves its clocks by 30 minutes: 02:00 becomes 02:30.
    expect(instant('Australia/Lord_Howe', 2026, 10, 4, 2, 15)).toBe('2026-10-03T15:30:00.000Z');
    // 01:30-02:00 repeats when it falls back, first at +11:00.
    expect(instant('Australia/Lord_Howe', 2026, 4, 5, 1, 45)).toBe('2026-04-04T14:45:00.000Z');
    // Chatham Islands: +12:45 standard, +13:45 summer, gap from 02:45 to 03:45.
    expect(instant('Pacific/Chatham', 2026, 9, 27, 3, 0)).toBe('2026-09-26T14:00:00.000Z');
    expect(instant('Pacific/Chatham', 2026, 4, 5, 3, 0)).toBe('2026-04-04T13:15:00.000Z');
  });

  it('handles a gap at local midnight', () => {
    // Chile springs forward at 24:00 on Saturday, so Sunday 00:00-00:59 is missing.
    expect(instant('America/Santiago', 2026, 9, 6, 0, 0)).toBe('2026-09-06T04:00:00.000Z');
    expect(instant('America/Santiago', 2026, 9, 6, 0, 30)).toBe('2026-09-06T04:00:00.000Z');
  });

  it('moves a time in a skipped day to the next midnight', () => {
    // Samoa skipped 30 December 2011 when it moved from -10:00 to +14:00.
    expect(instant('Pacific/Apia', 2011, 12, 30, 12, 0)).toBe('2011-12-30T10:00:00.000Z');
  });

  it('rejects an unknown time zone', () => {
    expect(() => instant('Mars/Olympus_Mons', 2026, 1, 1, 0, 0)).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimeZone('Pacific/Chatham')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
