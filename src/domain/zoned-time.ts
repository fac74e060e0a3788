import { IANAZone } from 'luxon';

/** A wall-clock date and time with no time zone attached. Months are 1-12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Luxon builds an Intl.DateTimeFormat on every validity check, which is slow
// enough to matter when a sweep computes slots for thousands of students.
const validity = new Map<string, boolean>();

/** Returns whether `timeZone` is an IANA time zone name that this runtime's tz data contains. */
export function isValidTimeZone(timeZone: string): boolean {
  let valid = validity.get(timeZone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(timeZone);
    validity.set(timeZone, valid);
  }

  return valid;
}

/**
 * Converts a wall-clock time in `timeZone` to an instant.
 *
 * When daylight saving time makes the local time ambiguous (fall back), the earlier
 * occurrence wins. When the local time does not exist (spring forward), the result
 * is the instant the gap ends, which is the first valid local time after it:
 * 02:30 on a New York spring-forward day becomes 03:00 EDT. Luxon 3.7 instead
 * shifts by the gap length (02:30 becomes 03:30) and takes the later occurrence of
 * an ambiguous time. Moving to the gap end keeps a 02:30 schedule from firing after
 * a 03:00 one.
 *
 * Throws a RangeError for an unknown time zone.
 */
export function zonedTimeToInstant(local: LocalDateTime, timeZone: string): Date {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Unknown time zone "${timeZone}": expected an IANA name such as "Europe/London".`);
  }

  const zone = IANAZone.create(timeZone);
  const offsetMs = (instant: number): number => zone.offset(instant) * MINUTE_MS;
  const wallClockMs = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);

  // The offsets a day before and a day after cover every possible result as long as the
  // zone changes its offset at most once in those two days, as current tz rules do.
  const candidates = [...new Set([offsetMs(wallClockMs - DAY_MS), offsetMs(wallClockMs + DAY_MS)])].map(
    (offset) => wallClockMs - offset,
  );
  const matches = candidates.filter((instant) => instant + offsetMs(instant) === wallClockMs);
  if (matches.length > 0) {
    return new Date(Math.min(...matches));
  }

  // The local time is in a gap. The earlier candidate shows a wall clock before the
  // requested time and the later one a wall clock after it, with the transition
  // between them, so a binary search finds the transition to the millisecond.
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (middle + offsetMs(middle) >= wallClockMs) {
      after = middle;
    } else {
      before = middle;
    }
  }

  return new Date(after);
}
